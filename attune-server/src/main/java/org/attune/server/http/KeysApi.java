package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.Role;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/** Handlers for API keys. */
final class KeysApi {
    private final ApiKeys keys;

    KeysApi(ApiKeys keys) {
        this.keys = keys;
    }

    void create(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx);
        String name = body.path("name").asText(null);
        String roleName = body.path("role").asText(null);
        Role role = roleName == null ? null : Role.fromJsonName(roleName).orElse(null);
        if (role == null) {
            throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                    new Problem("role", "invalid_role", "role must be one of 'admin', 'editor', 'read', 'ingest'")));
        }
        ApiKeys.CreatedKey created = keys.create(name, role);
        Map<String, Object> json = toJson(created.key());
        json.put("secret", created.secret());
        ApiJson.write(ctx, 201, json);
    }

    void list(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("keys", keys.list().stream().map(KeysApi::toJson).toList()));
    }

    void revoke(Context ctx) {
        ApiJson.write(ctx, 200, toJson(keys.revoke(ctx.pathParam("id"))));
    }

    static Map<String, Object> toJson(ApiKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id());
        json.put("name", key.name());
        json.put("role", key.role().jsonName());
        json.put("prefix", key.prefix().isEmpty() ? null : key.prefix());
        json.put("createdAt", key.createdAt());
        json.put("revokedAt", key.revokedAt());
        json.put("active", key.active());
        return json;
    }
}
