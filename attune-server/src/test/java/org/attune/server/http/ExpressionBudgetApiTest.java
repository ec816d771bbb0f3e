package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An expression's cost is bounded: refused at save time when it may cost too much, cut short at request time. */
class ExpressionBudgetApiTest {
    private static final String TEN = list(10);
    /** The attacker's rule: 221 characters, 10^5 iterations and 3.6 s of CPU per decision before limits. */
    private static final String NESTED_MAPS = TEN + ".map(a, " + TEN + ".map(b, " + TEN + ".map(c, " + TEN
            + ".map(d, " + TEN + ".map(e, a + b + c + d + e))))).size() > 0";
    private static final int PRODUCTS = 60;

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(ApiTestFixtures.CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(IntStream
                .range(0, PRODUCTS).mapToObj(i -> "{\"id\": \"p-" + i + "\", \"title\": \"Product " + i + "\"}")
                .collect(Collectors.joining("\n"))));
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(IntStream.range(0, PRODUCTS)
                .mapToObj(i -> "{\"type\": \"view\", \"anonymousId\": \"a-" + i + "\", \"catalog\": \"shop\","
                        + " \"itemId\": \"p-" + i + "\"}")
                .collect(Collectors.joining("\n"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRuleThatMayCostTooMuchIsRefusedAtSaveTimeWithItsPosition() throws Exception {
        assertThat(NESTED_MAPS).hasSizeLessThanOrEqualTo(221);
        AttuneClient.Answer saved = admin.send("PUT", "/v1/catalogs/shop/strategies/costly", "application/json",
                bytes(strategy(NESTED_MAPS)));

        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(400);
        JsonNode problem = saved.body().path("details").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("eligibility");
        assertThat(problem.path("code").asText()).isEqualTo("invalid_expression");
        assertThat(problem.path("message").asText()).contains("line 1, column").contains("evaluation steps")
                .contains("100,000");
        assertThat(admin.get("/v1/catalogs/shop/strategies/costly").status()).as("nothing was saved").isEqualTo(404);

        JsonNode checked = admin.send("POST", "/v1/catalogs/shop/expressions/check", "application/json",
                bytes("{\"use\": \"eligibility\", \"expression\": \"" + NESTED_MAPS + "\"}")).body();
        assertThat(checked.path("valid").asBoolean()).as("the studio's check says the same: %s", checked).isFalse();
    }

    @Test
    void aDecisionWithCostlyButAcceptedRulesStillAnswersAndStopsEvaluatingPastTheRequestsBudget() throws Exception {
        // About 60,000 steps per candidate (18^3 iterations), under the 100,000 of one evaluation; it
        // reads the score, so it is evaluated for every candidate of every request.
        String eighteen = list(18);
        String costly = "score >= 0.0 && " + eighteen + ".map(a, " + eighteen + ".map(b, " + eighteen
                + ".map(c, a + b + c))).size() > 0";
        AttuneClient.Answer saved = admin.send("PUT", "/v1/catalogs/shop/strategies/costly", "application/json",
                bytes(strategy(costly)));
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
        admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                bytes("{\"strategy\": \"costly\", \"items\": 5}"));

        AttuneClient.Answer decided = admin.send("POST", "/v1/decisions", "application/json",
                bytes("{\"catalog\": \"shop\", \"anonymousId\": \"a-1\", \"placements\": [\"home\"]}"));

        assertThat(decided.status()).as("%s", decided.body()).isEqualTo(200);
        JsonNode placement = decided.body().path("placements").get(0);
        assertThat(placement.path("items")).as("the candidates evaluated within the budget: %s", placement)
                .hasSize(5);
        assertThat(placement.path("errors").toString()).as("the rest were cut short, and the answer says so")
                .contains("evaluation steps");
    }

    private static String strategy(String eligibility) {
        return "{\"sources\": [{\"type\": \"trending\"}], \"eligibility\": \"" + eligibility + "\"}";
    }

    private static String list(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
