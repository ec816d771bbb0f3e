package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an API key gives away, where it may travel, and that revoking it lasts. */
class KeySecrecyApiTest {
    private static final String BOOTSTRAP_NAME = "bootstrap admin (ATTUNE_ADMIN_KEY)";
    private static final byte[] VIEW = bytes("{\"type\":\"view\",\"anonymousId\":\"a-1\"}");

    @TempDir
    Path dataDir;

    @Test
    void aRevokedBootstrapKeyStaysRevokedAfterARestart() throws Exception {
        String otherAdmin;
        try (RunningServer server = RunningServer.start(dataDir)) {
            otherAdmin = server.admin.postJson("/v1/keys", Map.of("name", "second admin", "role", "admin")).body()
                    .path("secret").asText();
            JsonNode bootstrap = bootstrapKey(server.admin);
            assertThat(server.client(otherAdmin).send("DELETE", "/v1/keys/" + bootstrap.path("id").asText(),
                    "application/json", new byte[0]).status()).isEqualTo(200);
            assertThat(server.admin.get("/v1/keys").status()).isEqualTo(401);
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (RunningServer again = RunningServer.start(dataDir)) {
            assertThat(again.admin.get("/v1/keys").status())
                    .as("the same ATTUNE_ADMIN_KEY does not bring the revoked key back").isEqualTo(401);
            JsonNode keys = again.client(otherAdmin).get("/v1/keys").body().path("keys");
            assertThat(keys.findValuesAsText("name").stream().filter(BOOTSTRAP_NAME::equals)).hasSize(1);
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).as("the operator is told at start").anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("ATTUNE_ADMIN_KEY names a key that was revoked");
        });
    }

    @Test
    void theKeyListShowsNoPartOfTheOperatorsSecret() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            JsonNode bootstrap = bootstrapKey(server.admin);
            assertThat(bootstrap.path("prefix").isNull()).as(bootstrap.toString()).isTrue();
            String listing = server.admin.get("/v1/keys").body().toString();
            assertThat(listing).doesNotContain(RunningServer.ADMIN_KEY.substring(0, 8));

            JsonNode generated = server.admin.postJson("/v1/keys", Map.of("name", "tag", "role", "ingest")).body();
            assertThat(generated.path("secret").asText()).startsWith(generated.path("prefix").asText());
            assertThat(generated.path("prefix").asText()).hasSize(8);
        }
    }

    @Test
    void onlyAnIngestKeyIsAcceptedInTheUrl() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            AttuneClient noHeader = server.client(null);
            AttuneClient.Answer adminInUrl = noHeader.send("POST", "/v1/events?key=" + RunningServer.ADMIN_KEY,
                    "text/plain", VIEW);
            assertThat(adminInUrl.status()).isEqualTo(401);
            assertThat(adminInUrl.body().path("code").asText()).isEqualTo("key_in_url");
            assertThat(adminInUrl.body().path("message").asText()).contains("Authorization: Bearer");
            for (String role : new String[] {"editor", "read"}) {
                String secret = server.admin.postJson("/v1/keys", Map.of("name", role, "role", role)).body()
                        .path("secret").asText();
                assertThat(noHeader.send("POST", "/v1/events?key=" + secret, "text/plain", VIEW).status())
                        .as(role).isEqualTo(401);
            }
            assertThat(server.admin.get("/v1/events").body().path("events").size())
                    .as("nothing refused was stored").isZero();

            String ingest = server.admin.postJson("/v1/keys", Map.of("name", "tag", "role", "ingest")).body()
                    .path("secret").asText();
            assertThat(noHeader.send("POST", "/v1/events?key=" + ingest, "text/plain", VIEW).status()).isEqualTo(200);
            assertThat(server.admin.send("POST", "/v1/events", "application/json", VIEW).status())
                    .as("an admin key in the header still sends events").isEqualTo(200);
        }
    }

    private static JsonNode bootstrapKey(AttuneClient admin) throws Exception {
        for (JsonNode key : admin.get("/v1/keys").body().path("keys")) {
            if (key.path("name").asText().equals(BOOTSTRAP_NAME)) {
                return key;
            }
        }
        throw new AssertionError("no bootstrap key listed");
    }
}
