package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelApiTest {
    private static final String MODEL = """
            {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
             "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                          "weight": 8, "valuePath": "properties.items[*].quantity"},
                         {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
             "params": {"measure": "cosine"}}""";

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

    @Test
    void aModelIsCreatedAsADraftChangedListedKeptAcrossRestartsAndDeleted() throws Exception {
        AttuneClient.Answer created = admin.send("POST", "/v1/models", "application/json", bytes(MODEL));
        assertThat(created.status()).isEqualTo(201);
        JsonNode model = created.body();
        String id = model.path("id").asText();
        assertThat(id).startsWith("mdl_");
        assertThat(model.path("status").asText()).isEqualTo("draft");
        assertThat(model.path("params").path("measure").asText()).isEqualTo("cosine");
        assertThat(model.path("params").path("maxNeighbors").asInt()).as("defaults filled in").isEqualTo(100);
        assertThat(model.path("signals").get(0).path("valuePath").asText()).isEqualTo("properties.items[*].quantity");

        AttuneClient.Answer changed = admin.send("PUT", "/v1/models/" + id, "application/json",
                bytes(MODEL.replace("\"weight\": 1}", "\"weight\": 2}")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("signals").get(1).path("weight").asDouble()).isEqualTo(2.0);

        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        JsonNode listed = admin.get("/v1/models").body().path("models");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).isEqualTo(changed.body());

        assertThat(admin.send("DELETE", "/v1/models/" + id, "application/json", new byte[0]).status()).isEqualTo(200);
        AttuneClient.Answer gone = admin.get("/v1/models/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void anInvalidModelIsRefusedWithEveryProblemAndNothingIsStored() throws Exception {
        AttuneClient.Answer refused = admin.send("POST", "/v1/models", "application/json", bytes("""
                {"name": "x", "catalog": "nope", "kind": "magic",
                 "signals": [{"name": "v", "eventType": "view", "productIdPath": "title", "weight": -1}]}"""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("code").asText()).isEqualTo("invalid_model");
        assertThat(refused.body().path("details").findValuesAsText("path")).containsExactlyInAnyOrder("catalog",
                "kind", "signals[0].productIdPath", "signals[0].weight");
        assertThat(admin.get("/v1/models").body().path("models")).isEmpty();
        assertThat(admin.send("PUT", "/v1/models/mdl_missing", "application/json", bytes(MODEL)).status())
                .isEqualTo(404);
    }

    @Test
    void theKindsAreListedWithTheirDefaults() throws Exception {
        JsonNode kinds = admin.get("/v1/models/kinds").body().path("kinds");
        assertThat(kinds.findValuesAsText("name")).containsExactly("affinity", "co_occurrence", "collaborative",
                "trending", "sequence", "rp3beta");
        assertThat(kinds.get(2).path("defaultParams").path("method").asText()).isEqualTo("auto");
        assertThat(kinds.get(4).path("defaultParams").path("softmax").asText()).isEqualTo("auto");
        assertThat(kinds.get(4).path("defaultParams").path("minInteractions").asInt()).isEqualTo(5);
        assertThat(kinds.get(5).path("defaultParams").path("rowWeights").asText()).isEqualTo("normalized");
    }
}
