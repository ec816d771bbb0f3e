package org.attune.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One request of a load, drawn before it is sent: a GET of {@code path} when {@code jsonBody}
 * is null, else a POST of the JSON body. The path must already be URL-encoded; the body is
 * sent as it is, so loads build their bodies once and share them between requests.
 */
record LoadRequest(String path, byte[] jsonBody) {
    static LoadRequest get(String path) {
        return new LoadRequest(path, null);
    }

    static LoadRequest postJson(String path, byte[] jsonBody) {
        return new LoadRequest(path, jsonBody);
    }

    KeepAliveConnection.Answer send(KeepAliveConnection connection, String bearer) throws IOException {
        return jsonBody == null ? connection.get(path, bearer)
                : connection.post(path, "application/json", bearer, jsonBody);
    }

    /** How error messages name it: a GET by its path, a POST by its path and the start of its body. */
    String description() {
        if (jsonBody == null) {
            return path;
        }
        String body = new String(jsonBody, StandardCharsets.UTF_8);
        return "POST " + path + " " + (body.length() <= 200 ? body : body.substring(0, 200) + "...");
    }
}
