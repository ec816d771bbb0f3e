package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input an attacker sends to break what is stored: every bad record is refused on its own,
 * the good ones of its batch are kept, and nothing stored turns Infinity.
 */
class HostileInputApiTest {
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

    private static List<String> codes(AttuneClient.Answer answer) {
        List<String> codes = new ArrayList<>();
        answer.body().path("rejected").forEach(r -> codes.add(r.path("problems").get(0).path("code").asText()));
        return codes;
    }

    @Test
    void timestampsOutsideTheWindowAreRejectedPerRecordAndTheirNeighboursKept() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/json", bytes("""
                [{"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": -9223372036854775808},
                 {"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": "-999999999-01-01T00:00:00Z"},
                 {"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": "+999999999-12-31T23:59:59Z"},
                 {"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": "1969-12-31T23:59:59Z"},
                 {"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": 9223372036854775807},
                 {"type": "rate", "anonymousId": "a-1", "itemId": "p-1", "timestamp": "1997-09-20T00:00:00Z"},
                 {"type": "view", "anonymousId": "a-1", "itemId": "p-1", "timestamp": 0}]"""));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().path("rejected")).extracting(r -> r.path("index").asInt())
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(codes(answer)).containsExactly("invalid_timestamp", "invalid_timestamp", "timestamp_in_future",
                "invalid_timestamp", "timestamp_in_future");
        assertThat(storedEvents()).extracting(e -> e.path("timestamp").asText())
                .containsExactly("1997-09-20T00:00:00Z", "1970-01-01T00:00:00Z");
    }

    @Test
    void numbersBeyondADoubleAreRejectedPerRecordInEveryBodyForm() throws Exception {
        String bad = "{\"type\":\"purchase\",\"anonymousId\":\"a-1\",\"itemId\":\"p-1\",\"properties\":{\"revenue\":1e400}}";
        String good = "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"itemId\":\"p-1\",\"properties\":{\"n\":1e300}}";

        AttuneClient.Answer array = admin.send("POST", "/v1/events", "application/json",
                bytes("[" + good + "," + bad + "," + good + "]"));
        AttuneClient.Answer ndjson = admin.send("POST", "/v1/events", "application/x-ndjson",
                bytes(good + "\n" + bad + "\n" + good + "\n"));

        for (AttuneClient.Answer answer : List.of(array, ndjson)) {
            assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
            assertThat(answer.body().path("rejected")).extracting(r -> r.path("index").asInt()).containsExactly(1);
            assertThat(answer.body().path("rejected").get(0).path("problems").get(0).path("path").asText())
                    .isEqualTo("properties.revenue");
            assertThat(codes(answer)).containsExactly("non_finite_number");
        }
        assertThat(storedEvents()).hasSize(4).allSatisfy(e -> assertThat(e.toString()).doesNotContain("Infinity"));
        AttuneClient.Answer one = admin.send("POST", "/v1/events", "application/json", bytes(bad));
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.body().path("details").get(0).path("problems").get(0).path("code").asText())
                .isEqualTo("non_finite_number");
    }

    @Test
    void aRepeatedKeyRejectsItsRecordAloneInEveryBodyForm() throws Exception {
        String bad = "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"anonymousId\":\"a-2\",\"itemId\":\"p-1\"}";
        String nested = "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"properties\":{\"x\":1,\"x\":2}}";
        String good = "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"itemId\":\"p-1\"}";

        AttuneClient.Answer array = admin.send("POST", "/v1/events", "application/json",
                bytes("[" + good + ",\n" + bad + ",\n" + nested + ",\n" + good + "]"));
        AttuneClient.Answer ndjson = admin.send("POST", "/v1/events", "application/x-ndjson",
                bytes(good + "\n" + bad + "\n" + nested + "\n" + good + "\n"));
        AttuneClient.Answer pretty = admin.send("POST", "/v1/events", "application/x-ndjson",
                bytes(good + "\n{\n  \"type\": \"view\",\n  \"type\": \"click\",\n  \"anonymousId\": \"a-1\"\n}\n"
                        + good + "\n"));

        for (AttuneClient.Answer answer : List.of(array, ndjson)) {
            assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
            assertThat(answer.body().path("rejected")).extracting(r -> r.path("index").asInt()).containsExactly(1, 2);
            assertThat(codes(answer)).containsExactly("duplicate_key", "duplicate_key");
        }
        assertThat(pretty.body().path("received").asInt()).isEqualTo(3);
        assertThat(pretty.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(codes(pretty)).containsExactly("duplicate_key");
        assertThat(pretty.body().path("rejected").get(0).path("problems").get(0).path("message").asText())
                .as("the key and where, in words for the sender")
                .isEqualTo("the key 'type' appears twice in one object (line 3, column 11)");
        assertThat(storedEvents()).hasSize(6);
    }

    @Test
    void productsWithARepeatedKeyOrAnInfiniteNumberAreRejectedAlone() throws Exception {
        AttuneClient.Answer answer = admin.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id": "p-1", "title": "One", "price": 10}
                {"id": "p-2", "title": "Two", "price": 1e400}
                {"id": "p-3", "title": "Three", "title": "Tres"}
                {"id": "p-4", "title": "Four", "price": 4.5, "released": "1605-01-16T00:00:00Z"}
                {"id": "p-5", "title": "Five", "released": "-999999999-01-01T00:00:00Z"}
                """));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rejected")).extracting(r -> r.path("index").asInt()).containsExactly(1, 2, 4);
        assertThat(codes(answer)).containsExactly("non_finite_number", "duplicate_key", "invalid_timestamp");
        assertThat(admin.get("/v1/catalogs/shop/products/p-1").status()).isEqualTo(200);
        assertThat(admin.get("/v1/catalogs/shop/products/p-2").status()).isEqualTo(404);
        assertThat(admin.get("/v1/catalogs/shop/products/p-4").body().path("attributes").path("price").asDouble())
                .isEqualTo(4.5);
    }

    @Test
    void aSingleObjectBodyWithARepeatedKeyOrAnInfiniteNumberIsRefusedWhole() throws Exception {
        AttuneClient.Answer repeated = admin.send("POST", "/v1/catalogs", "application/json",
                bytes("{\"id\": \"other\", \"id\": \"again\", \"name\": \"x\", \"language\": \"en\"}"));
        AttuneClient.Answer infinite = admin.send("POST", "/v1/catalogs", "application/json", bytes("""
                {"id": "other", "name": "x", "language": "en", "eventWeights": {"view": 1e400},
                 "schema": {"attributes": [{"name": "title", "type": "string", "role": "title"}]}}"""));

        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.body().path("code").asText()).isEqualTo("duplicate_key");
        assertThat(repeated.body().path("message").asText()).startsWith("The body is refused: the key 'id' appears twice");
        assertThat(admin.get("/v1/catalogs/again").status()).isEqualTo(404);
        assertThat(infinite.status()).isEqualTo(400);
        assertThat(infinite.body().path("code").asText()).isEqualTo("non_finite_number");
        assertThat(admin.get("/v1/catalogs/other").status()).isEqualTo(404);
    }

    @Test
    void aRejectedHugeIdIsEchoedShortened() throws Exception {
        String huge = "x".repeat(1_000_000);
        // Jackson refuses keys over 50,000 characters as unreadable; this one is read and refused by name.
        String longKey = "k".repeat(40_000);
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/json", bytes(
                "[{\"eventId\":\"" + huge + "\",\"type\":\"view\",\"anonymousId\":\"a-1\",\"" + longKey + "\":1},"
                        + "{\"type\":\"view\",\"anonymousId\":\"a-1\"}]"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().toString().length()).isLessThan(5_000);
        JsonNode rejection = answer.body().path("rejected").get(0);
        assertThat(rejection.path("id").asText()).startsWith("xxx").endsWith("…(1000000 characters)").hasSize(200
                + "…(1000000 characters)".length());
        assertThat(rejection.path("problems")).extracting(p -> p.path("code").asText())
                .contains("unknown_field", "invalid_id");
    }

    @Test
    void hugeRevenueNeverMakesAProfilesSpendInfinite() throws Exception {
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes("""
                {"type":"purchase","anonymousId":"a-1","properties":{"revenue":1e308}}
                {"type":"purchase","anonymousId":"a-1","properties":{"revenue":1.7e308}}
                {"type":"purchase","anonymousId":"a-1","properties":{"revenue":-1e308}}
                """));

        JsonNode profile = admin.get("/v1/profiles/a-1").body();
        for (int i = 0; i < 100 && profile.path("rfm").path("purchases30d").asInt() < 3; i++) {
            Thread.sleep(20);
            profile = admin.get("/v1/profiles/a-1").body();
        }
        assertThat(profile.path("rfm").path("purchases30d").asInt()).isEqualTo(3);
        assertThat(profile.toString()).doesNotContain("Infinity").doesNotContain("NaN");
        assertThat(profile.path("rfm").path("spend").asDouble()).isFinite();
    }
}
