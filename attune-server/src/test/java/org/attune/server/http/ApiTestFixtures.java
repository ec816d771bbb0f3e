package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Tiny readable fixtures shared by the API tests. */
public final class ApiTestFixtures {
    static final String CATALOG = """
            {"id": "shop", "name": "Test shop", "language": "en",
             "schema": {"attributes": [
               {"name": "title", "type": "string", "role": "title", "required": true},
               {"name": "brand", "type": "string", "role": "brand"},
               {"name": "category", "type": "string", "role": "category"},
               {"name": "price", "type": "number", "role": "price"},
               {"name": "available", "type": "boolean", "role": "availability"},
               {"name": "tags", "type": "string_list", "role": "tags"},
               {"name": "image", "type": "url", "role": "image"},
               {"name": "released", "type": "timestamp"}]}}""";

    private ApiTestFixtures() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The criterion of that name in a viability report. */
    public static JsonNode criterion(JsonNode report, String name) {
        for (JsonNode criterion : report.path("criteria")) {
            if (criterion.path("name").asText().equals(name)) {
                return criterion;
            }
        }
        throw new AssertionError("no criterion " + name + " in " + report);
    }

    /**
     * Waits (up to 10 s) until the live profiles have applied every acknowledged event: an
     * acknowledgement means durable in the log, and profiles follow it a moment later.
     */
    static void awaitProfilesApplied(org.attune.server.importing.AttuneClient client) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode health;
        do {
            health = client.get("/health").body();
        } while (health.path("profilesAppliedThrough").asLong() < health.path("eventLogLastSeq").asLong()
                && System.nanoTime() < deadline);
    }
}
