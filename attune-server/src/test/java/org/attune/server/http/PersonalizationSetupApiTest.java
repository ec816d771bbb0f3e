package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;
import static org.attune.server.http.ApiTestFixtures.criterion;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.personalization.SetupRun;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;
import org.attune.store.duckdb.DuckDbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog's personalization setup through each outcome, on a real server. */
class PersonalizationSetupApiTest {
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
            {"id":"boot-3","title":"Winter boot","brand":"Alva","category":"Shoes","price":150}
            {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
            {"id":"coat-2","title":"Down coat","brand":"Nordpeak","category":"Coats","price":300}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30}
            """;
    private static final String SETUP = "/v1/catalogs/shop/personalization";
    /** Every criterion green at zero: any measured catalog is viable. */
    private static final String LENIENT = """
            {"kind": "co_occurrence", "thresholds": {"criteria": {
              "known_products_share": {"recommended": 0, "minimum": 0},
              "own_profile_share": {"recommended": 0, "minimum": 0},
              "event_volume": {"recommended": 0, "minimum": 0},
              "product_count": {"recommended": 0, "minimum": 0},
              "events_per_product": {"recommended": 0, "minimum": 0},
              "products_with_n_interactions_share": {"recommended": 0, "minimum": 0}}}}""";

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

    /** Twelve shoppers over three days: eight view both Nordpeak boots (four buy boot-2), four view a coat and the hat. */
    private void sendHistory() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            String at = "\"timestamp\":\"2026-11-" + (18 + p % 3) + "T1";
            String person = "\"anonymousId\":\"s-" + p + "\",\"catalog\":\"shop\"";
            List<String> viewed = p < 8 ? List.of("boot-1", "boot-2") : List.of("coat-1", "hat-1");
            for (int v = 0; v < viewed.size(); v++) {
                events.append("{\"type\":\"view\",").append(person).append(",\"itemId\":\"").append(viewed.get(v))
                        .append("\",").append(at).append("0:0").append(v).append(":00Z\"}\n");
            }
            if (p < 4) {
                events.append("{\"type\":\"purchase\",").append(person).append(",\"itemIds\":[\"boot-2\"],")
                        .append(at).append("0:09:00Z\"}\n");
            }
        }
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(events.toString()));
    }

    private AttuneClient.Answer post(String path, String body) throws Exception {
        return admin.send("POST", path, "application/json", bytes(body));
    }

    private JsonNode await(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode setup;
        do {
            setup = admin.get(SETUP).body();
            if (condition.test(setup)) {
                return setup;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the setup did not get there within a minute: " + setup);
    }

    private JsonNode awaitStatus(String status) throws Exception {
        return await(setup -> setup.path("status").asText().equals(status));
    }

    private JsonNode awaitSettled() throws Exception {
        return await(setup -> !setup.path("status").asText().equals("setup_in_progress")
                && !setup.path("status").asText().equals("viability_assessment"));
    }

    private JsonNode runs() throws Exception {
        return admin.get(SETUP + "/runs").body().path("runs");
    }

    private JsonNode awaitRuns(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode runs;
        do {
            runs = runs();
            if (condition.test(runs)) {
                return runs;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the runs did not get there within a minute: " + runs);
    }

    @Test
    void aThinCatalogIsNotViableAndIsActivatedOnlyAsAnOverrideThenRunsOnDemandAndDeactivates() throws Exception {
        sendHistory();
        AttuneClient.Answer started = post(SETUP, "{\"kind\": \"co_occurrence\"}");
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        assertThat(started.body().path("status").asText()).isEqualTo("setup_in_progress");
        assertThat(started.body().path("progress").has("phase")).isTrue();
        assertThat(post(SETUP, "{\"kind\": \"affinity\"}").body().path("code").asText())
                .as("one setup per catalog at a time").isEqualTo("setup_exists");

        JsonNode setup = awaitSettled();
        assertThat(setup.path("status").asText()).as("%s", setup).isEqualTo("not_viable");
        JsonNode report = admin.get(SETUP + "/viability").body();
        assertThat(report.path("outcome").asText()).isEqualTo("not_viable");
        JsonNode volume = criterion(report, "event_volume");
        assertThat(volume.path("value").asDouble()).as("24 views and 4 purchases").isEqualTo(28);
        assertThat(volume.path("rating").asText()).isEqualTo("red");
        assertThat(volume.path("minimum").asDouble()).isEqualTo(1_000);
        assertThat(volume.path("action").asText()).isNotEmpty();
        JsonNode known = criterion(report, "known_products_share");
        assertThat(known.path("priority").asInt()).isEqualTo(1);
        assertThat(known.path("value").asDouble()).as("four of six products were seen together")
                .isEqualTo(4.0 / 6);
        JsonNode buyers = criterion(report, "transactional_people_share");
        assertThat(buyers.path("required").asBoolean()).isFalse();
        assertThat(buyers.path("value").asDouble()).isEqualTo(4.0 / 12);
        assertThat(buyers.path("rating").asText()).isEqualTo("green");
        assertThat(report.path("churnWarning").asText()).as("the whole catalog is new").contains("100%");
        assertThat(report.has("accuracy")).isTrue();

        AttuneClient.Answer refused = post(SETUP + "/continue", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("not_viable");
        AttuneClient.Answer anyway = post(SETUP + "/continue_anyway", "");
        assertThat(anyway.status()).as("%s", anyway.body()).isEqualTo(200);
        assertThat(anyway.body().path("status").asText()).isEqualTo("active");
        assertThat(anyway.body().path("override").asBoolean()).isTrue();

        JsonNode setupRun = runs().get(0);
        assertThat(setupRun.path("trigger").asText()).isEqualTo("setup");
        assertThat(setupRun.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(setupRun.path("version").path("version").asInt()).isEqualTo(1);
        assertThat(setupRun.path("version").path("data").path("events").asLong()).isEqualTo(28);
        assertThat(setupRun.path("durationMillis").asLong()).isNotNegative();

        AttuneClient.Answer onDemand = post(SETUP + "/runs", "");
        assertThat(onDemand.status()).as("%s", onDemand.body()).isEqualTo(202);
        JsonNode after = awaitRuns(runs -> runs.size() == 2 && runs.get(0).path("outcome").asText()
                .equals("succeeded"));
        assertThat(after.get(0).path("trigger").asText()).isEqualTo("on_demand");
        assertThat(after.get(0).path("version").path("version").asInt()).isEqualTo(2);
        String model = setup.path("modelId").asText();
        assertThat(admin.get("/v1/models/" + model).body().path("activeVersion").asInt()).isEqualTo(2);
        post("/v1/models/" + model + "/train", "");
        JsonNode throughModelApi = awaitRuns(runs -> runs.size() == 3 && runs.get(0).path("outcome").asText()
                .equals("succeeded"));
        assertThat(throughModelApi.get(0).path("trigger").asText()).as("every version shows in the history")
                .isEqualTo("model_api");
        assertThat(throughModelApi.get(0).path("version").path("version").asInt()).isEqualTo(3);
        assertThat(java.time.Instant.parse(throughModelApi.get(0).path("startedAt").asText()))
                .as("recorded from the start of the training, not its end")
                .isBeforeOrEqualTo(java.time.Instant.parse(throughModelApi.get(0).path("version").path("trainedAt")
                        .asText()));

        AttuneClient.Answer stopBehindTheSetup = post("/v1/models/" + model + "/stop", "");
        assertThat(stopBehindTheSetup.status()).isEqualTo(409);
        assertThat(stopBehindTheSetup.body().path("code").asText()).isEqualTo("model_in_setup");
        assertThat(stopBehindTheSetup.body().path("message").asText())
                .contains("/v1/catalogs/shop/personalization/deactivate");
        assertThat(admin.get(SETUP).body().path("status").asText()).isEqualTo("active");

        AttuneClient.Answer deactivated = post(SETUP + "/deactivate", "");
        assertThat(deactivated.status()).as("%s", deactivated.body()).isEqualTo(200);
        assertThat(deactivated.body().path("status").asText()).isEqualTo("deactivated");
        assertThat(admin.get("/v1/models/" + model).body().path("status").asText()).isEqualTo("draft");
        assertThat(post(SETUP, "{\"kind\": \"affinity\"}").status()).as("a new setup may start").isEqualTo(202);
    }

    @Test
    void deactivationIsRefusedWithItsReasonsWhileTheSetupRunIsInProgress() throws Exception {
        sendHistory();
        post(SETUP, "{\"kind\": \"co_occurrence\"}");
        AttuneClient.Answer blocked = post(SETUP + "/deactivate", "");

        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.body().path("code").asText()).isEqualTo("deactivation_blocked");
        assertThat(blocked.body().path("details").get(0).asText()).contains("setup run is in progress");
        awaitSettled();
        assertThat(post(SETUP + "/deactivate", "").status()).isEqualTo(200);
    }

    @Test
    void aCatalogWithoutEventsFailsTheAssessmentWithTheReasonAndARetrySucceedsOnceEventsArrive() throws Exception {
        post(SETUP, "{\"kind\": \"co_occurrence\"}");
        JsonNode failed = awaitSettled();
        assertThat(failed.path("status").asText()).isEqualTo("assessment_failed");
        assertThat(failed.path("failure").asText()).contains("no events of the model's signals");
        assertThat(admin.get(SETUP + "/viability").body().path("code").asText()).isEqualTo("not_assessed");
        assertThat(runs().get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(runs().get(0).path("error").asText()).contains("no events");
        assertThat(post(SETUP + "/continue", "").status()).isEqualTo(409);

        sendHistory();
        AttuneClient.Answer retried = post(SETUP + "/retry", "");
        assertThat(retried.status()).as("%s", retried.body()).isEqualTo(202);
        assertThat(awaitSettled().path("status").asText()).isEqualTo("not_viable");
        assertThat(runs().get(0).path("trigger").asText()).isEqualTo("retry");
        assertThat(runs().get(0).path("outcome").asText()).isEqualTo("succeeded");
        assertThat(post(SETUP + "/retry", "").body().path("code").asText()).isEqualTo("nothing_to_retry");
    }

    @Test
    void thresholdsDecideBetweenViableAndNeedsImprovementAndAnActiveSetupSurvivesARestart() throws Exception {
        sendHistory();
        post(SETUP, LENIENT);
        assertThat(awaitSettled().path("status").asText()).isEqualTo("viable");
        assertThat(criterion(admin.get(SETUP + "/viability").body(), "event_volume").path("rating").asText())
                .isEqualTo("green");

        AttuneClient.Answer restarted = post(SETUP + "/restart", LENIENT.replace(
                "\"event_volume\": {\"recommended\": 0, \"minimum\": 0}",
                "\"event_volume\": {\"recommended\": 100, \"minimum\": 10}"));
        assertThat(restarted.status()).as("%s", restarted.body()).isEqualTo(202);
        JsonNode improvable = awaitSettled();
        assertThat(improvable.path("status").asText()).isEqualTo("viable_needs_improvement");
        assertThat(criterion(improvable.path("viability"), "event_volume").path("rating").asText())
                .isEqualTo("yellow");

        AttuneClient.Answer active = post(SETUP + "/continue", "{\"schedule\": {\"time\": \"02:30\", \"zone\":"
                + " \"Europe/Prague\"}}");
        assertThat(active.status()).as("%s", active.body()).isEqualTo(200);
        assertThat(active.body().path("override").asBoolean()).isFalse();
        assertThat(active.body().path("schedule").path("zone").asText()).isEqualTo("Europe/Prague");
        assertThat(post(SETUP + "/restart", LENIENT).body().path("code").asText()).isEqualTo("setup_busy");

        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        JsonNode kept = admin.get(SETUP).body();
        assertThat(kept.path("status").asText()).isEqualTo("active");
        assertThat(kept.path("schedule").path("time").asText()).isEqualTo("02:30");
        assertThat(kept.path("viability").path("outcome").asText()).isEqualTo("viable_needs_improvement");
        assertThat(runs()).as("one setup run per model").hasSize(2);
        assertThat(post(SETUP + "/runs", "").status()).isEqualTo(202);
        awaitRuns(runs -> runs.size() == 3 && runs.get(0).path("outcome").asText().equals("succeeded"));
    }

    @Test
    void anAffinitySetupIsReadyForActivationWithoutAnAssessment() throws Exception {
        sendHistory();
        post(SETUP, "{\"kind\": \"affinity\"}");
        JsonNode ready = awaitSettled();
        assertThat(ready.path("status").asText()).as("%s", ready).isEqualTo("ready_for_activation");
        assertThat(ready.path("viability").isNull()).isTrue();
        assertThat(admin.get(SETUP + "/viability").body().path("message").asText()).contains("not assessed");
        assertThat(post(SETUP + "/continue_anyway", "").body().path("code").asText()).isEqualTo("not_not_viable");
        assertThat(post(SETUP + "/continue", "").body().path("status").asText()).isEqualTo("active");
    }

    @Test
    void aRunThatACrashCutShortIsMarkedFailedAndRetriedAtStart() throws Exception {
        sendHistory();
        post(SETUP, LENIENT);
        awaitStatus("viable");
        post(SETUP + "/continue", "");
        server.close();
        // What a crash mid-run leaves behind: the run stored as running, no end.
        try (DuckDbStorage storage = new DuckDbStorage(dataDir)) {
            SetupRun setupRun = storage.personalization().runs("shop").get(0);
            storage.personalization().putRun(new SetupRun("run_cut_short", "shop", setupRun.modelId(), "daily",
                    setupRun.endedAt(), null, SetupRun.RUNNING, null, null));
        }

        server = RunningServer.start(dataDir);
        admin = server.admin;
        JsonNode runs = awaitRuns(list -> list.size() == 3 && list.get(0).path("outcome").asText()
                .equals("succeeded"));
        assertThat(runs.get(0).path("trigger").asText()).isEqualTo("retry");
        assertThat(runs.get(0).path("version").path("version").asInt()).isEqualTo(2);
        JsonNode cut = runs.get(1);
        assertThat(cut.path("id").asText()).isEqualTo("run_cut_short");
        assertThat(cut.path("outcome").asText()).isEqualTo("failed");
        assertThat(cut.path("error").asText()).contains("interrupted");
        assertThat(admin.get(SETUP).body().path("status").asText()).isEqualTo("active");
    }

    @Test
    void anActiveSetupTrainsDailyAtItsScheduledTime() throws Exception {
        sendHistory();
        post(SETUP, "{\"kind\": \"affinity\"}");
        awaitStatus("ready_for_activation");
        String soon = java.time.LocalTime.now(java.time.ZoneOffset.UTC).plusSeconds(2)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        AttuneClient.Answer active = post(SETUP + "/continue", "{\"schedule\": {\"time\": \"" + soon
                + "\", \"zone\": \"UTC\"}}");
        assertThat(active.status()).as("%s", active.body()).isEqualTo(200);

        JsonNode runs = awaitRuns(list -> list.size() == 2 && list.get(0).path("outcome").asText()
                .equals("succeeded"));
        assertThat(runs.get(0).path("trigger").asText()).isEqualTo("daily");
        assertThat(runs.get(0).path("version").path("version").asInt()).isEqualTo(2);
        assertThat(runs.get(0).path("version").path("data").path("people").asInt()).isEqualTo(12);
    }

    @Test
    void theServerWideSettingsAreWhereEverySetupStartsAndASetupMayOverrideThem() throws Exception {
        server.close();
        JsonNode serverWide = Json.MAPPER.readTree(LENIENT).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) serverWide).remove("kind");
        ((com.fasterxml.jackson.databind.node.ObjectNode) serverWide).putObject("schedule").put("time", "04:30")
                .put("zone", "Europe/Prague");
        server = RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY)
                .withPersonalization(PersonalizationSettings.DEFAULTS.with(serverWide)));
        admin = server.admin;
        sendHistory();

        post(SETUP, "{\"kind\": \"co_occurrence\"}");
        JsonNode lenient = awaitSettled();
        assertThat(lenient.path("status").asText()).as("the thin catalog that the defaults find not viable")
                .isEqualTo("viable");
        assertThat(lenient.path("thresholds").path("criteria").path("event_volume").path("minimum").asDouble())
                .isZero();
        assertThat(lenient.path("schedule").path("time").asText()).isEqualTo("04:30");
        assertThat(lenient.path("schedule").path("zone").asText()).isEqualTo("Europe/Prague");

        post(SETUP + "/restart", "{\"kind\": \"co_occurrence\", \"thresholds\": {\"criteria\": {"
                + "\"event_volume\": {\"recommended\": 100000, \"minimum\": 50000}}}}");
        JsonNode strict = awaitSettled();
        assertThat(strict.path("status").asText()).isEqualTo("not_viable");
        assertThat(criterion(strict.path("viability"), "event_volume").path("rating").asText()).isEqualTo("red");
        assertThat(criterion(strict.path("viability"), "product_count").path("rating").asText())
                .as("the criteria the setup left alone keep the server's thresholds").isEqualTo("green");
    }

    @Test
    void aSetupNeedsAKnownCatalogAndAKind() throws Exception {
        assertThat(post("/v1/catalogs/nope/personalization", "{\"kind\": \"affinity\"}").status()).isEqualTo(404);
        assertThat(post(SETUP, "{}").status()).isEqualTo(400);
        assertThat(post(SETUP, "{\"kind\": \"no_such_kind\"}").status()).isEqualTo(400);
        assertThat(admin.get(SETUP).body().path("code").asText()).isEqualTo("setup_not_found");
    }
}
