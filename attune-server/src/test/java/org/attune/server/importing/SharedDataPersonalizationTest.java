package org.attune.server.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.criterion;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The personalization setup of a behavioral sequence model on real data: MovieLens 100K from
 * ../shared/data (present in CI; skipped where it is not), imported with the command line's
 * presets, set up, assessed on the version's product profiles, activated, trained again on
 * demand and deactivated, all through the API of a real server. The model is small (a few
 * epochs of dimension 16) so that the test stays quick; the accuracy of the default model on
 * this data is measured in docs/benchmarks.md.
 */
class SharedDataPersonalizationTest {
    private static final Path DATA = Path.of("../../shared/data/ml-100k");
    private static final String SETUP = "/v1/catalogs/ml100k/personalization";

    @TempDir
    Path dataDir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "no ../shared/data/ml-100k here");
        server = RunningServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Answer post(String path, String body) throws Exception {
        return server.admin.send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode awaitSetup(List<String> passing) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        JsonNode setup;
        do {
            Thread.sleep(100);
            setup = server.admin.get(SETUP).body();
        } while (passing.contains(setup.path("status").asText()) && System.nanoTime() < deadline);
        return setup;
    }

    @Test
    void movieLens100kIsSetUpAssessedActivatedRetrainedAndDeactivated() throws Exception {
        CommandRun products = CommandRun.against(server.url(), RunningServer.ADMIN_KEY, "products", "--catalog",
                "ml100k", "--preset", "movielens-100k-items", "--create-catalog", DATA.resolve("u.item.gz").toString());
        assertThat(products.exitCode()).as(products.stderr()).isZero();
        CommandRun ratings = CommandRun.against(server.url(), RunningServer.ADMIN_KEY, "events", "--catalog",
                "ml100k", "--preset", "movielens-100k-ratings", DATA.resolve("u.data.gz").toString());
        assertThat(ratings.exitCode()).as(ratings.stderr()).isZero();

        Answer started = post(SETUP, """
                {"kind": "sequence",
                 "signals": [{"name": "ratings", "eventType": "rating", "productIdPath": "itemId", "weight": 1}],
                 "params": {"dimension": 16, "maxLength": 50, "maxEpochs": 2, "validateEvery": 1}}""");
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        JsonNode assessed = awaitSetup(List.of("setup_in_progress", "viability_assessment"));
        // 100,000 ratings of 1,682 movies, every criterion green except the informational ones
        assertThat(assessed.path("status").asText()).as("%s", assessed).isEqualTo("viable");

        JsonNode report = server.admin.get(SETUP + "/viability").body();
        JsonNode version = server.admin.get("/v1/models/" + assessed.path("modelId").asText() + "/versions/1")
                .body();
        JsonNode profiles = version.path("productProfiles");
        assertThat(profiles.path("own").asInt() + profiles.path("grouped").asInt() + profiles.path("unknown").asInt())
                .isEqualTo(1_682);
        assertThat(criterion(report, "own_profile_share").path("value").asDouble())
                .isEqualTo(profiles.path("own").asDouble() / 1_682);
        assertThat(criterion(report, "known_products_share").path("value").asDouble())
                .isEqualTo((profiles.path("own").asDouble() + profiles.path("grouped").asDouble()) / 1_682);
        assertThat(report.path("accuracy").path("testPeople").asInt()).isPositive();
        assertThat(report.path("accuracy").path("ndcg10").asDouble()).isPositive();

        Answer activated = post(SETUP + "/continue", "{}");
        assertThat(activated.status()).as("%s", activated.body()).isEqualTo(200);
        assertThat(activated.body().path("status").asText()).isEqualTo("active");
        assertThat(post(SETUP + "/runs", "").status()).isEqualTo(202);
        long deadline = System.nanoTime() + 300_000_000_000L;
        JsonNode runs;
        do {
            Thread.sleep(100);
            runs = server.admin.get(SETUP + "/runs").body().path("runs");
        } while (!(runs.size() == 2 && runs.get(0).path("outcome").asText().equals("succeeded"))
                && System.nanoTime() < deadline);
        assertThat(runs.get(0).path("trigger").asText()).as("%s", runs).isEqualTo("on_demand");
        assertThat(runs.get(0).path("version").path("data").path("events").asLong()).isEqualTo(100_000);

        JsonNode recommended = server.admin.get("/v1/recommendations?model=" + assessed.path("modelId").asText()
                + "&userId=196&count=5").body();
        assertThat(recommended.path("items")).hasSize(5);
        assertThat(recommended.path("version").asInt()).isEqualTo(2);

        Answer deactivated = post(SETUP + "/deactivate", "");
        assertThat(deactivated.status()).as("%s", deactivated.body()).isEqualTo(200);
        assertThat(deactivated.body().path("status").asText()).isEqualTo("deactivated");
    }
}
