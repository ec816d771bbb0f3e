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
import java.util.function.Predicate;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merchant's view of what answers earned, through the API of a real server: a decision, its
 * impression, a click, a purchase two hours later, and the report showing the revenue; what
 * falls outside the windows, view-through, stitched identities, and recIds that are bad.
 */
class OutcomesApiTest {
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
            {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30}
            """;

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;
    long now;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(PRODUCTS));
        // Some shoppers make the products trend, so the home placement has something to show.
        StringBuilder views = new StringBuilder();
        for (int p = 0; p < 5; p++) {
            for (String product : new String[] {"boot-1", "boot-2", "coat-1"}) {
                views.append(event("visitor-" + p, null, "view", product, Instant.now().minusSeconds(600), null,
                        null));
            }
        }
        send(views.toString());
        admin.sendOrFail("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                bytes("{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}"));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                bytes("{\"name\": \"Home\", \"items\": 2, \"strategy\": \"popular\"}"));
        now = System.currentTimeMillis();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClickAndAPurchaseTwoHoursLaterEarnTheAnswerItsRevenue() throws Exception {
        JsonNode answer = decide("a-1");
        String recId = answer.path("recId").asText();
        String clicked = answer.path("items").get(0).path("id").asText();
        String seen = answer.path("items").get(1).path("id").asText();
        assertThat(recId).hasSize(34);

        send(event("a-1", null, "impression", clicked + "\",\"" + seen, Instant.ofEpochMilli(now + 1_000), recId,
                null)
                + event("a-1", null, "click", clicked, Instant.ofEpochMilli(now + 2_000), recId, null)
                // Signing in after the click: the purchase comes under the user id alone.
                + event("a-1", "u-1", "identify", null, Instant.ofEpochMilli(now + 60_000), null, null)
                + event(null, "u-1", "purchase", clicked, Instant.ofEpochMilli(now + 2 * 3_600_000), null,
                "{\"revenue\": 123.45}")
                // Seen, not clicked, bought: view-through.
                + event(null, "u-1", "purchase", seen, Instant.ofEpochMilli(now + 2 * 3_600_000 + 1_000), null,
                "{\"revenue\": 50}")
                // Never shown: unattributed.
                + event(null, "u-1", "purchase", "hat-1", Instant.ofEpochMilli(now + 2 * 3_600_000 + 2_000), null,
                "{\"revenue\": 30}"));

        // Events count as they are applied, the answer once the decision log has it on disk (within 0.25 s).
        JsonNode home = await("placement=home", "groupBy=placement", row -> row.path("purchases").asLong() == 1
                && row.path("answers").asLong() == 1);
        assertThat(home.path("items").asLong()).isEqualTo(2);
        assertThat(home.path("impressions").asLong()).isEqualTo(2);
        assertThat(home.path("clicks").asLong()).isEqualTo(1);
        assertThat(home.path("ctr").asDouble()).isEqualTo(0.5);
        assertThat(home.path("revenue").asDouble()).isEqualTo(123.45);
        assertThat(home.path("conversionRate").asDouble()).isEqualTo(1.0);
        assertThat(home.path("viewThroughPurchases").asLong()).isEqualTo(1);
        assertThat(home.path("viewThroughRevenue").asDouble()).isEqualTo(50.0);
        assertThat(home.path("revenuePerThousandImpressions").asDouble()).isEqualTo(61725.0);
        assertThat(home.path("distinctProducts").asLong()).isEqualTo(2);
        assertThat(home.path("coverage").asDouble()).isEqualTo(0.5);

        JsonNode unattributed = await("source=unattributed", "groupBy=source",
                row -> row.path("unattributedPurchases").asLong() == 1);
        assertThat(unattributed.path("unattributedRevenue").asDouble()).isEqualTo(30.0);
        assertThat(unattributed.path("purchases").asLong()).isZero();

        JsonNode products = admin.get("/v1/reports/products?catalog=shop&to="
                + Instant.ofEpochMilli(now + 3 * 3_600_000)).body();
        assertThat(products.path("mostRevenue").get(0).path("product").asText()).isEqualTo(clicked);
        assertThat(products.path("mostRevenue").get(0).path("revenue").asDouble()).isEqualTo(123.45);
    }

    @Test
    void aPurchaseOutsideTheClickThroughWindowIsUnattributed() throws Exception {
        AttuneClient.Answer windows = admin.send("PUT", "/v1/catalogs/shop/attribution", "application/json",
                bytes("{\"clickThroughHours\": 1, \"viewThroughHours\": 1}"));
        assertThat(windows.status()).as("%s", windows.body()).isEqualTo(200);
        assertThat(admin.get("/v1/catalogs/shop/attribution").body().path("clickThroughHours").asInt()).isEqualTo(1);
        JsonNode answer = decide("a-2");
        String clicked = answer.path("items").get(0).path("id").asText();
        send(event("a-2", null, "click", clicked, Instant.ofEpochMilli(now + 1_000), answer.path("recId").asText(),
                null)
                + event("a-2", null, "purchase", clicked, Instant.ofEpochMilli(now + 2 * 3_600_000), null,
                "{\"revenue\": 99}"));

        JsonNode unattributed = await("source=unattributed", "groupBy=source",
                row -> row.path("unattributedPurchases").asLong() == 1);
        assertThat(unattributed.path("unattributedRevenue").asDouble()).isEqualTo(99.0);
        JsonNode home = await("placement=home", "groupBy=placement", row -> row.path("clicks").asLong() == 1);
        assertThat(home.path("purchases").asLong()).isZero();
        assertThat(home.path("viewThroughPurchases").asLong()).isZero();
    }

    @Test
    void badUnknownAndExpiredRecIdsAreCountedNotRefused() throws Exception {
        admin.sendOrFail("PUT", "/v1/catalogs/shop/attribution", "application/json",
                bytes("{\"clickThroughHours\": 1, \"viewThroughHours\": 1}"));
        JsonNode answer = decide("a-3");
        String recId = answer.path("recId").asText();
        String product = answer.path("items").get(0).path("id").asText();
        // A character in the middle: all six of its bits are the recId's (the last character's
        // low four bits are Base64 padding, which decoding ignores, so 'A' to 'B' there changes nothing).
        char middle = recId.charAt(20);
        String tampered = recId.substring(0, 20) + (middle == 'A' ? 'B' : 'A') + recId.substring(21);
        AttuneClient.Answer sent = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(
                event("a-3", null, "click", product, Instant.ofEpochMilli(now), "not-a-rec-id", null)
                        + event("a-3", null, "click", product, Instant.ofEpochMilli(now), tampered, null)
                        + event("a-3", null, "click", product, Instant.ofEpochMilli(now), null, null)
                        // Two hours after the answer: past the 1-hour click-through window.
                        + event("a-3", null, "click", product, Instant.ofEpochMilli(now + 2 * 3_600_000L), recId,
                        null)));
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
        assertThat(sent.body().path("accepted").asInt()).isEqualTo(4);

        JsonNode unattributed = await("source=unattributed", "groupBy=source",
                row -> row.path("unattributedClicks").asLong() == 4);
        assertThat(unattributed.path("badRecIds").asLong()).isEqualTo(2);
        assertThat(unattributed.path("expiredRecIds").asLong()).isEqualTo(1);
    }

    @Test
    void reportsComeAsCsvAndRefuseBadRequestsWithTheirProblems() throws Exception {
        decide("a-4");
        await("placement=home", "groupBy=placement", row -> row.path("answers").asLong() == 1);
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/v1/reports?catalog=shop&groupBy=placement,source&format=csv&to="
                        + Instant.ofEpochMilli(now + 3_600_000)))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("start,placement,source,answers,items,fallbackAnswers,fallbackRate");
        assertThat(lines[1]).contains(",home,personalized,1,2,0,0.0,");

        AttuneClient.Answer bad = admin.get("/v1/reports?granularity=week&groupBy=placement,colour&from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("code").asText()).isEqualTo("invalid_report_request");
        assertThat(bad.body().path("details").toString()).contains("from");
        AttuneClient.Answer tooLong = admin.get("/v1/reports?granularity=hour&from=2026-01-01&to=2026-12-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("details").get(0).path("code").asText()).isEqualTo("range_too_long");
        AttuneClient.Answer window = admin.send("PUT", "/v1/catalogs/shop/attribution", "application/json",
                bytes("{\"clickThroughHours\": 0}"));
        assertThat(window.status()).isEqualTo(400);
        assertThat(admin.get("/v1/catalogs/nope/attribution").status()).isEqualTo(404);
    }

    @Test
    void aDeletedPersonLeavesNoIdInTheDecisionLog() throws Exception {
        decide("forget-me-77");
        decide("keep-me-78");
        send(event("forget-me-77", null, "view", "boot-1", Instant.ofEpochMilli(now), null, null));
        ApiTestFixtures.awaitProfilesApplied(admin);
        Path decisions = dataDir.resolve("outcomes").resolve("decisions");
        await("placement=home", "groupBy=placement", row -> row.path("answers").asLong() == 2);
        assertThat(decisionLog(decisions)).contains("forget-me-77").contains("keep-me-78");

        AttuneClient.Answer forgotten = admin.send("DELETE", "/v1/profiles/forget-me-77", "application/json",
                new byte[0]);
        assertThat(forgotten.status()).as("%s", forgotten.body()).isEqualTo(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (decisionLog(decisions).contains("forget-me-77")) {
            assertThat(System.nanoTime()).as("blanked within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(decisionLog(decisions)).contains("keep-me-78");
        JsonNode home = await("placement=home", "groupBy=placement", row -> row.path("answers").asLong() == 2);
        assertThat(home.path("items").asLong()).as("the answers stay, anonymous").isEqualTo(4);
    }

    private static String decisionLog(Path dir) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                text.append(java.nio.file.Files.readString(file));
            }
        }
        return text.toString();
    }

    private JsonNode decide(String anonymousId) throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/decisions", "application/json", bytes(
                "{\"catalog\": \"shop\", \"anonymousId\": \"" + anonymousId + "\", \"placements\": [\"home\"]}"));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode placement = answer.body().path("placements").get(0);
        assertThat(placement.path("items")).as("%s", answer.body()).hasSize(2);
        return placement;
    }

    /** The total row matching {@code filter} once {@code done} holds for it (within 10 s). */
    private JsonNode await(String filter, String groupBy, Predicate<JsonNode> done) throws Exception {
        String[] match = filter.split("=");
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode report = admin.get("/v1/reports?catalog=shop&granularity=hour&" + groupBy + "&from="
                    + Instant.ofEpochMilli(now - 3_600_000) + "&to=" + Instant.ofEpochMilli(now + 30 * 3_600_000L))
                    .body();
            for (JsonNode row : report.path("totals")) {
                if (row.path("group").path(match[0]).asText().equals(match[1])) {
                    last = row;
                    if (done.test(row)) {
                        return row;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no total with " + filter + " as expected within 10 s; last: " + last);
    }

    private void send(String ndjson) throws Exception {
        AttuneClient.Answer sent = admin.send("POST", "/v1/events", "application/x-ndjson", bytes(ndjson));
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
        assertThat(sent.body().path("rejected")).as("%s", sent.body()).isEmpty();
    }

    private static String event(String anonymousId, String userId, String type, String items, Instant at,
                                String recId, String properties) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append('"');
        if (anonymousId != null) {
            json.append(",\"anonymousId\":\"").append(anonymousId).append('"');
        }
        if (userId != null) {
            json.append(",\"userId\":\"").append(userId).append('"');
        }
        if (items != null) {
            json.append(",\"catalog\":\"shop\",\"itemIds\":[\"").append(items).append("\"]");
        }
        json.append(",\"timestamp\":\"").append(at).append('"');
        if (recId != null) {
            json.append(",\"context\":{\"recId\":\"").append(recId).append("\"}");
        }
        if (properties != null) {
            json.append(",\"properties\":").append(properties);
        }
        return json.append("}\n").toString();
    }
}
