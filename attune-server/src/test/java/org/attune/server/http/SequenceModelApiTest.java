package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;
import static org.attune.server.http.ApiTestFixtures.criterion;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behavioral sequence model on a real server: trained with DJL from a small generated
 * shop whose shoppers always walk the same route through the catalog, served from the live
 * profile, reporting its product profiles, and read back from its artifact after a restart.
 */
class SequenceModelApiTest {
    /** Twenty products on a ring: shoppers go from r-k to r-(k+1). */
    private static final int RING = 20;
    private static final String PARAMS = """
            {"maxLength": 8, "dimension": 16, "blocks": 1, "heads": 1, "dropout": 0.1, "learningRate": 0.01,
             "batchSize": 32, "maxEpochs": 60, "validateEvery": 5, "patience": 3, "minInteractions": 5}""";

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        StringBuilder products = new StringBuilder();
        for (int k = 0; k < RING; k++) {
            products.append("{\"id\":\"r-").append(k).append("\",\"title\":\"Ring ").append(k)
                    .append("\",\"brand\":\"").append(k < 10 ? "Nordpeak" : "Alva").append("\",\"category\":\"")
                    .append(k < 10 ? "Shoes" : "Coats").append("\"}\n");
        }
        // seen by two people only, and never seen, both sharing a brand with ring products: grouped
        products.append("{\"id\":\"few-1\",\"title\":\"Rare boot\",\"brand\":\"Nordpeak\",\"category\":\"Shoes\"}\n");
        products.append("{\"id\":\"new-1\",\"title\":\"New coat\",\"brand\":\"Alva\"}\n");
        // nothing in common with any product anyone touched: unknown
        products.append("{\"id\":\"odd-1\",\"title\":\"Odd thing\",\"brand\":\"Solo\",\"category\":\"Misc\"}\n");
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(products.toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * 160 shoppers, each walking eight steps of the ring from their own start, an hour apart,
     * everyone at once (so that the time holdout finds people on both sides of its cut).
     */
    private void sendWalks() throws Exception {
        StringBuilder events = new StringBuilder();
        Instant start = Instant.parse("2026-11-10T08:00:00Z");
        for (int p = 0; p < 160; p++) {
            for (int t = 0; t < 8; t++) {
                events.append(view("w-" + p, "r-" + (p + t) % RING, start.plusSeconds(t * 3_600L + p * 10L)));
            }
        }
        events.append(view("rare-a", "few-1", start));
        events.append(view("rare-b", "few-1", start.plusSeconds(60)));
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(events.toString()));
    }

    private static String view(String person, String product, Instant at) {
        return "{\"type\":\"view\",\"anonymousId\":\"" + person + "\",\"catalog\":\"shop\",\"itemId\":\"" + product
                + "\",\"timestamp\":\"" + at + "\"}\n";
    }

    private JsonNode awaitRunning(String id) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        JsonNode model;
        do {
            model = admin.get("/v1/models/" + id).body();
            if (model.path("status").asText().equals("running")) {
                return model;
            }
            assertThat(model.path("status").asText()).as("%s", model).isNotEqualTo("failed");
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the sequence model did not train within 3 minutes: " + model);
    }

    private List<String> recommend(String modelId, String person, int count) throws Exception {
        AttuneClient.Answer answer = admin.get("/v1/recommendations?model=" + modelId + "&anonymousId=" + person
                + "&count=" + count);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().path("kind").asText()).isEqualTo("sequence");
        return answer.body().path("items").findValuesAsText("id");
    }

    @Test
    void learnsTheRouteServesTheLiveSequenceReportsProductProfilesAndSurvivesARestart() throws Exception {
        assertThat(admin.get("/v1/models/kinds").body().findValuesAsText("name")).contains("sequence");
        sendWalks();
        AttuneClient.Answer created = admin.send("POST", "/v1/models", "application/json", bytes("""
                {"name": "next product", "catalog": "shop", "kind": "sequence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
                 "params": %s}""".formatted(PARAMS)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes("{}"));
        awaitRunning(id);

        JsonNode version = admin.get("/v1/models/" + id + "/versions/1").body();
        JsonNode profiles = version.path("productProfiles");
        assertThat(profiles.path("own").asInt()).as("%s", version).isEqualTo(RING);
        assertThat(profiles.path("grouped").asInt()).isEqualTo(2);
        assertThat(profiles.path("unknown").asInt()).isEqualTo(1);
        assertThat(profiles.path("ownShare").asDouble()).isEqualTo(20.0 / 23);
        assertThat(version.path("data").path("productsScored").asInt()).isEqualTo(23);
        assertThat(version.path("method").asText()).contains("20 own, 2 grouped, 1 unknown");

        // a visitor the model never saw, after three steps of the route: the fourth comes next
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(view("v-1", "r-3",
                Instant.parse("2026-11-21T09:00:00Z")) + view("v-1", "r-4", Instant.parse("2026-11-21T09:01:00Z"))
                + view("v-1", "r-5", Instant.parse("2026-11-21T09:02:00Z"))));
        ApiTestFixtures.awaitProfilesApplied(admin);
        List<String> next = recommend(id, "v-1", 30);
        assertThat(next.get(0)).isEqualTo("r-6");
        assertThat(next).doesNotContain("r-3", "r-4", "r-5", "odd-1");
        // the event just acknowledged moves the sequence on
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(view("v-1", "r-14",
                Instant.parse("2026-11-21T09:03:00Z"))));
        ApiTestFixtures.awaitProfilesApplied(admin);
        assertThat(recommend(id, "v-1", 1)).containsExactly("r-15");

        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        assertThat(recommend(id, "v-1", 1)).containsExactly("r-15");
        assertThat(admin.get("/v1/models/" + id + "/versions/1").body().path("productProfiles"))
                .isEqualTo(profiles);
    }

    @Test
    void aSequenceSetupIsAssessedOnTheVersionsProductProfiles() throws Exception {
        sendWalks();
        AttuneClient.Answer started = admin.send("POST", "/v1/catalogs/shop/personalization", "application/json",
                bytes("{\"kind\": \"sequence\", \"params\": " + PARAMS + "}"));
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        long deadline = System.nanoTime() + 180_000_000_000L;
        JsonNode setup;
        do {
            Thread.sleep(50);
            setup = admin.get("/v1/catalogs/shop/personalization").body();
        } while (List.of("setup_in_progress", "viability_assessment").contains(setup.path("status").asText())
                && System.nanoTime() < deadline);
        // 1,282 events and 23 products pass their minimums only; everything about coverage is green
        assertThat(setup.path("status").asText()).as("%s", setup).isEqualTo("viable_needs_improvement");
        JsonNode report = admin.get("/v1/catalogs/shop/personalization/viability").body();
        assertThat(criterion(report, "known_products_share").path("value").asDouble()).isEqualTo(22.0 / 23);
        assertThat(criterion(report, "own_profile_share").path("value").asDouble()).isEqualTo(20.0 / 23);
        assertThat(report.path("coverageBasis").asText()).contains("product profiles", "fewer than 5 people");
        assertThat(report.path("accuracy").path("testPeople").asInt()).isPositive();
    }
}
