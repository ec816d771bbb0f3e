package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.server.cli.AttuneCommand;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reports survive restarts as they were earned: after SIGKILL (with answers and events still
 * arriving) and after a clean stop, the real server process reports what {@code attune reports
 * rebuild} recomputes from the two logs alone; and a frequency cap still counts what a person
 * was shown before the crash.
 */
class OutcomesRestartTest {
    private static final String CATALOG = """
            {"id": "shop", "schema": {"attributes": [
               {"name": "title", "type": "string", "role": "title", "required": true},
               {"name": "price", "type": "number", "role": "price"}]}}""";
    private static final String[] OPTIONS = {"--snapshot-every-events", "300", "--snapshot-minutes", "60"};

    @TempDir
    Path root;
    long now;

    @Test
    void afterAKillAndAStopTheReportsEqualARebuildFromTheLogs() throws Exception {
        Path dataDir = root.resolve("data");
        ChildServer server = ChildServer.start(dataDir, OPTIONS);
        List<String> shownToCapped;
        String from;
        String to;
        try {
            AttuneClient admin = server.admin();
            admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
            StringBuilder products = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                products.append("{\"id\":\"p-").append(i).append("\",\"title\":\"Product ").append(i)
                        .append("\",\"price\":").append(10 + i).append("}\n");
            }
            admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(products.toString()));
            now = System.currentTimeMillis();
            from = Instant.ofEpochMilli(now - 3_600_000).toString();
            to = Instant.ofEpochMilli(now + 6 * 3_600_000).toString();
            StringBuilder views = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                views.append(event("visitor-" + i % 20, "view", "p-" + i % 8, now - 600_000 + i, null, null));
            }
            send(admin, views.toString());
            admin.sendOrFail("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                    bytes("{\"name\": \"Popular\", \"sources\": [{\"type\": \"trending\"}]}"));
            admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                    bytes("{\"name\": \"Home\", \"items\": 2, \"strategy\": \"popular\"}"));
            admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/mail", "application/json",
                    bytes("{\"name\": \"Mail\", \"channel\": \"email\", \"items\": 2, \"strategy\": \"popular\","
                            + " \"cap\": {\"impressions\": 1, \"hours\": 24}}"));
            awaitTrending(admin);

            shownToCapped = ids(decide(admin, "capped", "mail"));
            // Shoppers see answers, click, buy; a snapshot falls in the middle (every 300 events).
            for (int p = 0; p < 30; p++) {
                JsonNode answer = decide(admin, "shopper-" + p, "home");
                String recId = answer.path("recId").asText();
                List<String> items = ids(answer);
                StringBuilder events = new StringBuilder();
                events.append(event("shopper-" + p, "impression", String.join("\",\"", items), now + p, recId, null));
                if (p % 2 == 0) {
                    events.append(event("shopper-" + p, "click", items.get(0), now + p + 1, recId, null));
                }
                if (p % 3 == 0) {
                    events.append(event("shopper-" + p, "purchase", items.get(p % 2), now + 3_600_000 + p, null,
                            "{\"revenue\": " + (p + 1) + "}"));
                }
                for (int v = 0; v < 12; v++) {
                    events.append(event("shopper-" + p, "view", "p-" + v % 8, now + p + 2 + v, null, null));
                }
                send(admin, events.toString());
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (admin.get("/health").body().path("snapshotThroughSeq").asLong() <= 0) {
                assertThat(System.nanoTime()).as("a snapshot within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            send(admin, event("shopper-0", "view", "p-1", now + 100, null, null)); // after the snapshot
            for (int p = 0; p < 5; p++) {
                decide(admin, "late-" + p, "home"); // given just before the crash: kept or lost, never half
            }
        } finally {
            server.kill();
        }

        JsonNode rebuilt = rebuild(dataDir, from, to);
        assertThat(rebuilt.path("totals").toString()).contains("\"placement\":\"home\"");
        server = ChildServer.start(dataDir, OPTIONS);
        try {
            AttuneClient admin = server.admin();
            JsonNode health = admin.get("/health").body();
            assertThat(health.path("startedFromSnapshotSeq").asLong()).as("from a snapshot: %s", health).isPositive();
            assertThat(health.path("startupReplayedEvents").asLong()).as("and the events after it").isPositive();
            JsonNode restarted = report(admin, from, to);
            assertThat(figures(restarted)).isEqualTo(figures(rebuilt));
            JsonNode home = total(restarted, "home");
            assertThat(home.path("clicks").asLong()).isEqualTo(15);
            assertThat(home.path("impressions").asLong()).isEqualTo(60);
            assertThat(home.path("purchases").asLong() + home.path("viewThroughPurchases").asLong()).isEqualTo(10);

            List<String> shownAgain = ids(decide(admin, "capped", "mail"));
            assertThat(shownAgain).as("the cap counts what was shown before the crash").doesNotContainAnyElementsOf(
                    shownToCapped);
            server.stop();
        } finally {
            server.close();
        }

        JsonNode afterStop = rebuild(dataDir, from, to);
        server = ChildServer.start(dataDir, OPTIONS);
        try {
            assertThat(figures(report(server.admin(), from, to))).isEqualTo(figures(afterStop));
        } finally {
            server.close();
        }
    }

    private static JsonNode rebuild(Path dataDir, String from, String to) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AttuneCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("reports", "rebuild", "--data-dir", dataDir.toString(), "--granularity", "hour",
                        "--group-by", "placement,source", "--from", from, "--to", to);
        assertThat(exit).as("%s", err).isZero();
        return Json.MAPPER.readTree(out.toString());
    }

    private static JsonNode report(AttuneClient admin, String from, String to) throws Exception {
        JsonNode report = null;
        for (int i = 0; i < 100; i++) {
            report = admin.get("/v1/reports?granularity=hour&groupBy=placement,source&from=" + from + "&to=" + to)
                    .body();
            if (report.path("attributionLagEvents").asLong() == 0) {
                return report;
            }
            Thread.sleep(100);
        }
        return report;
    }

    /** Rows and totals, without what only describes the moment of asking. */
    private static JsonNode figures(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("attributionLagEvents");
        return copy;
    }

    private static JsonNode total(JsonNode report, String placement) {
        for (JsonNode row : report.path("totals")) {
            if (row.path("group").path("placement").asText().equals(placement)) {
                return row;
            }
        }
        throw new AssertionError("no total for " + placement + " in " + report);
    }

    private static JsonNode decide(AttuneClient admin, String person, String placement) throws Exception {
        JsonNode answer = admin.sendOrFail("POST", "/v1/decisions", "application/json", bytes(
                "{\"catalog\": \"shop\", \"anonymousId\": \"" + person + "\", \"placements\": [\"" + placement
                        + "\"]}")).body().path("placements").get(0);
        assertThat(answer.path("items")).as("%s", answer).hasSize(2);
        return answer;
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static void awaitTrending(AttuneClient admin) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (admin.get("/v1/recommendations?catalog=shop&strategy=trending&count=8").body().path("items")
                    .size() == 8) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trending never listed the 8 products");
    }

    private static void send(AttuneClient admin, String ndjson) throws Exception {
        JsonNode answer = admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(ndjson)).body();
        assertThat(answer.path("rejected")).as("%s", answer).isEmpty();
    }

    private static String event(String person, String type, String items, long at, String recId,
                                String properties) {
        return "{\"type\":\"" + type + "\",\"anonymousId\":\"" + person + "\",\"catalog\":\"shop\",\"itemIds\":[\""
                + items + "\"],\"timestamp\":" + at + (recId == null ? "" : ",\"context\":{\"recId\":\"" + recId
                + "\"}") + (properties == null ? "" : ",\"properties\":" + properties) + "}\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
