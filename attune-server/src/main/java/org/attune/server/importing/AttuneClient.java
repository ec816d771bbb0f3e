package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.attune.core.json.Json;

/**
 * A small client for the Attune HTTP API over one keep-alive HTTP/1.1 connection.
 * Thread-safe (java.net.http.HttpClient is).
 */
public final class AttuneClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String key;

    /**
     * An answer from the server.
     *
     * @param status HTTP status
     * @param body parsed JSON body (a missing node when the body was empty or not JSON)
     */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public AttuneClient(String baseUrl, String key) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Answer send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Answer postJson(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    /** Like {@link #send} but fails with the server's error message unless the status is 2xx. */
    public Answer sendOrFail(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        Answer answer = send(method, path, contentType, body);
        if (!answer.ok()) {
            throw new IOException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = response.body().length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = Json.MAPPER.getNodeFactory().textNode(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Answer(response.statusCode(), body);
    }
}
