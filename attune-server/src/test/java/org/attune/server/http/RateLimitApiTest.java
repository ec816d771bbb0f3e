package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request rates per API key and per client address, with small limits: over the limit a
 * request is answered 429 {@code rate_limited} with {@code Retry-After}, other keys and
 * addresses go on, and after the wait the client is served again. Other addresses are other
 * loopback addresses (all of 127.0.0.0/8 reaches the server on Linux).
 */
class RateLimitApiTest {
    private static final int PER_KEY = 5;
    private static final int PER_ADDRESS = 3;

    @TempDir
    Path dataDir;

    private RunningServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY)
                .withClients(new ClientLimits(4_096, 256, PER_KEY, PER_ADDRESS)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aKeyOverItsRateIsAnswered429WithRetryAfterWhileAnotherKeyGoesOnAndAfterTheWaitItIsServedAgain()
            throws Exception {
        String editor = server.admin.postJson("/v1/keys", Map.of("name", "editor", "role", "editor")).body()
                .path("secret").asText();
        // The bucket starts full; it refills while the loop runs, so a few more may pass before the 429.
        int served = 1; // creating the editor key above
        HttpResponse<String> answer = get("/v1/catalogs", RunningServer.ADMIN_KEY);
        for (int i = 0; i < PER_KEY + 3 && answer.statusCode() == 200; i++) {
            served++;
            answer = get("/v1/catalogs", RunningServer.ADMIN_KEY);
        }
        assertThat(served).isGreaterThanOrEqualTo(PER_KEY);
        assertThat(answer.statusCode()).isEqualTo(429);
        JsonNode error = Json.MAPPER.readTree(answer.body());
        assertThat(error.path("code").asText()).isEqualTo("rate_limited");
        assertThat(error.path("message").asText()).contains("this API key").contains("5 per second");
        assertThat(error.path("details").get(0).path("limit").asText()).isEqualTo("key");
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(error.path("details").get(0).path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);

        assertThat(get("/v1/catalogs", editor).statusCode()).as("another key").isEqualTo(200);
        assertThat(get("/health", null).statusCode()).as("/health is exempt").isEqualTo(200);

        Thread.sleep(retryAfter * 1_000);
        assertThat(get("/v1/catalogs", RunningServer.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAValidKeyAreCountedByAddressSoThatGuessingKeysIsRefusedWhileOtherAddressesGoOn()
            throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(rawGet("127.0.0.2", "/v1/catalogs", "guessed-key-" + i)).startsWith("HTTP/1.1 401");
        }
        String refused = rawGet("127.0.0.2", "/v1/catalogs", "guessed-key-x");
        for (int i = 0; i < 3 && refused.startsWith("HTTP/1.1 401"); i++) {
            refused = rawGet("127.0.0.2", "/v1/catalogs", "guessed-key-x" + i); // refilled meanwhile
        }
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ")
                .contains("\"code\":\"rate_limited\"").contains("your address");
        assertThat(rawGet("127.0.0.2", "/health", null)).as("/health is exempt").startsWith("HTTP/1.1 200");

        assertThat(rawGet("127.0.0.3", "/openapi.json", null)).as("another address").startsWith("HTTP/1.1 200");
        assertThat(get("/v1/catalogs", RunningServer.ADMIN_KEY).statusCode()).as("a valid key elsewhere")
                .isEqualTo(200);

        Thread.sleep(1_000);
        assertThat(rawGet("127.0.0.2", "/openapi.json", null)).startsWith("HTTP/1.1 200");
    }

    @Test
    void browserPreflightsAndStudioPagesCountAgainstTheAddress() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/events"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://shop.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
        }
        HttpResponse<String> login = get("/studio/login", null);
        for (int i = 0; i < 3 && login.statusCode() == 200; i++) {
            login = get("/studio/login", null); // refilled meanwhile
        }
        assertThat(login.statusCode()).isEqualTo(429);
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnRateAndAForgedHeaderFromElsewhereBuysNothing()
            throws Exception {
        server.close();
        server = RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY)
                .withClients(new ClientLimits(4_096, 256, PER_KEY, PER_ADDRESS))
                .withTrustedProxies(List.of("127.0.0.9")));
        String refused = "";
        for (int i = 0; i < PER_ADDRESS + 3 && !refused.startsWith("HTTP/1.1 429"); i++) {
            refused = rawGet("127.0.0.9", "/openapi.json", null, "203.0.113.7");
        }
        assertThat(refused).as("one client behind the proxy").startsWith("HTTP/1.1 429");
        assertThat(rawGet("127.0.0.9", "/openapi.json", null, "203.0.113.8")).as("another client behind it")
                .startsWith("HTTP/1.1 200");

        String forged = "";
        for (int i = 0; i < PER_ADDRESS + 3 && !forged.startsWith("HTTP/1.1 429"); i++) {
            forged = rawGet("127.0.0.2", "/openapi.json", null, "198.51.100." + i);
        }
        assertThat(forged).as("a header written by a client that is no proxy is ignored").startsWith("HTTP/1.1 429");
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET from another loopback address (HttpClient cannot choose one): the whole answer as text. */
    private String rawGet(String fromAddress, String path, String key) throws IOException {
        return rawGet(fromAddress, path, key, null);
    }

    private String rawGet(String fromAddress, String path, String key, String forwardedFor) throws IOException {
        URL url = URI.create(server.url()).toURL();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
