package org.attune.server.http;

import java.util.List;
import java.util.function.Supplier;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.EventLimits;
import org.attune.core.eventlog.EventLog;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.security.ApiKeys;

/**
 * Every route of the API, declared once with its documentation. This list is what the
 * server registers and what {@code GET /openapi.json} describes.
 */
public final class ApiRoutes {
    private final List<ApiRoute> routes;
    private final SystemApi system;

    /**
     * Whether the server can take traffic, as the wiring sees it; answered by {@code GET /health}.
     *
     * @param ready whether the server can take traffic
     * @param reason why not, or null
     * @param details figures for operators
     */
    public record Health(boolean ready, String reason, java.util.Map<String, Object> details) {
    }

    public ApiRoutes(EventIngestor ingestor, EventLog log, CatalogService catalogs, ApiKeys keys,
                     DataDictionary dictionary, ApiMetrics metrics, Supplier<Health> health) {
        EventsApi events = new EventsApi(ingestor, log, metrics);
        CatalogsApi catalogsApi = new CatalogsApi(catalogs);
        KeysApi keysApi = new KeysApi(keys);
        system = new SystemApi(health, metrics, dictionary);
        EventLimits limits = ingestor.limits();
        String limitText = "Limits: body " + limits.maxBodyBytes() / (1024 * 1024) + " MiB (413 beyond), "
                + limits.maxBatchSize() + " records per request (413 beyond), ids up to " + limits.maxIdLength()
                + " characters, type names up to " + limits.maxTypeLength() + " characters of letters, digits and"
                + " _-.:, at most " + limits.maxItemIds() + " item ids per event, properties and context nested at"
                + " most " + limits.maxPropertyDepth() + " deep with at most " + limits.maxPropertyNodes()
                + " values and strings up to " + limits.maxStringLength() + " characters, timestamps at most "
                + limits.maxFutureSkew().toHours() + " h in the future.";

        routes = List.of(
                ApiRoute.get("/health").access(Access.PUBLIC).tag("System")
                        .summary("Whether the server is ready, and if not why")
                        .description("200 with status 'ready' when storage and the event log work; 503 with status"
                                + " 'not_ready' and a reason otherwise. Also reports the event log position and how"
                                + " far the queryable event store trails it.")
                        .response(200, "Ready", null, "{\"status\":\"ready\",\"storage\":\"duckdb\"}")
                        .response(503, "Not ready, with the reason")
                        .handle(system::health),
                ApiRoute.get("/metrics").access(Access.PUBLIC).tag("System")
                        .summary("Prometheus metrics")
                        .description("Ingestion counts (received, accepted, rejected, duplicates), request latency"
                                + " per route with p50/p99, event log position and store lag, JVM figures.")
                        .textResponse(200, "Prometheus text exposition format", "text/plain")
                        .handle(system::metrics),
                ApiRoute.get("/openapi.json").access(Access.PUBLIC).tag("System")
                        .summary("This API described as OpenAPI 3.1")
                        .response(200, "The OpenAPI document")
                        .handle(system::openApi),

                ApiRoute.post("/v1/events").access(Access.INGEST).tag("Events").cors()
                        .summary("Send events: one JSON object, a JSON array, or NDJSON")
                        .description("Accepts application/json (one object or an array), application/x-ndjson, and"
                                + " text/plain (what navigator.sendBeacon sends; the key may then be given as"
                                + " ?key=, since beacons cannot set headers). Answers only once every accepted"
                                + " event is durable (fsync'd); an acknowledged event survives a crash. Valid records"
                                + " are stored even when others in the same request are rejected; each rejected"
                                + " record is listed with its index and problems. A repeated eventId is stored once"
                                + " and counted under 'duplicates'. When no record could be accepted the answer is"
                                + " 400 with code 'invalid_events'. CORS is allowed from any origin so web pages can"
                                + " post with an ingest key. " + limitText)
                        .queryParam("key", "string", "An ingest key, for clients that cannot send headers")
                        .body("Event", "application/json", """
                                {"eventId": "e-1001", "type": "view", "timestamp": "2026-11-20T10:15:00Z",
                                 "anonymousId": "a-42", "catalog": "shop", "itemId": "p-17",
                                 "properties": {"price": 49.95},
                                 "context": {"surface": "web", "page": "/p/p-17", "device": "mobile"}}""")
                        .bodyExample("application/x-ndjson", """
                                {"eventId":"e-1","type":"view","anonymousId":"a-1","catalog":"shop","itemId":"p-1"}
                                {"eventId":"e-2","type":"purchase","userId":"u-7","catalog":"shop","itemIds":["p-1","p-2"],"properties":{"revenue":99.9}}
                                """)
                        .response(200, "Accepted (possibly with some records rejected)", "IngestResult",
                                "{\"received\":2,\"accepted\":1,\"duplicates\":0,\"rejected\":[{\"index\":1,"
                                        + "\"problems\":[{\"path\":\"type\",\"code\":\"invalid_type\",\"message\":"
                                        + "\"type is required\"}]}]}")
                        .response(400, "No record could be accepted, or the body is malformed", "Error", null)
                        .response(401, "No or unknown key")
                        .response(413, "Body or batch too large")
                        .response(503, "Storage failed; nothing was stored, retry")
                        .handle(events::ingest),
                ApiRoute.get("/v1/events").tag("Events")
                        .summary("Read stored events in log order")
                        .description("Pages through the durable event log: events with seq greater than 'after',"
                                + " oldest first. Use 'next' as the following 'after'.")
                        .queryParam("after", "integer", "Return events with a greater sequence number (default 0)")
                        .queryParam("limit", "integer", "At most this many events, 1 to " + EventsApi.MAX_READ_LIMIT
                                + " (default 100)")
                        .response(200, "A page of events", "EventPage", null)
                        .handle(events::list),
                ApiRoute.get("/v1/dictionary").tag("Events")
                        .summary("The data dictionary discovered from the events")
                        .description("Every event type with its exact stored count, first and last seen, and the"
                                + " paths seen in its events (properties.*, context.*, itemIds[*], userId, ...)"
                                + " with observed value types and counts, fill rate and an example value.")
                        .response(200, "The dictionary", "Dictionary", null)
                        .handle(system::dictionary),

                ApiRoute.post("/v1/catalogs").tag("Catalogs")
                        .summary("Create a catalog with its typed schema")
                        .description("Attribute types: string, number, boolean, string_list, url, timestamp. Roles"
                                + " (each at most once): title, brand, color, size, category, price, availability,"
                                + " image, url, tags. Every problem of the definition is reported at once.")
                        .body("CatalogDefinition", "application/json", """
                                {"id": "shop", "name": "Demo shop", "language": "en",
                                 "schema": {"attributes": [
                                   {"name": "title", "type": "string", "role": "title", "required": true},
                                   {"name": "brand", "type": "string", "role": "brand"},
                                   {"name": "price", "type": "number", "role": "price"},
                                   {"name": "available", "type": "boolean", "role": "availability"}]}}""")
                        .response(201, "Created", "Catalog", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .response(409, "The id is taken")
                        .handle(catalogsApi::create),
                ApiRoute.get("/v1/catalogs").tag("Catalogs")
                        .summary("List catalogs")
                        .response(200, "All catalogs")
                        .handle(catalogsApi::list),
                ApiRoute.get("/v1/catalogs/{catalog}").tag("Catalogs")
                        .summary("One catalog with its schema")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The catalog", "Catalog", null)
                        .response(404, "No such catalog")
                        .handle(catalogsApi::get),
                ApiRoute.get("/v1/catalogs/{catalog}/stats").tag("Catalogs")
                        .summary("Product counts and churn")
                        .description("Live and available products, and products added, changed and removed within"
                                + " the last 'days' days; churn = (added + removed) / products at the window start (or, for a"
                                + " catalog empty then, / products live within the window).")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("days", "integer", "Churn window in days, 1 to 3650 (default 7)")
                        .response(200, "Counts and churn", "CatalogStats", null)
                        .handle(catalogsApi::stats),
                ApiRoute.put("/v1/catalogs/{catalog}/products").tag("Products")
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
                        .handle(catalogsApi::upsertProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products").tag("Products")
                        .summary("Page through products by id")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("cursor", "string", "Return products with ids after this one (the previous"
                                + " page's 'next')")
                        .queryParam("limit", "integer", "1 to " + CatalogService.MAX_PAGE_SIZE + " (default 100)")
                        .response(200, "A page of products; 'next' is null on the last page", "ProductPage", null)
                        .handle(catalogsApi::listProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products/{id}").tag("Products")
                        .summary("One product")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(200, "The product", "StoredProduct", null)
                        .response(404, "No such product (or it was removed)")
                        .handle(catalogsApi::getProduct),
                ApiRoute.patch("/v1/catalogs/{catalog}/products/{id}").tag("Products")
                        .summary("Change some attributes of a product")
                        .description("A merge patch: given attributes are replaced, null removes an attribute"
                                + " (not a required one). The result is validated against the schema.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .body(null, "application/json", "{\"price\": 79.9, \"available\": false}")
                        .response(200, "The updated product", "StoredProduct", null)
                        .response(400, "Invalid patch", "Error", null)
                        .response(404, "No such product")
                        .handle(catalogsApi::patchProduct),
                ApiRoute.delete("/v1/catalogs/{catalog}/products/{id}").tag("Products")
                        .summary("Remove a product")
                        .description("The product is no longer served; the removal counts towards churn.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(204, "Removed")
                        .response(404, "No such product")
                        .handle(catalogsApi::deleteProduct),

                ApiRoute.post("/v1/keys").tag("Keys")
                        .summary("Create an API key")
                        .description("Roles: 'admin' (everything) and 'ingest' (only POST /v1/events; safe to put"
                                + " in a web page). The secret is in this response only; Attune stores its hash.")
                        .body(null, "application/json", "{\"name\": \"web tag\", \"role\": \"ingest\"}")
                        .response(201, "Created; 'secret' is shown this once", "CreatedKey", null)
                        .handle(keysApi::create),
                ApiRoute.get("/v1/keys").tag("Keys")
                        .summary("List API keys (without secrets)")
                        .response(200, "All keys, including revoked ones")
                        .handle(keysApi::list),
                ApiRoute.delete("/v1/keys/{id}").tag("Keys")
                        .summary("Revoke an API key")
                        .description("The key stops working at once.")
                        .pathParam("id", "Key id (key_...)")
                        .response(200, "The revoked key")
                        .response(404, "No such key")
                        .handle(keysApi::revoke));
        system.setOpenApi(new OpenApiDocument().render(routes));
    }

    public List<ApiRoute> routes() {
        return routes;
    }
}
