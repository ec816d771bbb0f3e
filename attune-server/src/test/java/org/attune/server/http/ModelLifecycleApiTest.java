package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models provisioned, served, retrained, rolled back, stopped and deleted on a real server. */
class ModelLifecycleApiTest {
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
            {"id":"boot-3","title":"Winter boot","brand":"Alva","category":"Shoes","price":150}
            {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
            {"id":"coat-2","title":"Down coat","brand":"Nordpeak","category":"Coats","price":300}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30}
            """;

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(PRODUCTS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Twelve shoppers over three days: eight view both Nordpeak boots in one visit (four of
     * them also buy boot-2 with a basket in properties), four view the rain coat and the hat.
     */
    private void sendHistory() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            String day = "2026-11-" + (18 + p % 3);
            String person = "\"anonymousId\":\"s-" + p + "\"";
            if (p < 8) {
                events.append("{\"type\":\"view\",").append(person).append(",\"catalog\":\"shop\",\"itemId\":\"boot-1\","
                        + "\"timestamp\":\"").append(day).append("T10:00:00Z\"}\n");
                events.append("{\"type\":\"view\",").append(person).append(",\"catalog\":\"shop\",\"itemId\":\"boot-2\","
                        + "\"timestamp\":\"").append(day).append("T10:05:00Z\"}\n");
                if (p < 4) {
                    events.append("{\"type\":\"purchase\",").append(person).append(",\"catalog\":\"shop\","
                            + "\"properties\":{\"items\":[{\"id\":\"boot-2\",\"quantity\":2}]},\"timestamp\":\"")
                            .append(day).append("T10:09:00Z\"}\n");
                }
            } else {
                events.append("{\"type\":\"view\",").append(person).append(",\"catalog\":\"shop\",\"itemId\":\"coat-1\","
                        + "\"timestamp\":\"").append(day).append("T11:00:00Z\"}\n");
                events.append("{\"type\":\"view\",").append(person).append(",\"catalog\":\"shop\",\"itemId\":\"hat-1\","
                        + "\"timestamp\":\"").append(day).append("T11:02:00Z\"}\n");
            }
        }
        send(events.toString());
    }

    private void send(String ndjson) throws Exception {
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(ndjson));
    }

    private String create(String kind, String params) throws Exception {
        AttuneClient.Answer created = admin.send("POST", "/v1/models", "application/json", bytes("""
                {"name": "%s model", "catalog": "shop", "kind": "%s",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1},
                             {"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                              "weight": 8, "valuePath": "properties.items[*].quantity"}],
                 "params": %s}""".formatted(kind, kind, params)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private JsonNode await(String id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode model;
        do {
            model = admin.get("/v1/models/" + id).body();
            if (condition.test(model)) {
                return model;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("model did not get there within a minute: " + model);
    }

    private JsonNode recommend(String query) throws Exception {
        AttuneClient.Answer answer = admin.get("/v1/recommendations?" + query);
        assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> ids(JsonNode recommendations) {
        return recommendations.path("items").findValuesAsText("id");
    }

    @Test
    void aModelIsProvisionedServedRetrainedRolledBackKeptAcrossRestartsStoppedAndDeleted() throws Exception {
        sendHistory();
        String id = create("co_occurrence", "{\"measure\": \"cosine\", \"minSupport\": 2}");

        AttuneClient.Answer provisioning = admin.send("POST", "/v1/models/" + id + "/provision", "application/json",
                bytes(""));
        assertThat(provisioning.status()).isEqualTo(202);
        assertThat(provisioning.body().path("status").asText()).isEqualTo("provisioning");
        JsonNode running = await(id, m -> m.path("status").asText().equals("running"));
        assertThat(running.path("activeVersion").asInt()).isEqualTo(1);
        assertThat(running.has("progress")).as("no training under way any more").isFalse();

        JsonNode related = recommend("model=" + id + "&itemId=boot-1");
        assertThat(related.path("version").asInt()).isEqualTo(1);
        assertThat(related.path("kind").asText()).isEqualTo("co_occurrence");
        assertThat(ids(related)).as("seen together in eight visits; never the product itself")
                .containsExactly("boot-2");
        assertThat(related.path("items").get(0).path("attributes").path("title").asText()).isEqualTo("City boot");
        assertThat(ids(recommend("model=" + id + "&itemId=hat-1"))).containsExactly("coat-1");

        // A new visitor's event counts at once; what they saw is left out unless asked for.
        send("{\"type\":\"view\",\"anonymousId\":\"new-1\",\"catalog\":\"shop\",\"itemId\":\"coat-1\"}");
        JsonNode personal = awaitRecommendation("model=" + id + "&anonymousId=new-1", r -> !ids(r).isEmpty());
        assertThat(ids(personal)).containsExactly("hat-1");
        assertThat(personal.path("personId").isNumber()).isTrue();
        assertThat(ids(recommend("model=" + id + "&anonymousId=s-0&excludeInteracted=false")))
                .containsExactlyInAnyOrder("boot-1", "boot-2");
        assertThat(ids(recommend("model=" + id + "&anonymousId=s-0"))).isEmpty();

        // An unavailable product is never returned.
        admin.sendOrFail("PATCH", "/v1/catalogs/shop/products/boot-2", "application/json",
                bytes("{\"available\": false}"));
        assertThat(ids(recommend("model=" + id + "&itemId=boot-1"))).isEmpty();
        admin.sendOrFail("PATCH", "/v1/catalogs/shop/products/boot-2", "application/json",
                bytes("{\"available\": true}"));

        JsonNode version = admin.get("/v1/models/" + id + "/versions/1").body();
        assertThat(version.path("data").path("events").asLong()).as("16 boot views, 4 purchases, 8 other views")
                .isEqualTo(28);
        assertThat(version.path("data").path("people").asInt()).isEqualTo(12);
        assertThat(version.path("data").path("firstEventAt").asText()).isEqualTo("2026-11-18T10:00:00Z");
        assertThat(version.path("definition").path("kind").asText()).isEqualTo("co_occurrence");
        assertThat(version.path("method").asText()).contains("cosine");
        assertThat(version.path("trainMillis").asLong()).isNotNegative();
        assertThat(version.path("artifactBytes").asLong()).isPositive();
        assertThat(Files.exists(dataDir.resolve("models").resolve(id).resolve("v1.bin"))).isTrue();

        JsonNode analytics = admin.get("/v1/models/" + id + "/analytics").body();
        assertThat(analytics.path("profilesEvaluated").asInt()).isEqualTo(12);
        assertThat(analytics.path("interactionsEvaluated").asLong()).isEqualTo(28);
        JsonNode views = analytics.path("weightDistribution").get(0);
        assertThat(views.path("signal").asText()).isEqualTo("views");
        assertThat(views.path("weight").asDouble()).isEqualTo(24.0);
        assertThat(views.path("share").asDouble()).as("24 of 24 + 4 x 8 x 2").isEqualTo(24.0 / 88);
        assertThat(analytics.path("weightsPerDay").findValuesAsText("day"))
                .containsExactly("2026-11-18", "2026-11-19", "2026-11-20");

        // Retraining swaps in version 2; the first stays available for a rollback.
        assertThat(admin.send("POST", "/v1/models/" + id + "/train", "application/json", bytes("")).status())
                .isEqualTo(202);
        await(id, m -> m.path("activeVersion").asInt() == 2 && !m.has("progress"));
        assertThat(recommend("model=" + id + "&itemId=boot-1").path("version").asInt()).isEqualTo(2);
        assertThat(admin.get("/v1/models/" + id + "/versions").body().path("versions").findValuesAsText("version"))
                .containsExactly("2", "1");
        AttuneClient.Answer rolledBack = admin.send("POST", "/v1/models/" + id + "/rollback", "application/json",
                bytes("{\"version\": 1}"));
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.body().path("activeVersion").asInt()).isEqualTo(1);
        assertThat(recommend("model=" + id + "&itemId=boot-1").path("version").asInt()).isEqualTo(1);

        // After a restart the active version answers straight away.
        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        JsonNode afterRestart = recommend("model=" + id + "&itemId=boot-1");
        assertThat(afterRestart.path("version").asInt()).isEqualTo(1);
        assertThat(ids(afterRestart)).containsExactly("boot-2");

        AttuneClient.Answer stopped = admin.send("POST", "/v1/models/" + id + "/stop", "application/json", bytes(""));
        assertThat(stopped.body().path("status").asText()).isEqualTo("draft");
        AttuneClient.Answer notServing = admin.get("/v1/recommendations?model=" + id + "&itemId=boot-1");
        assertThat(notServing.status()).isEqualTo(409);
        assertThat(notServing.body().path("code").asText()).isEqualTo("model_not_serving");

        assertThat(admin.send("DELETE", "/v1/models/" + id, "application/json", new byte[0]).status()).isEqualTo(200);
        assertThat(admin.get("/v1/models/" + id + "/versions").status()).isEqualTo(404);
        assertThat(Files.exists(dataDir.resolve("models").resolve(id))).isFalse();
    }

    private JsonNode awaitRecommendation(String query, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        JsonNode answer;
        do {
            answer = recommend(query);
            if (condition.test(answer)) {
                return answer;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(query + " gave " + answer);
    }

    @Test
    void affinityRanksTheWholeCatalogFromASingleEventIncludingProductsNobodyTouched() throws Exception {
        sendHistory();
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id":"coat-3","title":"Parka","brand":"Nordpeak","category":"Coats","price":350}
                """));
        String id = create("affinity", "{\"popularityPrior\": 0.1}");
        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
        await(id, m -> m.path("status").asText().equals("running"));

        send("{\"type\":\"view\",\"anonymousId\":\"one-event\",\"catalog\":\"shop\",\"itemId\":\"coat-2\"}");
        // until the profile has the view, the person is a stranger and gets the prior's order
        ApiTestFixtures.awaitProfilesApplied(admin);
        JsonNode answer = awaitRecommendation("model=" + id + "&anonymousId=one-event&count=3",
                r -> ids(r).size() == 3);
        assertThat(ids(answer).get(0)).as("the one product nobody touched that shares brand and category")
                .isEqualTo("coat-3");
        assertThat(answer.path("items").get(0).path("matched")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("brand:Nordpeak", "category:Coats");
        assertThat(ids(answer)).doesNotContain("coat-2");

        JsonNode version = admin.get("/v1/models/" + id + "/versions/1").body();
        assertThat(version.path("data").path("productsScored").asInt()).as("every catalog product").isEqualTo(7);
        assertThat(version.path("metrics").isNull()).as("a time holdout needs people active before and after"
                + " the cut; these shoppers came once").isTrue();
    }

    @Test
    void everyKindProvisionsAndAnswers() throws Exception {
        sendHistory();
        for (String kind : List.of("trending", "collaborative", "co_occurrence", "affinity", "rp3beta")) {
            String params = kind.equals("trending") ? "{\"recentHours\": 72, \"minEvents\": 1}"
                    : kind.equals("collaborative") ? "{\"easeLambda\": 1}" : "{}";
            String id = create(kind, params);
            admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
            JsonNode model = await(id, m -> !m.path("status").asText().equals("provisioning"));
            assertThat(model.path("status").asText()).as("%s: %s", kind, model).isEqualTo("running");
            if (kind.equals("trending")) {
                assertThat(ids(recommend("model=" + id))).as(kind).isNotEmpty();
                assertThat(ids(recommend("model=" + id + "&category=Hats"))).as("trending within a category")
                        .containsExactly("hat-1");
            } else {
                assertThat(ids(recommend("model=" + id + "&itemId=boot-1"))).as(kind).isNotEmpty()
                        .doesNotContain("boot-1");
            }
        }
    }

    @Test
    void aTrainingWithoutDataFailsWithTheReasonAndTheModelCanBeFixed() throws Exception {
        String id = create("co_occurrence", "{}");
        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
        JsonNode failed = await(id, m -> m.path("status").asText().equals("failed"));
        assertThat(failed.path("failure").asText()).contains("no events of the model's signals")
                .contains("view", "purchase");
        AttuneClient.Answer notServing = admin.get("/v1/recommendations?model=" + id);
        assertThat(notServing.status()).isEqualTo(409);
        assertThat(notServing.body().path("message").asText()).contains("failed");

        sendHistory();
        AttuneClient.Answer again = admin.send("POST", "/v1/models/" + id + "/provision", "application/json",
                bytes(""));
        assertThat(again.status()).as("a failed model can be provisioned again").isEqualTo(202);
        await(id, m -> m.path("status").asText().equals("running"));
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        sendHistory();
        String id = create("co_occurrence", "{}");
        assertThat(admin.get("/v1/recommendations?model=mdl_nothing").status()).isEqualTo(404);
        AttuneClient.Answer draft = admin.get("/v1/recommendations?model=" + id);
        assertThat(draft.status()).isEqualTo(409);
        assertThat(draft.body().path("message").asText()).contains("draft", "provision it first");
        assertThat(admin.send("POST", "/v1/models/" + id + "/stop", "application/json", bytes("")).status())
                .as("a draft is not running").isEqualTo(409);
        assertThat(admin.send("POST", "/v1/models/" + id + "/train", "application/json", bytes("")).status())
                .isEqualTo(409);

        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
        await(id, m -> m.path("status").asText().equals("running"));
        assertThat(admin.send("POST", "/v1/models/" + id + "/provision", "application/json", bytes("")).status())
                .isEqualTo(409);
        assertThat(admin.send("PUT", "/v1/models/" + id, "application/json", bytes("{}")).status())
                .as("a running model cannot be edited").isEqualTo(409);
        AttuneClient.Answer badVersion = admin.send("POST", "/v1/models/" + id + "/rollback", "application/json",
                bytes("{\"version\": \"first\"}"));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.body().path("details").get(0).path("path").asText()).isEqualTo("version");
        assertThat(admin.send("POST", "/v1/models/" + id + "/rollback", "application/json",
                bytes("{\"version\": 9}")).status()).isEqualTo(404);
        assertThat(admin.get("/v1/models/" + id + "/versions/zero").status()).isEqualTo(400);

        AttuneClient.Answer badQuery = admin.get("/v1/recommendations?model=" + id
                + "&count=0&excludeInteracted=maybe&strategy=trending");
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.body().path("details").findValuesAsText("path"))
                .containsExactly("count", "excludeInteracted", "strategy");
        assertThat(admin.get("/v1/recommendations?model=" + id + "&itemId=unknown-product").body().path("items"))
                .as("a product the model never saw has no related products").isEmpty();
    }
}
