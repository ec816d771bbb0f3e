package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-standing customer is served from their whole history, not from the few recent
 * events their live profile holds (50 by default): what they interacted with long ago is
 * neither forgotten nor recommended back to them, before and after a restart, and what they
 * do after the training counts too.
 */
class WholeHistoryApiTest {
    private static final int PRODUCTS = 120;
    /** Ann viewed this many products, far more than the 50 recent events her profile keeps. */
    private static final int ANNS = 80;

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
        for (int i = 0; i < PRODUCTS; i++) {
            products.append("{\"id\":\"").append(id(i)).append("\",\"title\":\"Product ").append(i).append("\"}\n");
        }
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(products.toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String id(int product) {
        return "p%03d".formatted(product);
    }

    private static String view(String user, int product, long second) {
        return "{\"type\":\"view\",\"userId\":\"" + user + "\",\"catalog\":\"shop\",\"itemId\":\"" + id(product)
                + "\",\"timestamp\":\"" + Instant.ofEpochSecond(1_790_000_000L + second) + "\"}\n";
    }

    /**
     * Ann views p000 to p079 one after the other; thirty others each view ten neighbouring
     * products around the ring of 120, so that every product is related to the ones beside it.
     */
    private void sendHistory() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < ANNS; i++) {
            events.append(view("ann", i, i * 60L));
        }
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j < 10; j++) {
                events.append(view("u" + k, (k * 4 + j) % PRODUCTS, 10_000L + k * 1_000L + j * 60L));
            }
        }
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(events.toString()));
    }

    private String provision() throws Exception {
        String id = admin.sendOrFail("POST", "/v1/models", "application/json", bytes("""
                {"name": "Walk", "catalog": "shop", "kind": "rp3beta",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}]}"""))
                .body().path("id").asText();
        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode model;
        do {
            Thread.sleep(20);
            model = admin.get("/v1/models/" + id).body();
        } while (model.path("status").asText().equals("provisioning") && System.nanoTime() < deadline);
        assertThat(model.path("status").asText()).as("%s", model).isEqualTo("running");
        return id;
    }

    private List<String> recommend(String model) throws Exception {
        AttuneClient.Answer answer = admin.get("/v1/recommendations?model=" + model + "&userId=ann&count=100");
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body().path("items").findValuesAsText("id");
    }

    @Test
    void aPersonsWholeHistoryIsScoredAndLeftOutNotOnlyTheirRecentEvents() throws Exception {
        sendHistory();
        String model = provision();
        List<String> anns = IntStream.range(0, ANNS).mapToObj(WholeHistoryApiTest::id).toList();

        List<String> served = recommend(model);

        assertThat(served).as("products on both sides of her history, p080 on and p119 down")
                .contains(id(80), id(PRODUCTS - 1)).doesNotContainAnyElementsOf(anns);
        List<String> unseen = IntStream.range(ANNS, PRODUCTS).mapToObj(WholeHistoryApiTest::id).toList();
        assertThat(served).as("only the products she has not seen").isSubsetOf(unseen);

        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(view("ann", 100, 100_000L)));
        ApiTestFixtures.awaitProfilesApplied(admin);
        List<String> afterNews = recommend(model);
        assertThat(afterNews).as("what she did since the training counts too").doesNotContain(id(100))
                .doesNotContainAnyElementsOf(anns).contains(id(99), id(101));

        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        assertThat(recommend(model)).as("the same after a restart").isEqualTo(afterNews);
    }
}
