package org.attune.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;

/** Handlers for catalogs and products. */
final class CatalogsApi {
    /** Largest bulk product upsert body. */
    static final long MAX_PRODUCTS_BODY_BYTES = 256L * 1024 * 1024;

    private final CatalogService catalogs;

    CatalogsApi(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    void create(Context ctx) {
        Catalog catalog = catalogs.create(RequestBodies.readJson(ctx));
        ctx.header("Location", "/v1/catalogs/" + catalog.id());
        ApiJson.write(ctx, 201, toJson(catalog));
    }

    void list(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("catalogs", catalogs.list().stream().map(CatalogsApi::toJson).toList()));
    }

    void get(Context ctx) {
        ApiJson.write(ctx, 200, toJson(catalogs.catalog(ctx.pathParam("catalog"))));
    }

    void stats(Context ctx) {
        int days = (int) EventsApi.longParam(ctx, "days", 7);
        ApiJson.write(ctx, 200, catalogs.stats(ctx.pathParam("catalog"), days));
    }

    void upsertProducts(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        catalogs.catalog(catalog);
        RequestBodies.Body body = RequestBodies.read(ctx, MAX_PRODUCTS_BODY_BYTES);
        CatalogService.UpsertResult result = catalogs.upsert(catalog, body.bytes(), body.length());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", result.received());
        counts.put("added", result.added());
        counts.put("changed", result.changed());
        counts.put("unchanged", result.unchanged());
        ApiServer.answerBatch(ctx, "invalid_products", "product(s)", counts,
                result.added() + result.changed() + result.unchanged(), result.rejected());
    }

    void listProducts(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        int limit = (int) EventsApi.longParam(ctx, "limit", 100);
        String cursor = ctx.queryParam("cursor");
        List<Product> page = catalogs.page(catalog, cursor == null || cursor.isEmpty() ? null : cursor, limit);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("products", page.stream().map(CatalogsApi::toJson).toList());
        response.put("next", page.size() < limit ? null : page.get(page.size() - 1).id());
        ApiJson.write(ctx, 200, response);
    }

    void getProduct(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        String id = ctx.pathParam("id");
        Product product = catalogs.product(catalog, id).orElseThrow(() -> new ApiProblem(404, "product_not_found",
                "No product '" + id + "' in catalog '" + catalog + "'"));
        ApiJson.write(ctx, 200, toJson(product));
    }

    void patchProduct(Context ctx) {
        Product product = catalogs.patch(ctx.pathParam("catalog"), ctx.pathParam("id"), RequestBodies.readJson(ctx));
        ApiJson.write(ctx, 200, toJson(product));
    }

    void deleteProduct(Context ctx) {
        catalogs.delete(ctx.pathParam("catalog"), ctx.pathParam("id"));
        ctx.status(204);
    }

    static Map<String, Object> toJson(Product product) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", product.id());
        json.put("available", product.available());
        json.put("updatedAt", product.updatedAt());
        json.put("attributes", product.attributes());
        return json;
    }

    static Map<String, Object> toJson(Catalog catalog) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", catalog.id());
        json.put("name", catalog.name());
        json.put("language", catalog.language());
        json.put("createdAt", catalog.createdAt());
        json.put("schema", Map.of("attributes", catalog.schema().attributes().stream().map(CatalogsApi::toJson)
                .toList()));
        json.put("eventWeights", catalog.eventWeights());
        return json;
    }

    private static Map<String, Object> toJson(AttributeDefinition a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", a.name());
        json.put("type", a.type().jsonName());
        if (a.role() != null) {
            json.put("role", a.role().jsonName());
        }
        json.put("required", a.required());
        json.put("affinity", a.tracksAffinity());
        return json;
    }
}
