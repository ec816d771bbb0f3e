package org.attune.server.http;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.EventLimits;
import org.attune.core.eventlog.EventLog;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.ingest.EventStoreLoader;
import org.attune.core.model.ModelService;
import org.attune.core.training.ModelRecommender;
import org.attune.core.training.ModelTraining;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileEraser;
import org.attune.core.recommend.Recommender;
import org.attune.core.security.Accounts;
import org.attune.core.security.ApiKeys;

/**
 * Every route of the API, declared once with its documentation, plus the studio's routes
 * (declared by the studio in the same way). This list is what the server registers and what
 * {@code GET /openapi.json} describes.
 */
public final class ApiRoutes {
    private static final String MODEL_EXAMPLE = """
            {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
             "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                          "weight": 8, "valuePath": "properties.items[*].quantity"},
                         {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
             "params": {"measure": "llr"}}""";
    private final List<ApiRoute> routes;
    private final SystemApi system;

    /**
     * Whether the server can take traffic, as the wiring sees it; answered by {@code GET /health}.
     *
     * @param ready whether the server can take traffic
     * @param degraded whether, while ready, a part behind the requests is failing or far behind (the
     *     queryable event store): answers still work but may be stale
     * @param reason why not ready or degraded, or null
     * @param details figures for operators
     */
    public record Health(boolean ready, boolean degraded, String reason, java.util.Map<String, Object> details) {
        /** Ready or not, never degraded. */
        public Health(boolean ready, String reason, java.util.Map<String, Object> details) {
            this(ready, false, reason, details);
        }
    }

    /**
     * The services behind the profile and recommendation routes.
     *
     * @param profiles live profiles
     * @param eraser carries out privacy deletions
     * @param recommender the first strategies
     * @param maxCount the largest count a recommendation request may ask for
     * @param clock the server's clock
     */
    public record PersonServices(LiveProfiles profiles, ProfileEraser eraser, Recommender recommender, int maxCount,
                                 Clock clock) {
    }

    /**
     * The services behind the model routes.
     *
     * @param models model definitions
     * @param training the lifecycle: provisioning, retraining, stopping, versions
     * @param recommender answers with a running model
     * @param setups the personalization setup of each catalog
     */
    public record ModelServices(ModelService models, ModelTraining training, ModelRecommender recommender,
                                org.attune.core.personalization.PersonalizationSetups setups) {
    }

    /**
     * The services behind decisioning.
     *
     * @param definitions collections, strategies, placements and rules
     * @param engine answers decisions and re-ranks
     */
    public record DecisioningServices(org.attune.core.decisioning.DecisioningDefinitions definitions,
                                      org.attune.core.decisioning.DecisionEngine engine) {
    }

