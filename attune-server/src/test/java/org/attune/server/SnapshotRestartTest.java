package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart reads the newest state snapshot and replays only the events after it, through the
 * real server process: after SIGKILL it replays what came since the last snapshot, after a
 * clean stop nothing; profiles, popularity and the recognition of repeated event ids are the
 * same as before; and a person deleted before the stop is in no snapshot on disk.
 */
class SnapshotRestartTest {
    private static final int PEOPLE = 40;
    private static final String CATALOG = """
            {"id": "shop", "schema": {"attributes": [
               {"name": "title", "type": "string", "role": "title", "required": true},
               {"name": "brand", "type": "string", "role": "brand"}]}}""";

    @TempDir
    Path root;

    @Test
    void aRestartReplaysOnlyTheEventsAfterTheNewestSnapshot() throws Exception {
        Path dataDir = root.resolve("data");
        String[] options = {"--snapshot-every-events", "1000", "--snapshot-minutes", "60"};
        ChildServer server = ChildServer.start(dataDir, options);
        Map<String, JsonNode> profiles = new HashMap<>();
        byte[] first = events(0, 1_500);
        byte[] second = events(1_500, 2_000);
        List<String> trending;
        try {
            AttuneClient admin = server.admin();
            admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
            StringBuilder products = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                products.append("{\"id\":\"p-").append(i).append("\",\"title\":\"Product ").append(i)
                        .append("\",\"brand\":\"brand-").append(i % 4).append("\"}\n");
            }
            admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(products.toString()));
            assertThat(admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", first).body()
                    .path("accepted").asInt()).isEqualTo(1_500);
            // The first snapshot after a start is due at once; the next only after 1,000 more events.
            awaitHealth(admin, h -> h.path("snapshotThroughSeq").asLong() == 1_500);
            assertThat(admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", second).body()
                    .path("accepted").asInt()).isEqualTo(500);
            awaitHealth(admin, h -> h.path("profilesAppliedThrough").asLong() == 2_000);
            for (int p = 0; p < PEOPLE; p++) {
                profiles.put(person(p), profile(admin, person(p)));
            }
            trending = awaitTrending(admin);
            assertThat(health(admin).path("snapshotThroughSeq").asLong()).isEqualTo(1_500);
        } finally {
            server.kill();
        }

        server = ChildServer.start(dataDir, options);
        try {
            AttuneClient admin = server.admin();
            JsonNode health = health(admin);
            assertThat(health.path("startedFromSnapshotSeq").asLong()).isEqualTo(1_500);
            assertThat(health.path("startupReplayedEvents").asLong()).isEqualTo(500);
            for (int p = 0; p < PEOPLE; p++) {
                assertSameProfile(profile(admin, person(p)), profiles.get(person(p)));
            }
            assertThat(awaitTrending(admin)).isEqualTo(trending);
            JsonNode again = admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", first).body();
            assertThat(again.path("accepted").asInt()).isZero();
            assertThat(again.path("duplicates").asInt()).isEqualTo(1_500);

            AttuneClient.Answer erased = admin.send("DELETE", "/v1/profiles/" + person(0), "application/json",
                    new byte[0]);
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.body().path("eventLogRedacted").asBoolean()).as("redacted: %s", erased.body()).isTrue();
            server.stop();
        } finally {
            server.close();
        }

        server = ChildServer.start(dataDir, options);
        try {
            AttuneClient admin = server.admin();
            JsonNode health = health(admin);
            assertThat(health.path("startedFromSnapshotSeq").asLong()).as("a clean stop snapshots")
                    .isEqualTo(health.path("eventLogLastSeq").asLong());
            assertThat(health.path("startupReplayedEvents").asLong()).isZero();
            assertThat(admin.get("/v1/profiles/" + person(0)).status()).isEqualTo(404);
            for (int p = 1; p < PEOPLE; p++) {
                assertSameProfile(profile(admin, person(p)), profiles.get(person(p)));
            }
            try (Stream<Path> files = Files.list(dataDir.resolve("snapshots"))) {
                List<Path> snapshots = files.toList();
                assertThat(snapshots).hasSize(1);
                String content = new String(Files.readAllBytes(snapshots.get(0)), StandardCharsets.ISO_8859_1);
                assertThat(content).as("the deleted person is in no snapshot").doesNotContain(person(0))
                        .contains(person(1));
            }
        } finally {
            server.close();
        }
    }

    private static String person(int p) {
        return "visitor-" + (100 + p);
    }

    /** Views and purchases of the 40 people, event ids e-{from}..e-{to - 1}. */
    private static byte[] events(int from, int to) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = from; i < to; i++) {
            String type = i % 10 == 9 ? "purchase" : i % 5 == 4 ? "add_to_cart" : "view";
            ndjson.append("{\"eventId\":\"e-").append(i).append("\",\"type\":\"").append(type)
                    .append("\",\"anonymousId\":\"").append(person(i % PEOPLE)).append("\",\"catalog\":\"shop\"")
                    .append(",\"itemId\":\"p-").append((i * 7) % 30).append("\",\"timestamp\":")
                    .append(1_764_000_000_000L + i * 60_000L).append("}\n");
        }
        return bytes(ndjson.toString());
    }

    /**
     * The same profile, read a little later: affinity scores decay with the clock between the
     * two reads (by about 6e-7 of their value a second) and the days since the last purchase grow;
     * everything else is equal.
     */
    private static void assertSameProfile(JsonNode actual, JsonNode expected) {
        assertThat(withoutScores(actual)).as(expected.path("anonymousIds").toString())
                .isEqualTo(withoutScores(expected));
        expected.path("affinities").fields().forEachRemaining(attribute -> {
            for (int i = 0; i < attribute.getValue().size(); i++) {
                double was = attribute.getValue().get(i).path("score").asDouble();
                double is = actual.path("affinities").path(attribute.getKey()).get(i).path("score").asDouble();
                assertThat(is).isCloseTo(was, org.assertj.core.data.Percentage.withPercentage(0.01));
            }
        });
        assertThat(actual.path("rfm").path("daysSinceLastPurchase").asDouble())
                .isCloseTo(expected.path("rfm").path("daysSinceLastPurchase").asDouble(), within(0.01));
    }

    private static JsonNode withoutScores(JsonNode profile) {
        JsonNode copy = profile.deepCopy();
        copy.path("affinities").forEach(values -> values.forEach(
                value -> ((com.fasterxml.jackson.databind.node.ObjectNode) value).remove("score")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("rfm")).remove("daysSinceLastPurchase");
        return copy;
    }

    private static JsonNode profile(AttuneClient admin, String id) throws Exception {
        AttuneClient.Answer answer = admin.get("/v1/profiles/" + id);
        assertThat(answer.status()).as("profile of %s", id).isEqualTo(200);
        return answer.body();
    }

    /**
     * The trending products in order (their scores decay with the clock), once the ranking has
     * caught up with the events applied: rankings are rebuilt every 250 ms, so the same list
     * twice, 600 ms apart.
     */
    private static List<String> awaitTrending(AttuneClient admin) throws Exception {
        List<String> previous = null;
        for (int i = 0; i < 100; i++) {
            JsonNode answer = admin.get("/v1/recommendations?catalog=shop&strategy=trending&count=30").body();
            List<String> ids = new java.util.ArrayList<>();
            answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
            if (ids.size() == 30 && ids.equals(previous)) {
                return ids;
            }
            previous = ids;
            Thread.sleep(600);
        }
        throw new AssertionError("trending never settled on 30 products: " + previous);
    }

    private static JsonNode health(AttuneClient admin) throws Exception {
        return admin.get("/health").body();
    }

    private static void awaitHealth(AttuneClient admin, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        JsonNode details = null;
        for (int i = 0; i < 300; i++) {
            details = health(admin);
            if (condition.test(details)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never got there: " + details);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
