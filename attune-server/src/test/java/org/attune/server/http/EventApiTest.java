package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventApiTest {
    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<JsonNode> storedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        admin.get("/v1/events?limit=10000").body().path("events").forEach(events::add);
        return events;
    }

    @Test
    void acceptsOneObjectAnArrayNdjsonAndBeaconText() throws Exception {
        assertThat(admin.send("POST", "/v1/events", "application/json", bytes("""
                {"eventId": "e-1", "type": "view", "anonymousId": "a-1", "catalog": "shop", "itemId": "p-1",
                 "timestamp": "2026-11-20T10:15:00+01:00", "properties": {"price": 49.95, "tags": ["x", "y"]},
                 "context": {"surface": "web", "page": "/p/p-1"}}""")).body().path("accepted").asInt())
                .isEqualTo(1);
        assertThat(admin.send("POST", "/v1/events", "application/json", bytes("""
                [{"type": "view", "userId": "u-1", "itemId": "p-2"},
                 {"type": "purchase", "userId": "u-1", "itemIds": ["p-1", "p-2"], "timestamp": 1763600000000}]"""))
                .body().path("accepted").asInt()).isEqualTo(2);
        assertThat(admin.send("POST", "/v1/events", "application/x-ndjson", bytes("""
                {"type":"search","anonymousId":"a-2","properties":{"query":"red shoes"}}
                {"type":"click","anonymousId":"a-2","itemId":"p-3"}
                """)).body().path("accepted").asInt()).isEqualTo(2);
        assertThat(admin.send("POST", "/v1/events", "text/plain;charset=UTF-8",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a-3\",\"itemId\":\"p-4\"}")).body().path("accepted")
                .asInt()).isEqualTo(1);

        List<JsonNode> events = storedEvents();
        assertThat(events).hasSize(6);
        assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode first = events.get(0);
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-11-20T09:15:00Z");
        assertThat(first.path("properties").path("price").decimalValue()).isEqualByComparingTo("49.95");
        assertThat(first.path("context").path("page").asText()).isEqualTo("/p/p-1");
        assertThat(events.get(2).path("itemIds")).extracting(JsonNode::asText).containsExactly("p-1", "p-2");
        assertThat(events.get(2).path("timestamp").asText()).isEqualTo("2025-11-20T00:53:20Z");
    }

    @Test
    void partialBatchStoresValidRecordsAndReportsEachRejection() throws Exception {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(
                "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"itemId\":\"p-1\"}\n"
                        + "{\"type\":\"view\",\"itemId\":\"p-1\"}\n"
                        + "{broken\n"
                        + "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"timestamp\":\"" + future + "\"}\n"
                        + "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"catalog\":\"nope\"}\n"
                        + "{\"type\":\"add_to_cart\",\"anonymousId\":\"a-1\",\"itemId\":\"p-2\"}\n"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("received").asInt()).isEqualTo(6);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().path("rejected")).extracting(r -> r.path("index").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(answer.body().path("rejected")).extracting(r -> r.path("problems").get(0).path("code").asText())
                .containsExactly("missing_identity", "malformed_json", "timestamp_in_future", "unknown_catalog");
        assertThat(storedEvents()).extracting(e -> e.path("type").asText()).containsExactly("view", "add_to_cart");
    }

    @Test
    void batchWithNothingValidIsA400AndStoresNothing() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/json",
                bytes("[{\"type\":\"view\"},{\"anonymousId\":\"a\"}]"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("code").asText()).isEqualTo("invalid_events");
        assertThat(answer.body().path("details")).hasSize(2);
        AttuneClient.Answer malformed = admin.send("POST", "/v1/events", "application/json", bytes("[{\"type\":"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("code").asText()).isEqualTo("malformed_json");
        assertThat(storedEvents()).isEmpty();
    }

    @Test
    void repeatedEventIdIsStoredOnceEvenAfterRestart() throws Exception {
        String batch = "{\"eventId\":\"e-1\",\"type\":\"view\",\"anonymousId\":\"a\"}\n"
                + "{\"eventId\":\"e-1\",\"type\":\"view\",\"anonymousId\":\"a\"}\n"
                + "{\"eventId\":\"e-2\",\"type\":\"view\",\"anonymousId\":\"a\"}\n";
        JsonNode first = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(batch)).body();
        assertThat(first.path("accepted").asInt()).isEqualTo(2);
        assertThat(first.path("duplicates").asInt()).isEqualTo(1);
        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        JsonNode again = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(batch)).body();
        assertThat(again.path("accepted").asInt()).isZero();
        assertThat(again.path("duplicates").asInt()).isEqualTo(3);
        assertThat(storedEvents()).hasSize(2);
    }

    @Test
    void limitsAreEnforcedWithClearErrors() throws Exception {
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < 10_001; i++) {
            tooMany.append("{\"type\":\"view\",\"anonymousId\":\"a\"}\n");
        }
        AttuneClient.Answer batch = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(tooMany.toString()));
        assertThat(batch.status()).isEqualTo(413);
        assertThat(batch.body().path("code").asText()).isEqualTo("batch_too_large");

        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        AttuneClient.Answer body = admin.send("POST", "/v1/events", "application/json", huge);
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.body().path("code").asText()).isEqualTo("body_too_large");

        String deep = "{\"type\":\"view\",\"anonymousId\":\"a\",\"properties\":"
                + "{\"a\":".repeat(10) + "1" + "}".repeat(10) + "}";
        AttuneClient.Answer tooDeep = admin.send("POST", "/v1/events", "application/json", bytes(deep));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.body().path("details").get(0).path("problems").get(0).path("code").asText())
                .isEqualTo("too_complex");
        assertThat(storedEvents()).isEmpty();
    }

    @Test
    void dictionaryIsDiscoveredFromEventsWithExactCountsAndFillRates() throws Exception {
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes("""
                {"type":"purchase","userId":"u-1","catalog":"shop","itemIds":["p-1","p-2"],"timestamp":"2026-11-01T00:00:00Z","properties":{"revenue":10.5,"items":[{"id":"p-1","qty":1},{"id":"p-2","qty":2}]}}
                {"type":"purchase","userId":"u-2","itemIds":["p-3"],"timestamp":"2026-11-03T00:00:00Z","properties":{"revenue":"7"}}
                {"type":"view","anonymousId":"a-1","itemId":"p-1"}
                """));
        JsonNode dictionary = awaitDictionary(3);
        JsonNode purchase = findType(dictionary, "purchase");
        assertThat(purchase.path("count").asLong()).isEqualTo(2);
        assertThat(purchase.path("firstSeen").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(purchase.path("lastSeen").asText()).isEqualTo("2026-11-03T00:00:00Z");
        JsonNode revenue = findPath(purchase, "properties.revenue");
        assertThat(revenue.path("fillRate").asDouble()).isEqualTo(1.0);
        assertThat(revenue.path("types").path("number").asLong()).isEqualTo(1);
        assertThat(revenue.path("types").path("string").asLong()).isEqualTo(1);
        JsonNode itemIds = findPath(purchase, "properties.items[*].id");
        assertThat(itemIds.path("fillRate").asDouble()).isEqualTo(0.5);
        assertThat(itemIds.path("example").asText()).isEqualTo("p-1");
        assertThat(findType(dictionary, "view").path("count").asLong()).isEqualTo(1);

        server.close();
        server = RunningServer.start(dataDir);
        JsonNode rebuilt = server.admin.get("/v1/dictionary").body();
        assertThat(findType(rebuilt, "purchase").path("count").asLong()).isEqualTo(2);
    }

    private JsonNode awaitDictionary(long events) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode dictionary = admin.get("/v1/dictionary").body();
            if (dictionary.path("events").asLong() >= events) {
                return dictionary;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("dictionary did not reach " + events + " events");
    }

    private static JsonNode findType(JsonNode dictionary, String type) {
        for (JsonNode t : dictionary.path("types")) {
            if (t.path("type").asText().equals(type)) {
                return t;
            }
        }
        throw new AssertionError("no type " + type + " in " + dictionary);
    }

    private static JsonNode findPath(JsonNode type, String path) {
        for (JsonNode p : type.path("paths")) {
            if (p.path("path").asText().equals(path)) {
                return p;
            }
        }
        throw new AssertionError("no path " + path + " in " + type);
    }

    @Test
    void browsersOnOtherOriginsMayPostEventsWithAnIngestKey() throws Exception {
        String ingestKey = admin.postJson("/v1/keys", java.util.Map.of("name", "web", "role", "ingest")).body()
                .path("secret").asText();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/events"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .containsIgnoringCase("authorization");

        HttpResponse<String> beacon = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/v1/events?key=" + ingestKey))
                .header("Origin", "https://shop.example.com")
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"view\",\"anonymousId\":\"a-9\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(beacon.statusCode()).isEqualTo(200);
        assertThat(beacon.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(storedEvents()).hasSize(1);
    }
}
