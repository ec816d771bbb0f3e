package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessApiTest {
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
    void everyApiCallNeedsAKeyAndTheRightRole() throws Exception {
        AttuneClient anonymous = server.client(null);
        AttuneClient.Answer noKey = anonymous.get("/v1/catalogs");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body().path("code").asText()).isEqualTo("unauthorized");
        assertThat(server.client("atk_not-a-real-key-at-all").get("/v1/catalogs").status()).isEqualTo(401);
        AttuneClient.Answer unknownRoute = server.admin.get("/v1/no-such-thing");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.body().path("code").asText()).isEqualTo("not_found");
        AttuneClient.Answer malformed = server.admin.send("POST", "/v1/catalogs", "application/json", bytes("not json"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("message").asText()).contains("line 1, column");

        JsonNode created = server.admin.postJson("/v1/keys", Map.of("name", "web tag", "role", "ingest")).body();
        assertThat(created.path("secret").asText()).startsWith("atk_");
        AttuneClient ingest = server.client(created.path("secret").asText());
        AttuneClient.Answer forbidden = ingest.get("/v1/catalogs");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().path("message").asText()).contains("ingest");
        assertThat(ingest.send("POST", "/v1/events", "application/json",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a\"}")).status()).isEqualTo(200);
        assertThat(ingest.postJson("/v1/keys", Map.of("name", "escalate", "role", "admin")).status()).isEqualTo(403);

        JsonNode listed = server.admin.get("/v1/keys").body().path("keys");
        assertThat(listed.toString()).doesNotContain(created.path("secret").asText());
        assertThat(server.admin.send("DELETE", "/v1/keys/" + created.path("id").asText(), "application/json",
                new byte[0]).body().path("active").asBoolean()).isFalse();
        assertThat(ingest.send("POST", "/v1/events", "application/json",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a\"}")).status()).isEqualTo(401);
        assertThat(server.admin.postJson("/v1/keys", Map.of("name", "x", "role", "root")).status()).isEqualTo(400);
    }

    @Test
    void readKeysSeeOnlyRecommendationsAndProfilesAndEditorsConfigureCatalogs() throws Exception {
        AttuneClient read = server.client(server.admin.postJson("/v1/keys", Map.of("name", "shop backend",
                "role", "read")).body().path("secret").asText());
        AttuneClient editor = server.client(server.admin.postJson("/v1/keys", Map.of("name", "merchandiser",
                "role", "editor")).body().path("secret").asText());

        assertThat(editor.send("POST", "/v1/catalogs", "application/json",
                bytes(ApiTestFixtures.CATALOG)).status()).isEqualTo(201);
        assertThat(editor.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson",
                bytes("{\"id\":\"p-1\",\"title\":\"Boot\"}")).status()).isEqualTo(200);
        assertThat(editor.get("/v1/dictionary").status()).isEqualTo(200);
        server.admin.sendOrFail("POST", "/v1/events", "application/json",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a-1\",\"catalog\":\"shop\",\"itemId\":\"p-1\"}"));

        assertThat(read.get("/v1/recommendations?catalog=shop&strategy=trending").status()).isEqualTo(200);
        assertThat(editor.get("/v1/recommendations?catalog=shop&strategy=trending").status())
                .as("an editor may do what a reader may").isEqualTo(200);
        int profile = 404;
        for (int i = 0; i < 100 && profile != 200; i++) {
            profile = read.get("/v1/profiles/a-1").status();
            Thread.sleep(10);
        }
        assertThat(profile).isEqualTo(200);

        assertThat(read.get("/v1/catalogs").status()).isEqualTo(403);
        assertThat(read.send("POST", "/v1/events", "application/json",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a\"}")).status()).isEqualTo(403);
        assertThat(read.send("DELETE", "/v1/profiles/a-1", "application/json", new byte[0]).status()).isEqualTo(403);
        assertThat(editor.send("DELETE", "/v1/profiles/a-1", "application/json", new byte[0]).status())
                .as("privacy deletions need admin").isEqualTo(403);
        assertThat(editor.get("/v1/keys").status()).isEqualTo(403);
        AttuneClient.Answer forbidden = read.get("/v1/dictionary");
        assertThat(forbidden.body().path("message").asText()).contains("'read'").contains("'editor'");
    }

    @Test
    void keysSurviveARestartAndAGeneratedBootstrapKeyIsPrintedOnlyOnce() throws Exception {
        server.close();
        Path fresh = dataDir.resolve("fresh");
        String secret;
        try (var first = org.attune.server.app.AttuneApplication.start(
                org.attune.server.app.ServerSettings.of(fresh, "127.0.0.1", 0, null))) {
            assertThat(first.generatedAdminSecret()).startsWith("atk_");
            secret = first.generatedAdminSecret();
        }
        try (var second = org.attune.server.app.AttuneApplication.start(
                org.attune.server.app.ServerSettings.of(fresh, "127.0.0.1", 0, null))) {
            assertThat(second.generatedAdminSecret()).isNull();
            assertThat(new AttuneClient(second.baseUrl(), secret).get("/v1/catalogs").status()).isEqualTo(200);
        }
        server = RunningServer.start(dataDir);
    }

    @Test
    void healthMetricsAndOpenApiArePublic() throws Exception {
        AttuneClient anonymous = server.client(null);
        AttuneClient.Answer health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("ready");
        assertThat(health.body().path("storage").asText()).isEqualTo("duckdb");

        server.admin.send("POST", "/v1/events", "application/json", bytes("[{\"type\":\"view\",\"anonymousId\":\"a\"},"
                + "{\"type\":\"view\"}]"));
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("attune_events_accepted_total 1.0", "attune_events_rejected_total 1.0",
                "attune_http_requests_seconds", "attune_eventlog_last_seq 1.0");
    }

    @Test
    void openApiDocumentDescribesEveryRoute() throws Exception {
        JsonNode doc = server.client(null).get("/openapi.json").body();
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        Set<String> documented = new HashSet<>();
        for (var path : doc.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
                documented.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        Set<String> declared = new HashSet<>();
        for (ApiRoute route : server.app.routes()) {
            declared.add(route.method().name() + " " + route.path());
            JsonNode operation = doc.path("paths").path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
            assertThat(operation.path("summary").asText()).as(route.path()).isNotBlank();
            assertThat(operation.path("responses").size()).as(route.path()).isPositive();
        }
        assertThat(documented).isEqualTo(declared);
        assertThat(declared).contains("POST /v1/events", "PUT /v1/catalogs/{catalog}/products", "GET /v1/dictionary",
                "GET /health", "GET /metrics", "POST /v1/keys", "DELETE /v1/keys/{id}");
    }
}
