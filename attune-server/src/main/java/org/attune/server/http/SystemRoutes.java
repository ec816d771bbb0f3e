package org.attune.server.http;

import java.util.List;
import org.attune.core.ingest.EventStoreLoader;

/** The routes operators and tools reach without a key: health, metrics and this API's OpenAPI document. */
final class SystemRoutes {
    private SystemRoutes() {
    }

    static List<ApiRoute> routes(SystemApi api) {
        return List.of(
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
                        .handle(api::health),
                ApiRoute.get("/metrics").access(Access.PUBLIC).tag("System")
                        .summary("Prometheus metrics")
                        .description("Ingestion counts (received, accepted, rejected, duplicates), request latency"
                                + " per route with p50/p99, event log position, store lag and events set aside, JVM"
                                + " figures.")
                        .textResponse(200, "Prometheus text exposition format", "text/plain")
                        .handle(api::metrics),
                ApiRoute.get("/openapi.json").access(Access.PUBLIC).tag("System")
                        .summary("This API described as OpenAPI 3.1")
                        .response(200, "The OpenAPI document")
                        .handle(api::openApi));
    }
}
