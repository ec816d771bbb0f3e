package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attune.core.security.Account;
import org.attune.core.security.Accounts;
import org.attune.core.security.Role;

/** Handlers for people's studio accounts. No answer ever carries a password or its hash. */
final class AccountsApi {
    private final Accounts accounts;

    AccountsApi(Accounts accounts) {
        this.accounts = accounts;
    }

    void create(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx);
        // An unknown role reads as none, which the core refuses with the roles an account may have.
        Role role = Role.fromJsonName(text(body, "role")).orElse(null);
        ApiJson.write(ctx, 201, toJson(accounts.create(text(body, "name"), role, password(body))));
    }

    void list(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("accounts", accounts.list().stream().map(AccountsApi::toJson).toList()));
    }

    void changePassword(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx);
        ApiJson.write(ctx, 200, toJson(accounts.changePassword(ctx.pathParam("name"), password(body))));
    }

    void disable(Context ctx) {
        ApiJson.write(ctx, 200, toJson(accounts.disable(ctx.pathParam("name"))));
    }

    static Map<String, Object> toJson(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", account.name());
        json.put("role", account.role().jsonName());
        json.put("createdAt", account.createdAt());
        json.put("disabled", !account.active());
        json.put("disabledAt", account.disabledAt());
        return json;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static char[] password(JsonNode body) {
        String password = text(body, "password");
        return password == null ? null : password.toCharArray();
    }
}
