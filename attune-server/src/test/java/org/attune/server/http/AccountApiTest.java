package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.attune.core.security.Account;
import org.attune.core.security.Role;
import org.attune.server.RunningServer;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People's studio accounts through the admin API of a real server, and the bootstrap admin account. */
class AccountApiTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAdminCreatesAnAccountThatSignsInAndIsListedWithoutItsHash() throws Exception {
        AttuneClient.Answer created = server.admin.postJson("/v1/accounts",
                Map.of("name", "maria@shop.example", "role", "editor", "password", PASSWORD));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo("maria@shop.example");
        assertThat(created.body().path("role").asText()).isEqualTo("editor");
        assertThat(created.body().path("createdAt").asText()).isNotBlank();
        assertThat(created.body().path("disabled").asBoolean()).isFalse();
        assertThat(server.app.accounts().authenticate("maria@shop.example", PASSWORD.toCharArray()))
                .map(Account::role).contains(Role.EDITOR);

        JsonNode listed = server.admin.get("/v1/accounts").body().path("accounts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("maria@shop.example");
        String hash = server.app.accounts().find("maria@shop.example").orElseThrow().passwordHash();
        for (String answer : new String[] {created.body().toString(), listed.toString()}) {
            assertThat(answer).doesNotContain(PASSWORD, hash, "pbkdf2", "password");
        }
    }

