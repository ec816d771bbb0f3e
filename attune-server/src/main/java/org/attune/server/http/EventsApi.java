package org.attune.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.event.Event;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.ingest.IngestResult;

/** Handlers for event ingestion and read-back. */
final class EventsApi {
    static final int MAX_READ_LIMIT = 10_000;

    private final EventIngestor ingestor;
    private final EventLog log;
    private final ApiMetrics metrics;
    private final java.util.function.Predicate<Event> forgotten;

    /** @param forgotten events never to show again: those of people forgotten by privacy requests */
    EventsApi(EventIngestor ingestor, EventLog log, ApiMetrics metrics, java.util.function.Predicate<Event> forgotten) {
        this.ingestor = ingestor;
        this.log = log;
        this.metrics = metrics;
        this.forgotten = forgotten;
    }

    void ingest(Context ctx) {
        RequestBodies.Body body = RequestBodies.read(ctx, ingestor.limits().maxBodyBytes());
        IngestResult result;
        try {
            result = ingestor.ingest(body.bytes(), body.length(), BrowserKeys.events(ctx));
        } catch (org.attune.core.validation.InvalidInputException e) {
            metrics.recordRejectedBatch(1);
            throw e;
        }
        metrics.recordIngest(result);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", result.received());
        counts.put("accepted", result.accepted());
        counts.put("duplicates", result.duplicates());
        ApiServer.answerBatch(ctx, "invalid_events", "record(s)", counts, result.accepted() + result.duplicates(),
                result.rejected());
    }

    void list(Context ctx) {
        long after = longParam(ctx, "after", 0);
        int limit = (int) longParam(ctx, "limit", 100);
        if (after < 0 || limit < 1 || limit > MAX_READ_LIMIT) {
            throw new ApiProblem(400, "invalid_parameter", "after must be >= 0 and limit between 1 and "
                    + MAX_READ_LIMIT);
        }
        List<Event> events = new ArrayList<>(Math.min(limit, 1024));
        long[] lastRead = {0};
        try (EventLogCursor cursor = log.openCursor(after + 1)) {
            while (events.size() < limit) {
                int n = cursor.read(limit - events.size(), e -> {
                    if (events.size() < limit) {
                        lastRead[0] = e.seq();
                        if (!forgotten.test(e)) {
                            events.add(e);
                        }
                    }
                });
                if (n == 0) {
                    break;
                }
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("events", events.stream().map(EventsApi::toJson).toList());
        response.put("next", lastRead[0] == 0 ? null : lastRead[0]);
        response.put("lastSeq", log.lastSeq());
        ApiJson.write(ctx, 200, response);
    }

    static Map<String, Object> toJson(Event e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", e.seq());
        json.put("eventId", e.eventId());
        json.put("type", e.type());
        json.put("timestamp", java.time.Instant.ofEpochMilli(e.timestamp()));
        json.put("anonymousId", e.anonymousId());
        json.put("userId", e.userId());
        json.put("catalog", e.catalog());
        json.put("itemIds", e.itemIds());
        json.put("properties", e.properties());
        json.put("context", e.context());
        json.put("receivedAt", java.time.Instant.ofEpochMilli(e.receivedAt()));
        return json;
    }

    static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "invalid_parameter", name + " must be an integer, got '" + value + "'");
        }
    }
}
