package org.attune.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.attune.core.dictionary.DataDictionary;

/** Handlers for health, metrics, the OpenAPI document and the data dictionary. */
final class SystemApi {
    private final Supplier<ApiRoutes.Health> health;
    private final ApiMetrics metrics;
    private final DataDictionary dictionary;
    private volatile byte[] openApi;

    SystemApi(Supplier<ApiRoutes.Health> health, ApiMetrics metrics, DataDictionary dictionary) {
        this.health = health;
        this.metrics = metrics;
        this.dictionary = dictionary;
    }

    void setOpenApi(byte[] document) {
        this.openApi = document;
    }

    void health(Context ctx) {
        ApiRoutes.Health report = health.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", !report.ready() ? "not_ready" : report.degraded() ? "degraded" : "ready");
        if (report.reason() != null) {
            json.put("reason", report.reason());
        }
        json.putAll(report.details());
        ApiJson.write(ctx, report.ready() ? 200 : 503, json);
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    void dictionary(Context ctx) {
        ApiJson.write(ctx, 200, dictionary.snapshot());
    }
}