    @Test
    void onlyAdminKeysMayCallTheAccountRoutes() throws Exception {
        server.admin.postJson("/v1/accounts", Map.of("name", "maria", "role", "editor", "password", PASSWORD));
        for (String role : new String[] {"editor", "read", "ingest"}) {
            AttuneClient key = server.client(server.admin.postJson("/v1/keys", Map.of("name", role + " key",
                    "role", role)).body().path("secret").asText());
            assertThat(key.get("/v1/accounts").status()).as(role).isEqualTo(403);
            assertThat(key.postJson("/v1/accounts", Map.of("name", "escalate", "role", "admin", "password",
                    PASSWORD)).status()).as(role).isEqualTo(403);
            assertThat(key.send("PUT", "/v1/accounts/maria/password", "application/json",
                    bytes("{\"password\": \"taken over by " + role + "\"}")).status()).as(role).isEqualTo(403);
            assertThat(key.postJson("/v1/accounts/maria/disable", Map.of()).status()).as(role).isEqualTo(403);
        }
        AttuneClient anonymous = server.client(null);
        assertThat(anonymous.get("/v1/accounts").status()).isEqualTo(401);
        assertThat(anonymous.postJson("/v1/accounts/maria/disable", Map.of()).status()).isEqualTo(401);

        assertThat(server.app.accounts().list()).extracting(Account::name).containsExactly("maria");
        assertThat(server.app.accounts().authenticate("maria", PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void badInputIsRefusedWithAProblemPerFieldAndATakenNameIsAConflict() throws Exception {
        AttuneClient.Answer invalid = server.admin.postJson("/v1/accounts",
                Map.of("name", "maria smith", "role", "read", "password", "short"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("code").asText()).isEqualTo("invalid_account");
        assertThat(invalid.body().path("details").findValuesAsText("path")).containsExactly("name", "role", "password");
        assertThat(invalid.body().path("details").findValuesAsText("code"))
                .containsExactly("invalid_name", "invalid_role", "password_too_short");
        AttuneClient.Answer unknownRole = server.admin.postJson("/v1/accounts",
                Map.of("name", "maria", "role", "root", "password", PASSWORD));
        assertThat(unknownRole.body().path("details").findValuesAsText("code")).containsExactly("invalid_role");
        AttuneClient.Answer empty = server.admin.send("POST", "/v1/accounts", "application/json", bytes("{}"));
        assertThat(empty.body().path("details").findValuesAsText("code"))
                .containsExactly("invalid_name", "invalid_role", "missing_password");
        assertThat(server.admin.send("POST", "/v1/accounts", "application/json", new byte[0]).body().path("code")
                .asText()).isEqualTo("missing_body");

        assertThat(server.admin.postJson("/v1/accounts", Map.of("name", "maria", "role", "admin", "password",
                PASSWORD)).status()).isEqualTo(201);
        AttuneClient.Answer taken = server.admin.postJson("/v1/accounts",
                Map.of("name", "maria", "role", "editor", "password", "another password"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("code").asText()).isEqualTo("account_exists");
        assertThat(server.admin.get("/v1/accounts").body().path("accounts").findValuesAsText("role"))
                .containsExactly("admin");
    }

    @Test
    void aNewPasswordReplacesTheOldOneAndADisabledAccountNoLongerSignsIn() throws Exception {
        server.admin.postJson("/v1/accounts", Map.of("name", "maria.s", "role", "editor", "password", PASSWORD));

        AttuneClient.Answer changed = server.admin.send("PUT", "/v1/accounts/maria.s/password", "application/json",
                bytes("{\"password\": \"a brand new secret\"}"));
        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        assertThat(changed.body().toString()).doesNotContain("a brand new secret", "pbkdf2");
        assertThat(server.app.accounts().authenticate("maria.s", PASSWORD.toCharArray())).isEmpty();
        assertThat(server.app.accounts().authenticate("maria.s", "a brand new secret".toCharArray())).isPresent();
        AttuneClient.Answer tooShort = server.admin.send("PUT", "/v1/accounts/maria.s/password", "application/json",
                bytes("{\"password\": \"short\"}"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body().path("code").asText()).isEqualTo("invalid_password");
        assertThat(tooShort.body().path("details").findValuesAsText("path")).containsExactly("password");
        assertThat(server.admin.send("PUT", "/v1/accounts/nobody/password", "application/json",
                bytes("{\"password\": \"a brand new secret\"}")).status()).isEqualTo(404);

        AttuneClient.Answer disabled = server.admin.postJson("/v1/accounts/maria.s/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().path("disabled").asBoolean()).isTrue();
        assertThat(disabled.body().path("disabledAt").asText()).isNotBlank();
        assertThat(server.app.accounts().authenticate("maria.s", "a brand new secret".toCharArray())).isEmpty();
        assertThat(server.admin.send("PUT", "/v1/accounts/maria.s/password", "application/json",
                bytes("{\"password\": \"yet another secret\"}")).body().path("code").asText())
                .isEqualTo("account_disabled");
        assertThat(server.admin.get("/v1/accounts").body().path("accounts").get(0).path("disabled").asBoolean())
                .isTrue();
        AttuneClient.Answer unknown = server.admin.postJson("/v1/accounts/nobody/disable", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("account_not_found");
    }

    @Test
    void accountsSurviveARestartAndAtSignsInNamesWorkInPaths() throws Exception {
        server.admin.postJson("/v1/accounts", Map.of("name", "maria@shop.example", "role", "editor", "password",
                PASSWORD));
        server.admin.postJson("/v1/accounts", Map.of("name", "leaver", "role", "admin", "password", PASSWORD));
        server.admin.postJson("/v1/accounts/leaver/disable", Map.of());
        server.close();

        server = RunningServer.start(dataDir);

        assertThat(server.app.accounts().authenticate("maria@shop.example", PASSWORD.toCharArray())).isPresent();
        assertThat(server.app.accounts().authenticate("leaver", PASSWORD.toCharArray())).isEmpty();
        assertThat(server.admin.send("PUT", "/v1/accounts/maria%40shop.example/password", "application/json",
                bytes("{\"password\": \"a brand new secret\"}")).status()).isEqualTo(200);
        assertThat(server.app.accounts().authenticate("maria@shop.example", "a brand new secret".toCharArray()))
                .isPresent();
    }

    @Test
    void theAdminPasswordSettingCreatesTheAdminAccountOnceAndNeverResetsIt() throws Exception {
        server.close();
        Path fresh = dataDir.resolve("fresh");
        ServerSettings settings = ServerSettings.of(fresh, "127.0.0.1", 0, RunningServer.ADMIN_KEY);
        try (AttuneApplication first = AttuneApplication.start(settings.withAdminPassword("first admin password"))) {
            assertThat(first.accounts().authenticate("admin", "first admin password".toCharArray()))
                    .map(Account::role).contains(Role.ADMIN);
        }
        try (AttuneApplication second = AttuneApplication.start(settings.withAdminPassword("a changed variable"))) {
            assertThat(second.accounts().authenticate("admin", "first admin password".toCharArray()))
                    .as("an existing admin account keeps its password").isPresent();
            assertThat(second.accounts().authenticate("admin", "a changed variable".toCharArray())).isEmpty();
            assertThat(second.accounts().list()).hasSize(1);
        }
        try (AttuneApplication without = AttuneApplication.start(settings)) {
            assertThat(without.accounts().list()).extracting(Account::name).containsExactly("admin");
        }
        server = RunningServer.start(dataDir);
        assertThat(server.app.accounts().list()).as("no password, no account").isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheAccountRoutesAsAdminOnly() throws Exception {
        JsonNode paths = server.client(null).get("/openapi.json").body().path("paths");

        for (String[] route : new String[][] {{"/v1/accounts", "get"}, {"/v1/accounts", "post"},
                {"/v1/accounts/{name}/password", "put"}, {"/v1/accounts/{name}/disable", "post"}}) {
            JsonNode operation = paths.path(route[0]).path(route[1]);
            assertThat(operation.path("x-attune-role").asText()).as("%s %s", route[1], route[0]).isEqualTo("admin");
            assertThat(operation.path("summary").asText()).isNotBlank();
        }
        assertThat(paths.path("/v1/accounts").path("post").path("description").asText())
                .contains("10 to 200 characters", "1 to 64 characters");
    }
}
