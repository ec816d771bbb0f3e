package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/** Handlers for API keys. */
final class KeysApi {
    private final ApiKeys keys;
    private final Predicate<String> catalogExists;

    KeysApi(ApiKeys keys, Predicate<String> catalogExists) {
        this.keys = keys;
        this.catalogExists = catalogExists;
    }

    void create(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx);
        String name = body.path("name").asText(null);
        String roleName = body.path("role").asText(null);
        Role role = roleName == null ? null : Role.fromJsonName(roleName).orElse(null);
        if (role == null) {
            throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                    new Problem("role", "invalid_role", "role must be one of 'admin', 'editor', 'read', 'ingest',"
                            + " 'browser'")));
        }
        ApiKeys.CreatedKey created;
        if (role == Role.BROWSER) {
            JsonNode rate = body.get("requestsPerAddressPerSecond");
            if (rate != null && !rate.canConvertToInt()) {
                throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                        new Problem("requestsPerAddressPerSecond", "invalid_rate", "a whole number")));
            }
            created = keys.createBrowserKey(name, BrowserAccess.of(strings(body, "origins"),
                    strings(body, "catalogs"), strings(body, "placements"), rate == null ? null : rate.asInt(),
                    catalogExists));
        } else {
            for (String field : List.of("origins", "catalogs", "placements", "requestsPerAddressPerSecond")) {
                if (body.has(field)) {
                    throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                            new Problem(field, "browser_keys_only", field + " is for keys of role 'browser'; a"
                                    + " '" + role.jsonName() + "' key works for every catalog from anywhere")));
                }
            }
            created = keys.create(name, role);
        }
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
        if (key.browser() != null) {
            json.put("origins", key.browser().origins());
            json.put("catalogs", key.browser().catalogs());
            json.put("placements", key.browser().placements());
            json.put("requestsPerAddressPerSecond", key.browser().requestsPerAddressPerSecond());
        }
        return json;
    }

    /** A list of strings from the body, null when absent; an entry that is not a string reads as null. */
    private static List<String> strings(JsonNode body, String field) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                    new Problem(field, "wrong_type", field + " is a list of strings")));
        }
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.isTextual() ? item.asText() : null));
        return values;
    }
}
