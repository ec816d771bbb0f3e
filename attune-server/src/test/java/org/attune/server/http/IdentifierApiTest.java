package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids and names a user chooses may not pose as a directory (only dots) nor hold characters that
 * make them show as something else (bidirectional controls, invisible and control characters).
 */
class IdentifierApiTest {
    /** U+202E RIGHT-TO-LEFT OVERRIDE: "shoe\u202Egpj.exe" shows as "shoeexe.jpg". */
    private static final String RTL_OVERRIDE = "\u202E";
    private static final String RTL_OVERRIDE_IN_URL = "%E2%80%AE";
    private static final String STRATEGY = "{\"sources\": [{\"type\": \"trending\"}]}";

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(ApiTestFixtures.CATALOG));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void definitionIdsOfOnlyDotsOrWithBidiControlsAreRefused() throws Exception {
        for (String id : new String[] {"....", "...", "shoe" + RTL_OVERRIDE_IN_URL + "gpj", "a%E2%80%8Bb"}) {
            AttuneClient.Answer saved = admin.send("PUT", "/v1/catalogs/shop/strategies/" + id, "application/json",
                    bytes(STRATEGY));
            assertThat(saved.status()).as(id).isEqualTo(400);
            assertThat(saved.body().path("details").get(0).path("path").asText()).as(id).isEqualTo("id");
            assertThat(saved.body().path("details").get(0).path("code").asText()).as(id).isEqualTo("invalid_id");
        }
        AttuneClient.Answer parent = admin.send("PUT", "/v1/catalogs/shop/strategies/..", "application/json",
                bytes(STRATEGY));
        assertThat(parent.status()).as("'..' never reaches a definition").isBetween(400, 499);
        assertThat(admin.send("PUT", "/v1/catalogs/shop/strategies/s.1", "application/json", bytes(STRATEGY))
                .status()).as("a dot inside an id is fine").isEqualTo(200);
        assertThat(admin.get("/v1/catalogs/shop/strategies").body().findValuesAsText("id")).containsExactly("s.1");

        AttuneClient.Answer named = admin.send("PUT", "/v1/catalogs/shop/strategies/named", "application/json",
                bytes("{\"name\": \"Top " + RTL_OVERRIDE + "sellers\", \"sources\": [{\"type\": \"trending\"}]}"));
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body().path("details").get(0).path("message").asText()).contains("U+202E");
    }

    @Test
    void productIdsOfOnlyDotsOrWithBidiControlsAreRefusedOneByOne() throws Exception {
        AttuneClient.Answer answer = admin.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id": "p-1", "title": "Boot"}
                {"id": "..", "title": "Parent"}
                {"id": "p%sgpj.exe", "title": "Spoof"}
                {"id": "p-2", "title": "Hat"}
                """.formatted(RTL_OVERRIDE)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("added").asInt()).isEqualTo(2);
        assertThat(answer.body().path("rejected").findValuesAsText("index")).containsExactly("1", "2");
        assertThat(answer.body().path("rejected").findValuesAsText("code")).containsOnly("invalid_id");
    }

    @Test
    void eventIdsAndPeoplesIdsWithBidiControlsAreRefusedOneByOne() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/x-ndjson", bytes("""
                {"type": "view", "anonymousId": "a-1"}
                {"type": "view", "anonymousId": "a%1$s2"}
                {"type": "view", "userId": ".."}
                {"type": "view", "anonymousId": "a-3", "eventId": "e%1$s1"}
                {"type": "view", "anonymousId": "a-4", "itemId": "p\\u202e1"}
                """.formatted(RTL_OVERRIDE)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").findValuesAsText("index")).containsExactly("1", "2", "3", "4");
        assertThat(answer.body().path("rejected").findValuesAsText("path"))
                .containsExactly("anonymousId", "userId", "eventId", "itemId");
    }

    @Test
    void accountAndKeyNamesOfOnlyDotsOrWithBidiControlsAreRefused() throws Exception {
        AttuneClient.Answer account = admin.postJson("/v1/accounts", Map.of("name", "..", "role", "editor",
                "password", "a-long-enough-password"));
        assertThat(account.status()).isEqualTo(400);
        assertThat(account.body().path("details").get(0).path("path").asText()).isEqualTo("name");

        AttuneClient.Answer key = admin.postJson("/v1/keys", Map.of("name", "tag" + RTL_OVERRIDE + "nimda",
                "role", "ingest"));
        assertThat(key.status()).isEqualTo(400);
        JsonNode problem = key.body().path("details").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("name");
        assertThat(admin.get("/v1/keys").body().path("keys")).as("only the bootstrap key").hasSize(1);
    }
}