    public ApiRoutes(EventIngestor ingestor, EventLog log, CatalogService catalogs, ApiKeys keys, Accounts accounts,
                     DataDictionary dictionary, PersonServices people, ModelServices modelServices,
                     DecisioningServices decisioningServices, ApiMetrics metrics, Supplier<Health> health,
                     List<ApiRoute> studio) {
        ModelsApi modelsApi = new ModelsApi(modelServices.models(), modelServices.training(), modelServices.setups());
        PersonalizationApi personalization = new PersonalizationApi(modelServices.setups());
        EventsApi events = new EventsApi(ingestor, log, metrics, people.profiles()::isForgotten);
        ProfilesApi profilesApi = new ProfilesApi(people.profiles(), people.eraser(), people.clock());
        RecommendationsApi recommendations = new RecommendationsApi(people.recommender(), modelServices.recommender(),
                people.profiles(), catalogs,
                people.maxCount());
        CatalogsApi catalogsApi = new CatalogsApi(catalogs);
        DecisioningApi decisioning = new DecisioningApi(decisioningServices.definitions(),
                decisioningServices.engine(), new org.attune.core.event.EventValidator(ingestor.limits(),
                catalogs::exists), people.profiles(), people.clock());
        KeysApi keysApi = new KeysApi(keys);
        AccountsApi accountsApi = new AccountsApi(accounts);
        String accountRules = " Names: 1 to " + Accounts.MAX_NAME_LENGTH + " characters of letters a-z and A-Z,"
                + " digits, '.', '-', '_' and '@', case-sensitive. Passwords: " + Accounts.MIN_PASSWORD_LENGTH
                + " to " + Accounts.MAX_PASSWORD_LENGTH + " characters, stored only as a PBKDF2-HMAC-SHA256 hash.";
        system = new SystemApi(health, metrics, dictionary);
        EventLimits limits = ingestor.limits();
        String limitText = "Limits: body " + limits.maxBodyBytes() / (1024 * 1024) + " MiB (413 beyond), "
                + limits.maxBatchSize() + " records per request (413 beyond), ids up to " + limits.maxIdLength()
                + " characters, type names up to " + limits.maxTypeLength() + " characters of letters, digits and"
                + " _-.:, at most " + limits.maxItemIds() + " item ids per event, properties and context nested at"
                + " most " + limits.maxPropertyDepth() + " deep with at most " + limits.maxPropertyNodes()
                + " values and strings up to " + limits.maxStringLength() + " characters, timestamps from "
                + EventLimits.EARLIEST_TIMESTAMP + " to " + limits.maxFutureSkew().toHours() + " h in the future,"
                + " numbers within a double's range, no key twice in one object.";

        List<ApiRoute> all = new java.util.ArrayList<>(List.of(
                ApiRoute.get("/health").access(Access.PUBLIC).tag("System")
                        .summary("Whether the server is ready, and if not why")
                        .description("200 with status 'ready' when storage and the event log work; 200 with status"
                                + " 'degraded' and a reason when requests are served but the queryable event store"
                                + " fails to load the log or has trailed it for over "
                                + EventStoreLoader.LAGGING_AFTER.toMinutes() + " minutes; 503 with status"
                                + " 'not_ready' and a reason otherwise. Also reports the event log position, how"
                                + " far the queryable event store trails it and how many events it set aside"
                                + " (eventStoreSetAside: refused for their data, kept in the log).")
                        .response(200, "Ready or degraded", null, "{\"status\":\"ready\",\"storage\":\"duckdb\"}")
                        .response(503, "Not ready, with the reason")
                        .notRateLimited()
                        .handle(system::health),
                ApiRoute.get("/metrics").access(Access.PUBLIC).tag("System")
                        .summary("Prometheus metrics")
                        .description("Ingestion counts (received, accepted, rejected, duplicates), request latency"
                                + " per route with p50/p99, event log position, store lag and events set aside, JVM"
                                + " figures.")
                        .textResponse(200, "Prometheus text exposition format", "text/plain")
                        .handle(system::metrics),
                ApiRoute.get("/openapi.json").access(Access.PUBLIC).tag("System")
                        .summary("This API described as OpenAPI 3.1")
                        .response(200, "The OpenAPI document")
                        .handle(system::openApi),

                ApiRoute.post("/v1/events").access(Access.INGEST).tag("Events").cors()
                        .summary("Send events: one JSON object, a JSON array, or NDJSON")
                        .description("Accepts application/json (one object or an array), application/x-ndjson, and"
                                + " text/plain (what navigator.sendBeacon sends; an ingest key may then be given"
                                + " as ?key=, since beacons cannot set headers; a key of another role there is 401"
                                + " 'key_in_url'). Answers only once every accepted"
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
                ApiRoute.get("/v1/events").access(Access.EDITOR).tag("Events")
                        .summary("Read stored events in log order")
                        .description("Pages through the durable event log: events with seq greater than 'after',"
                                + " oldest first. Use 'next' as the following 'after'. Events of people forgotten"
                                + " through DELETE /v1/profiles/{id} are left out (a page may then hold fewer"
                                + " events than 'limit' while more follow; stop when 'next' is null).")
                        .queryParam("after", "integer", "Return events with a greater sequence number (default 0)")
                        .queryParam("limit", "integer", "At most this many events, 1 to " + EventsApi.MAX_READ_LIMIT
                                + " (default 100)")
                        .response(200, "A page of events", "EventPage", null)
                        .handle(events::list),
                ApiRoute.get("/v1/dictionary").access(Access.EDITOR).tag("Events")
                        .summary("The data dictionary discovered from the events")
                        .description("Every event type with its exact stored count, first and last seen, and the"
                                + " paths seen in its events (properties.*, context.*, itemIds[*], userId, ...)"
                                + " with observed value types and counts, fill rate and an example value.")
                        .response(200, "The dictionary", "Dictionary", null)
                        .handle(system::dictionary),

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
                        .handle(catalogsApi::create),
                ApiRoute.get("/v1/catalogs").access(Access.EDITOR).tag("Catalogs")
                        .summary("List catalogs")
                        .response(200, "All catalogs")
                        .handle(catalogsApi::list),
                ApiRoute.get("/v1/catalogs/{catalog}").access(Access.EDITOR).tag("Catalogs")
                        .summary("One catalog with its schema")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The catalog", "Catalog", null)
                        .response(404, "No such catalog")
                        .handle(catalogsApi::get),
                ApiRoute.get("/v1/catalogs/{catalog}/stats").access(Access.EDITOR).tag("Catalogs")
                        .summary("Product counts and churn")
                        .description("Live and available products, and products added, changed and removed within"
                                + " the last 'days' days; churn = (added + removed) / products at the window start (or, for a"
                                + " catalog empty then, / products live within the window).")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("days", "integer", "Churn window in days, 1 to 3650 (default 7)")
                        .response(200, "Counts and churn", "CatalogStats", null)
                        .handle(catalogsApi::stats),
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
                        .handle(catalogsApi::upsertProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products").access(Access.EDITOR).tag("Products")
                        .summary("Page through products by id")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("cursor", "string", "Return products with ids after this one (the previous"
                                + " page's 'next')")
                        .queryParam("limit", "integer", "1 to " + CatalogService.MAX_PAGE_SIZE + " (default 100)")
                        .response(200, "A page of products; 'next' is null on the last page", "ProductPage", null)
                        .handle(catalogsApi::listProducts),
                ApiRoute.get("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("One product")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(200, "The product", "StoredProduct", null)
                        .response(404, "No such product (or it was removed)")
                        .handle(catalogsApi::getProduct),
                ApiRoute.patch("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("Change some attributes of a product")
                        .description("A merge patch: given attributes are replaced, null removes an attribute"
                                + " (not a required one). The result is validated against the schema.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .body(null, "application/json", "{\"price\": 79.9, \"available\": false}")
                        .response(200, "The updated product", "StoredProduct", null)
                        .response(400, "Invalid patch", "Error", null)
                        .response(404, "No such product")
                        .handle(catalogsApi::patchProduct),
                ApiRoute.delete("/v1/catalogs/{catalog}/products/{id}").access(Access.EDITOR).tag("Products")
                        .summary("Remove a product")
                        .description("The product is no longer served; the removal counts towards churn.")
                        .pathParam("catalog", "Catalog id").pathParam("id", "Product id")
                        .response(204, "Removed")
                        .response(404, "No such product")
                        .handle(catalogsApi::deleteProduct),

                ApiRoute.get("/v1/profiles/{id}").access(Access.READ).tag("Profiles")
                        .summary("One person's live profile, by anonymous id or user id")
                        .description("Updated in memory as each event is acknowledged (well within a second)."
                                + " Anonymous ids and user ids seen together on an event (an identify event, a"
                                + " logged-in view) are one person, including what the anonymous ids did before;"
                                + " two different user ids are never merged, and such a refused link is listed in"
                                + " identityLinks with kind 'refused_two_user_ids' and the reason. 'counts': events"
                                + " per type. 'affinities': per attribute (those with roles brand, color, size,"
                                + " category and those marked affinity), its values with a weighted, time-decayed"
                                + " score (weights per event type: view 1, click 2, add_to_cart 5, purchase 8 unless"
                                + " the catalog sets eventWeights; half-life 14 days), strongest first, at most 32"
                                + " values per person (the weakest gives way). 'rfm': days since the last purchase,"
                                + " purchases in the last 30 and 90 days, spend (properties.revenue, else the sum of"
                                + " the products' prices). 'recentlyViewed' (view and click) and"
                                + " 'recentlyPurchased': at most 20 products, newest first. 'cart': added and"
                                + " neither purchased nor removed since, newest first (at most 100)."
                                + " 'recentEvents': the 50 latest events, newest first, as seq, type, timestamp,"
                                + " catalog and itemIds; the whole event is in the log under its seq.")
                        .pathParam("id", "An anonymous id or a user id")
                        .response(200, "The profile", null, "{\"personId\":3,\"userId\":\"u-7\","
                                + "\"anonymousIds\":[\"a-1\"],\"identityLinks\":[{\"kind\":\"merged\",\"kept\":3,"
                                + "\"absorbed\":4,\"anonymousId\":\"a-1\",\"userId\":\"u-7\",\"eventSeq\":12,"
                                + "\"at\":\"2026-11-20T10:15:00Z\"}],\"firstSeen\":\"2026-11-20T10:01:00Z\","
                                + "\"lastSeen\":\"2026-11-20T10:15:00Z\",\"counts\":{\"view\":2,\"identify\":1},"
                                + "\"affinities\":{\"brand\":[{\"value\":\"Nordpeak\",\"score\":1.93}]},"
                                + "\"rfm\":{\"daysSinceLastPurchase\":null,\"purchases30d\":0,"
                                + "\"purchases90d\":0,\"spend\":0.0},\"recentlyViewed\":[\"p-17\"],"
                                + "\"recentlyPurchased\":[],\"cart\":[],\"recentEvents\":[{\"seq\":12,"
                                + "\"type\":\"identify\",\"timestamp\":\"2026-11-20T10:15:00Z\",\"catalog\":null,"
                                + "\"itemIds\":[]}]}")
                        .response(404, "No person with this id (code profile_not_found)")
                        .handle(profilesApi::get),
                ApiRoute.delete("/v1/profiles/{id}").tag("Profiles")
                        .summary("Forget a person entirely (privacy request)")
                        .description("Forgets the person known by this anonymous id or user id, with all their"
                                + " other ids: their profile, identity links and computed state at once, their"
                                + " events in the queryable event store and in GET /v1/events, and then the event"
                                + " log's own copies (each event is replaced by a record keeping only its sequence"
                                + " number, eventId and times). The deletion is a durable record in the event log,"
                                + " so it holds across restarts and replays. Events sent later under one of the ids"
                                + " start a new person. Answers once the profile is gone and the event store has"
                                + " deleted the events ('eventStoreDeleted'; false only if that took over 30 s, and"
                                + " it then follows) and, within 10 s, the log is redacted ('eventLogRedacted')."
                                + " Redactions run at most every 30 s, so in a burst of deletions the later ones answer"
                                + " false and are redacted together in the background (resumed after a restart if"
                                + " need be).")
                        .pathParam("id", "An anonymous id or a user id")
                        .response(200, "Forgotten", null, "{\"forgotten\":true,\"personId\":3,"
                                + "\"ids\":[\"u-7\",\"a-1\"],\"tombstoneSeq\":5121,\"eventStoreDeleted\":true,"
                                + "\"eventLogRedacted\":true}")
                        .response(404, "No person with this id (code profile_not_found)")
                        .response(503, "The event log could not store the deletion; nothing was forgotten, retry")
                        .handle(profilesApi::delete),

                ApiRoute.get("/v1/recommendations").access(Access.READ).tag("Recommendations")
                        .summary("Recommend products with a trained model or one of the first strategies")
                        .description("With 'model': the model's active version answers (the model must be"
                                + " running). The person is read from their live profile: each recent event of the"
                                + " model's catalog counts with the summed weight of the model's signals for its"
                                + " type (affinity: decayed with its half-life) towards the products the event named"
                                + " (itemId/itemIds), so an event acknowledged a moment ago counts. 'itemId' asks"
                                + " for products related to that product (customers who viewed this also viewed"
                                + " ...); the product itself is never returned. With both, related products the"
                                + " person has not interacted with. An unknown person, or none, gets what the"
                                + " model gives without personal input (trending and affinity's popularity prior;"
                                + " nothing from collaborative or co_occurrence), so callers can fall back."
                                + " Products scored 0 or less are left out. The answer says which version"
                                + " answered.\n\nWith 'strategy' (and 'catalog'): 'trending' (time-decayed"
                                + " popularity in the catalog: every event"
                                + " weighted by its type as for affinities, half-life 3 days; optionally within one"
                                + " category value, matched exactly against the attribute with role category;"
                                + " needs no person), 'recently_viewed' (the person's own recently viewed products,"
                                + " newest first) and 'top_affinity' (products matching the person's strongest"
                                + " attribute values, scored by the summed affinity of the values they match, best"
                                + " sellers first among equals, filled up with best sellers marked"
                                + " reason 'best_seller' when too few match).\n\nEither way unavailable products and"
                                + " products no longer in the catalog are never returned; each answer has a 'recId':"
                                + " send it back as context.recId on the"
                                + " events that follow from it (clicks, add-to-cart, purchases). Each item carries"
                                + " the product's attributes for rendering. When both userId and anonymousId are"
                                + " given, the user id is used if it is known, else the anonymous id.")
                        .queryParam("model", "string", "A running model's id (mdl_...); replaces catalog and"
                                + " strategy")
                        .queryParam("catalog", "string", "Catalog id (required with strategy)")
                        .queryParam("strategy", "string", "trending | recently_viewed | top_affinity (required"
                                + " without model)")
                        .queryParam("userId", "string", "The person's user id (required for recently_viewed and"
                                + " top_affinity unless anonymousId is given)")
                        .queryParam("anonymousId", "string", "The person's anonymous id")
                        .queryParam("itemId", "string", "model only: recommend products related to this product")
                        .queryParam("excludeInteracted", "boolean", "model only: leave out the products the person"
                                + " interacted with (default true)")
                        .queryParam("category", "string", "Restrict to this value of the catalog's category"
                                + " attribute (trending strategy, or any model)")
                        .queryParam("count", "integer", "How many products, 1 to 100 (default "
                                + RecommendationsApi.DEFAULT_COUNT + ")")
                        .response(200, "The recommendations, best first", null, "{\"recId\":"
                                + "\"4f7c2a9e-2b1d-4c55-9a53-0c7e0f1d2b3a\",\"model\":\"mdl_2f9c0a1b3d4e5f60\","
                                + "\"version\":3,\"kind\":\"affinity\",\"catalog\":\"shop\",\"personId\":3,"
                                + "\"items\":[{\"id\":\"p-17\",\"score\":0.42,\"matched\":[\"brand:Nordpeak\"],"
                                + "\"attributes\":{\"title\":\"Trail runner\",\"brand\":\"Nordpeak\",\"price\":80}}]}")
                        .response(400, "Missing or invalid parameters (each listed in details)", "Error", null)
                        .response(404, "Unknown catalog (catalog_not_found), model (model_not_found) or, for a"
                                + " strategy, person (profile_not_found)")
                        .response(409, "The model is not serving: a draft, failed, or still provisioning"
                                + " (model_not_serving)")
                        .handle(recommendations::get),

                ApiRoute.get("/v1/models/kinds").access(Access.EDITOR).tag("Models")
                        .summary("The model kinds, with what each does and its params' defaults")
                        .response(200, "Every kind", null, "{\"kinds\":[{\"name\":\"trending\",\"description\":"
                                + "\"what is rising now...\",\"defaultParams\":{\"recentHours\":24,"
                                + "\"baselineDays\":14,\"halfLifeHours\":12.0,\"minEvents\":5}}]}")
                        .handle(modelsApi::kinds),
                ApiRoute.post("/v1/models").access(Access.EDITOR).tag("Models")
                        .summary("Define a model (saved as a draft)")
                        .description("A model reads behaviour through signals: an event type, where the product ids"
                                + " are in the event ('itemId', 'itemIds[*]', or a JSON path under properties or"
                                + " context such as 'properties.items[*].id', which may yield several), a positive"
                                + " weight (1 to 10 recommended, at most 1,000) and optionally a value path (a number"
                                + " such as 'properties.quantity' that multiplies the weight; one number per"
                                + " product applies product by product). Kinds: affinity, co_occurrence,"
                                + " collaborative, trending (see GET /v1/models/kinds for their params and"
                                + " defaults); an unknown kind or param is refused. At most "
                                + org.attune.core.model.ModelDefinitionReader.MAX_SIGNALS + " signals, names"
                                + " unique identifiers. Every problem is listed at once. Then provision it"
                                + " (POST /v1/models/{id}/provision) to train and serve it.")
                        .body("ModelDefinition", "application/json", MODEL_EXAMPLE)
                        .response(201, "Created as a draft, with its id, status and every param", "Model", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .handle(modelsApi::create),
                ApiRoute.get("/v1/models").access(Access.EDITOR).tag("Models")
                        .summary("List models, oldest first")
                        .response(200, "All models")
                        .handle(modelsApi::list),
                ApiRoute.get("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("One model")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The model", "Model", null)
                        .response(404, "No such model (model_not_found)")
                        .handle(modelsApi::get),
                ApiRoute.put("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("Replace a draft's definition")
                        .description("Only a draft or failed model can be changed (it becomes a draft); 409"
                                + " model_not_editable otherwise.")
                        .pathParam("id", "Model id (mdl_...)")
                        .body("ModelDefinition", "application/json", MODEL_EXAMPLE)
                        .response(200, "The changed model", "Model", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .response(404, "No such model")
                        .response(409, "The model is provisioning or running")
                        .handle(modelsApi::update),
                ApiRoute.delete("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("Delete a draft or failed model")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The deleted model")
                        .response(404, "No such model")
                        .response(409, "The model is provisioning or running")
                        .handle(modelsApi::delete),
                ApiRoute.post("/v1/models/{id}/provision").access(Access.EDITOR).tag("Models")
                        .summary("Provision a draft or failed model: its initial training")
                        .description("The model becomes 'provisioning' and trains in the background (one training"
                                + " at a time per server): it reads the event log through its signals, measures"
                                + " itself on a time holdout next to popularity, trains on everything and saves"
                                + " version 1 (or the next version). GET /v1/models/{id} shows the progress"
                                + " (phase: queued, reading_events, evaluating, training, saving; percent). Then it"
                                + " is 'running' and answers GET /v1/recommendations?model={id}; a failure makes it"
                                + " 'failed' with the reason. A provisioning cut short by a restart starts again.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(202, "Provisioning started", "Model", null)
                        .response(404, "No such model")
                        .response(409, "It is provisioning or running already (model_not_provisionable)")
                        .handle(modelsApi::provision),
                ApiRoute.post("/v1/models/{id}/train").access(Access.EDITOR).tag("Models")
                        .summary("Train a new version of a running model")
                        .description("The active version keeps answering while the new one trains; when it is"
                                + " saved it is swapped in between two requests. A failure leaves the active version"
                                + " serving and shows the reason as 'failure'.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(202, "Training started", "Model", null)
                        .response(404, "No such model")
                        .response(409, "The model is not running (model_not_running) or is training already"
                                + " (training_in_progress)")
                        .handle(modelsApi::train),
                ApiRoute.post("/v1/models/{id}/stop").access(Access.EDITOR).tag("Models")
                        .summary("Stop a provisioning or running model (back to draft)")
                        .description("It stops answering at once and a training under way is abandoned. Its"
                                + " versions are kept; it can be edited and provisioned again.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The model, now a draft", "Model", null)
                        .response(404, "No such model")
                        .response(409, "It is a draft or failed already (model_not_running), or it serves a"
                                + " personalization setup that is not deactivated (model_in_setup: deactivate the"
                                + " setup instead)")
                        .handle(modelsApi::stop),
                ApiRoute.post("/v1/models/{id}/rollback").access(Access.EDITOR).tag("Models")
                        .summary("Serve another stored version of a running model")
                        .description("Loads the version's artifact and swaps it in; requests are not paused. Any"
                                + " stored version can be chosen (also a newer one, to roll forward again).")
                        .pathParam("id", "Model id (mdl_...)")
                        .body(null, "application/json", "{\"version\": 2}")
                        .response(200, "The model with its new activeVersion", "Model", null)
                        .response(400, "version missing or not a positive integer", "Error", null)
                        .response(404, "No such model or version (version_not_found)")
                        .response(409, "The model is not running (model_not_running), or the version's artifact"
                                + " was removed (version_pruned: only the newest 5 and the active one are kept)")
                        .handle(modelsApi::rollback),
                ApiRoute.get("/v1/models/{id}/versions").access(Access.EDITOR).tag("Models")
                        .summary("A model's trained versions, newest first")
                        .description("Each version: when it was trained, the definition it was trained with, the"
                                + " method, the data window (through which event, first and last event time,"
                                + " events, people, products, interactions), training time, offline metrics on"
                                + " a time holdout next to popularity (HR@10, NDCG@10; null when there was too"
                                + " little data), signal analytics and the artifact's size; for sequence models"
                                + " also productProfiles: how many products have an own profile, a grouped one"
                                + " (too few interactions: derived from products sharing their attribute values)"
                                + " or none (unknown: never recommended), with shares.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The versions")
                        .response(404, "No such model")
                        .handle(modelsApi::versions),
                ApiRoute.get("/v1/models/{id}/versions/{version}").access(Access.EDITOR).tag("Models")
                        .summary("One version of a model")
                        .pathParam("id", "Model id (mdl_...)")
                        .pathParam("version", "Version number (1, 2, ...)")
                        .response(200, "The version")
                        .response(400, "Not a version number", "Error", null)
                        .response(404, "No such model or version")
                        .handle(modelsApi::version),
                ApiRoute.get("/v1/models/{id}/analytics").access(Access.EDITOR).tag("Models")
                        .summary("What a model's signals contributed")
                        .description("For the active version (or the one asked for, or the latest): the profiles"
                                + " (people) and interactions the model evaluated, the weight distribution (each"
                                + " signal's total weight and share of all signal weight) and the weight per UTC"
                                + " day per signal.")
                        .pathParam("id", "Model id (mdl_...)")
                        .queryParam("version", "integer", "A version number (default: the active one, else the"
                                + " latest)")
                        .response(200, "The analytics", null, "{\"modelId\":\"mdl_2f9c0a1b3d4e5f60\","
                                + "\"version\":1,\"trainedAt\":\"2026-11-22T03:00:00Z\",\"profilesEvaluated\":"
                                + "5210,\"interactionsEvaluated\":88412,\"events\":80210,\"weightDistribution\":"
                                + "[{\"signal\":\"views\",\"weight\":61000.0,\"share\":0.61}],"
                                + "\"weightsPerDay\":[{\"day\":\"2026-11-21\",\"weights\":{\"views\":2100.0}}]}")
                        .response(404, "No such model or version, or not trained yet (no_versions)")
                        .handle(modelsApi::analytics),

                ApiRoute.post("/v1/catalogs/{catalog}/personalization").access(Access.EDITOR).tag("Personalization")
                        .summary("Start the personalization setup of a catalog")
                        .description("Creates a model of the chosen kind over the catalog's events (signals: view,"
                                + " add_to_cart and purchase on the event's products, unless 'signals' is given)"
                                + " and starts the one-time setup run: status 'setup_in_progress' (progress: phase"
                                + " and percent), then for assessed kinds (every kind but affinity)"
                                + " 'viability_assessment' and one of 'viable', 'viable_needs_improvement',"
                                + " 'not_viable' or 'assessment_failed' (with the reason); for affinity straight to"
                                + " 'ready_for_activation' (or 'setup_failed'). Optional: 'params' for the kind,"
                                + " 'thresholds' overriding the viability defaults (docs/viability.md) and"
                                + " 'schedule' of the daily runs ({\"time\": \"03:00\", \"zone\": \"UTC\"})."
                                + " One setup per catalog at a time; it applies to every site using the catalog.")
                        .pathParam("catalog", "Catalog id")
                        .body(null, "application/json", "{\"kind\": \"co_occurrence\", \"schedule\":"
                                + " {\"time\": \"02:30\", \"zone\": \"Europe/Prague\"}}")
                        .response(202, "The setup, in progress")
                        .response(400, "kind missing, or invalid signals, params, thresholds or schedule", "Error",
                                null)
                        .response(404, "No such catalog")
                        .response(409, "The catalog has a setup that is not deactivated (setup_exists)")
                        .handle(personalization::start),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization").access(Access.EDITOR).tag("Personalization")
                        .summary("A catalog's personalization setup")
                        .description("Kind, model, status, progress (phase, percent), thresholds, the viability"
                                + " report, failure, override, activation and the daily schedule.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup")
                        .response(404, "No setup for the catalog (setup_not_found)")
                        .handle(personalization::get),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization/viability").access(Access.EDITOR).tag("Personalization")
                        .summary("The viability report of a catalog's setup")
                        .description("Outcome; each criterion (priority 1 catalog readiness and 2 scale and traffic"
                                + " decide, 3 feedback quality informs) with its value, recommended and minimum"
                                + " thresholds, rating (green, yellow, red), meaning and what to do; the catalog"
                                + " churn warning; the trained version's offline accuracy (HR@10, NDCG@10) on a"
                                + " time holdout next to popularity; how coverage was measured.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The report")
                        .response(404, "No setup, or it was not assessed (not_assessed)")
                        .handle(personalization::viability),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/continue").access(Access.EDITOR).tag("Personalization")
                        .summary("continue: activate a viable or ready setup")
                        .description("The model serves and retrains daily at the schedule's time (an optional"
                                + " body may set 'schedule').")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, active")
                        .response(404, "No setup for the catalog")
                        .response(409, "Not viable (not_viable: use continue_anyway) or not ready (not_ready)")
                        .handle(personalization::activate),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/continue_anyway").access(Access.EDITOR).tag("Personalization")
                        .summary("continue anyway: activate a not-viable setup")
                        .description("Recorded as an override ('override': true on the setup).")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, active with override")
                        .response(404, "No setup for the catalog")
                        .response(409, "The setup is not not_viable (not_not_viable)")
                        .handle(personalization::activateAnyway),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/restart").access(Access.EDITOR).tag("Personalization")
                        .summary("restart with another model")
                        .description("Stops the setup's model (kept as a draft with its versions) and starts a new"
                                + " setup run with the body's kind (same fields as starting a setup). Not while the"
                                + " setup run is in progress or the setup is active.")
                        .pathParam("catalog", "Catalog id")
                        .body(null, "application/json", "{\"kind\": \"affinity\"}")
                        .response(202, "The new setup, in progress")
                        .response(404, "No setup for the catalog")
                        .response(409, "In progress or active (setup_busy)")
                        .handle(personalization::restart),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/retry").access(Access.EDITOR).tag("Personalization")
                        .summary("retry a failed setup")
                        .description("After 'assessment_failed' (or 'setup_failed'): trains the model again when"
                                + " its training failed, else runs the assessment again.")
                        .pathParam("catalog", "Catalog id")
                        .response(202, "The setup, in progress again")
                        .response(404, "No setup for the catalog")
                        .response(409, "The setup did not fail (nothing_to_retry)")
                        .handle(personalization::retry),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/deactivate").access(Access.EDITOR).tag("Personalization")
                        .summary("deactivate a catalog's personalization")
                        .description("Stops the model and the daily runs; a new setup may then start. Refused while"
                                + " anything blocks it: the setup run or a training run in progress (personalization"
                                + " rules and A/B tests will join these checks); the 409 lists every reason in"
                                + " 'details'.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, deactivated")
                        .response(404, "No setup for the catalog")
                        .response(409, "Blocked (deactivation_blocked, reasons in details) or deactivated already")
                        .handle(personalization::deactivate),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization/runs").access(Access.EDITOR).tag("Personalization")
                        .summary("A catalog's personalization runs, newest first")
                        .description("The setup run, daily, on-demand and retry runs (and trainings of an active setup's model started"
                                + " through the model API, trigger model_api): start, end, duration,"
                                + " outcome (running, succeeded, failed), the error of a failed one (the previous"
                                + " version keeps serving), and the version produced with its data window, counts"
                                + " and offline metrics. A run a stop interrupted is failed and retried at start.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The runs")
                        .response(404, "No setup for the catalog")
                        .handle(personalization::runs),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/runs").access(Access.EDITOR).tag("Personalization")
                        .summary("Train an active setup now (on demand)")
                        .pathParam("catalog", "Catalog id")
                        .response(202, "The run, started")
                        .response(404, "No setup for the catalog")
                        .response(409, "Not active (not_active) or a run is under way (training_in_progress)")
                        .handle(personalization::runNow),

                ApiRoute.post("/v1/keys").tag("Keys")
                        .summary("Create an API key")
                        .description("Roles: 'admin' (everything), 'editor' (catalogs, products, events read-back,"
                                + " the data dictionary, and all a reader may do), 'read' (only recommendations and"
                                + " GET /v1/profiles/{id}; for the servers and apps that show recommendations) and"
                                + " 'ingest' (only POST /v1/events; safe to put in a web page). Keys and privacy"
                                + " deletions need 'admin'. The secret is in this response only; Attune stores its"
                                + " hash.")
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
                        .handle(keysApi::revoke),

                ApiRoute.post("/v1/accounts").access(Access.ADMIN).tag("Accounts")
                        .summary("Create a person's studio account")
                        .description("Accounts are for people who work in the studio, so their role is 'editor' or"
                                + " 'admin' (the same rights as keys of that role); machines use API keys."
                                + accountRules + " Every problem of the body is reported at once, per field."
                                + " No answer ever shows the password or its hash.")
                        .body("AccountDefinition", "application/json",
                                "{\"name\": \"maria@shop.example\", \"role\": \"editor\", \"password\":"
                                        + " \"correct horse battery\"}")
                        .response(201, "Created", "Account", null)
                        .response(400, "Invalid name, role or password (invalid_account, a problem per field)",
                                "Error", null)
                        .response(409, "The name is taken, also by a disabled account (account_exists)")
                        .handle(accountsApi::create),
                ApiRoute.get("/v1/accounts").access(Access.ADMIN).tag("Accounts")
                        .summary("List studio accounts (without passwords or hashes)")
                        .response(200, "All accounts including disabled ones, oldest first", null,
                                "{\"accounts\": [{\"name\": \"admin\", \"role\": \"admin\", \"createdAt\":"
                                        + " \"2026-11-20T10:15:00Z\", \"disabled\": false, \"disabledAt\": null}]}")
                        .handle(accountsApi::list),
                ApiRoute.put("/v1/accounts/{name}/password").access(Access.ADMIN).tag("Accounts")
                        .summary("Set a new password for an account")
                        .description("The old password stops working at once, and so do the account's open studio"
                                + " sessions (each ends at its next request)." + accountRules)
                        .pathParam("name", "Account name")
                        .body(null, "application/json", "{\"password\": \"a brand new secret\"}")
                        .response(200, "The account", "Account", null)
                        .response(400, "Password missing, too short or too long (invalid_password)", "Error", null)
                        .response(404, "No such account (account_not_found)")
                        .response(409, "The account is disabled (account_disabled)")
                        .handle(accountsApi::changePassword),
                ApiRoute.post("/v1/accounts/{name}/disable").access(Access.ADMIN).tag("Accounts")
                        .summary("Disable an account")
                        .description("It can no longer sign in, and its open studio sessions end (each at its"
                                + " next request); it stays listed and its name stays taken. Disabling again keeps"
                                + " the first time.")
                        .pathParam("name", "Account name")
                        .response(200, "The disabled account", "Account", null)
                        .response(404, "No such account (account_not_found)")
                        .handle(accountsApi::disable)));
        all.addAll(DecisioningRoutes.routes(decisioning));
        all.addAll(studio);
        routes = List.copyOf(all);
        system.setOpenApi(new OpenApiDocument().render(routes));
    }

    public List<ApiRoute> routes() {
        return routes;
    }
}
