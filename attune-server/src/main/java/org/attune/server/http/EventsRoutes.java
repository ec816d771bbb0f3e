package org.attune.server.http;

import java.util.List;
import org.attune.core.event.EventLimits;

/**
 * The event routes: sending events, reading the log back, and the data dictionary discovered from
 * them (answered by {@link SystemApi}, which keeps the dictionary beside the other operator views).
 */
final class EventsRoutes {
    private EventsRoutes() {
    }

    static List<ApiRoute> routes(EventsApi api, SystemApi system, EventLimits limits) {
        String limitText = "Limits: body " + limits.maxBodyBytes() / (1024 * 1024) + " MiB (413 beyond), "
                + limits.maxBatchSize() + " records per request (413 beyond), ids up to " + limits.maxIdLength()
                + " characters, type names up to " + limits.maxTypeLength() + " characters of letters, digits and"
                + " _-.:, at most " + limits.maxItemIds() + " item ids per event, properties and context nested at"
                + " most " + limits.maxPropertyDepth() + " deep with at most " + limits.maxPropertyNodes()
                + " values and strings up to " + limits.maxStringLength() + " characters, timestamps from "
                + EventLimits.EARLIEST_TIMESTAMP + " to " + limits.maxFutureSkew().toHours() + " h in the future,"
                + " numbers within a double's range, no key twice in one object.";
        return List.of(
                ApiRoute.post("/v1/events").access(Access.INGEST).browser().tag("Events")
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
                                + " post with an ingest key." + DecisioningRoutes.BROWSER_KEYS + " (an event of"
                                + " another catalog is rejected as 'catalog_not_allowed'). " + limitText)
                        .queryParam("key", "string", "An ingest or browser key, for clients that cannot send"
                                + " headers")
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
                        .response(403, "A browser key from a page of another origin")
                        .response(413, "Body or batch too large")
                        .response(503, "Storage failed; nothing was stored, retry")
                        .handle(api::ingest),
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
                        .handle(api::list),
                ApiRoute.get("/v1/dictionary").access(Access.EDITOR).tag("Events")
                        .summary("The data dictionary discovered from the events")
                        .description("Every event type with its exact stored count, first and last seen, and the"
                                + " paths seen in its events (properties.*, context.*, itemIds[*], userId, ...)"
                                + " with observed value types and counts, fill rate and an example value.")
                        .response(200, "The dictionary", "Dictionary", null)
                        .handle(system::dictionary));
    }
}
