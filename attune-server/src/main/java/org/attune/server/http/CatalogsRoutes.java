package org.attune.server.http;

import java.util.List;
import org.attune.core.catalog.CatalogService;

/** The routes of catalogs (their typed schemas and churn) and of their products. */
final class CatalogsRoutes {
    private CatalogsRoutes() {
    }

    static List<ApiRoute> routes(CatalogsApi api) {
        return List.of(
                ApiRoute.post("/v1/catalogs").access(Access.EDITOR).tag("Catalogs")
                        .summary("Create a catalog with its typed schema")
                        .description("Attribute types: string, number, boolean, string_list, url, timestamp. Roles"
                                + " (each at most once): title, brand, color, size, category, price, availability,"
                                + " image, url, tags. Profiles keep affinities per value of the attributes with roles"
                                + " brand, color, size and category, and of any attribute marked \"affinity\": true."
                                + " 'eventWeights' (optional, at most 100 types, 0 to 1,000 each) sets how much an"
                                + " event type counts towards affinities and trending in this catalog, over the"
                                + " defaults view 1, click 2, add_to_cart 5, purchase 8 (0 turns a type off)."
                                + " Every problem of the definition is reported at once.")
                        .body("CatalogDefinition", "application/json", """
                                {"id": "shop", "name": "Demo shop", "language": "en",
                                 "schema": {"attributes": [
                                   {"name": "title", "type": "string", "role": "title", "required": true},
                                   {"name": "brand", "type": "string", "role": "brand"},
                                   {"name": "material", "type": "string", "affinity": true},
                                   {"name": "price", "type": "number", "role": "price"},
                                   {"name": "available", "type": "boolean", "role": "availability"}]},
                                 "eventWeights": {"purchase": 10, "wishlist": 3}}""")
                        .response(201, "Created", "Catalog", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .response(409, "The id is taken")
                        .handle(api::create),
                ApiRoute.get("/v1/catalogs").access(Access.EDITOR).tag("Catalogs")
                        .summary("List catalogs")
                        .response(200, "All catalogs")
                        .handle(api::list),
                ApiRoute.get("/v1/catalogs/{catalog}").access(Access.EDITOR).tag("Catalogs")
                        .summary("One catalog with its schema")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The catalog", "Catalog", null)
                        .response(404, "No such catalog")
                        .handle(api::get),
                ApiRoute.get("/v1/catalogs/{catalog}/stats").access(Access.EDITOR).tag("Catalogs")
                        .summary("Product counts and churn")
                        .description("Live and available products, and products added, changed and removed within"
                                + " the last 'days' days; churn = (added + removed) / products at the window start (or, for a"
                                + " catalog empty then, / products live within the window).")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("days", "integer", "Churn window in days, 1 to 3650 (default 7)")
                        .response(200, "Counts and churn", "CatalogStats", null)
                        .handle(api::stats),
                ApiRoute.put("/v1/catalogs/{catalog}/products").access(Access.EDITOR).tag("Products")
                        .summary("Bulk upsert products (JSON array or NDJSON)")
                        .description("Up to " + CatalogService.MAX_PRODUCTS_PER_REQUEST + " products and "
                                + CatalogsApi.MAX_PRODUCTS_BODY_BYTES / (1024 * 1024) + " MiB per request. Products"
                                + " are flat objects: id plus one field per schema attribute. Each record is"
                                + " validated against the schema; valid ones are stored even when others are"
                                + " rejected. Every addition and change is recorded for churn.")
                        .pathParam("catalog", "Catalog id")
                        .body("Product", "application/json", """
                                [{"id": "p-1", "title": "Trail runner", "brand": "Nordpeak", "price": 89.9, "available": true}]""")
                        .bodyExample("application/x-ndjson", """
                                {"id":"p-1","title":"Trail runner","brand":"Nordpeak","price":89.9}
                                {"id":"p-2","title":"Rain jacket","brand":"Nordpeak","price":129.0}
                                """)
                        .response(200, "Stored (possibly with some records rejected)", "UpsertResult", null)
                        .response(400, "No record could be accepted", "Error", null)
                        .response(413, "Body or batch too large")
                        .handle(api::upsertProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products").access(Access.EDITOR).tag("Products")
                        .summary("Page through products by id")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("cursor", "string", "Return products with ids after this one (the previous"
                                + " page's 'next')")
                        .queryParam("limit", "integer", "1 to " + CatalogService.MAX_PAGE_SIZE + " (default 100)")
                        .response(200, "A page of products; 'next' is null on the last page", "ProductPage", null)
                        .handle(api::listProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("One product")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(200, "The product", "StoredProduct", null)
                        .response(404, "No such product (or it was removed)")
                        .handle(api::getProduct),
                ApiRoute.patch("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("Change some attributes of a product")
                        .description("A merge patch: given attributes are replaced, null removes an attribute"
                                + " (not a required one). The result is validated against the schema.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .body(null, "application/json", "{\"price\": 79.9, \"available\": false}")
                        .response(200, "The updated product", "StoredProduct", null)
                        .response(400, "Invalid patch", "Error", null)
                        .response(404, "No such product")
                        .handle(api::patchProduct),
                ApiRoute.delete("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("Remove a product")
                        .description("The product is no longer served; the removal counts towards churn.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(204, "Removed")
                        .response(404, "No such product")
                        .handle(api::deleteProduct));
    }
}
