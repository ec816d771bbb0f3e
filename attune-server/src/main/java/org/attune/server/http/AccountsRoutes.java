package org.attune.server.http;

import java.util.List;
import org.attune.core.security.Accounts;

/** The routes of studio accounts, the credentials of people (admin only). */
final class AccountsRoutes {
    private static final String ACCOUNT_RULES = " Names: 1 to " + Accounts.MAX_NAME_LENGTH + " characters of letters"
            + " a-z and A-Z, digits, '.', '-', '_' and '@', case-sensitive. Passwords: " + Accounts.MIN_PASSWORD_LENGTH
            + " to " + Accounts.MAX_PASSWORD_LENGTH + " characters, stored only as a PBKDF2-HMAC-SHA256 hash.";

    private AccountsRoutes() {
    }

    static List<ApiRoute> routes(AccountsApi api) {
        return List.of(
                ApiRoute.post("/v1/accounts").access(Access.ADMIN).tag("Accounts")
                        .summary("Create a person's studio account")
                        .description("Accounts are for people who work in the studio, so their role is 'editor' or"
                                + " 'admin' (the same rights as keys of that role); machines use API keys."
                                + ACCOUNT_RULES + " Every problem of the body is reported at once, per field."
                                + " No answer ever shows the password or its hash.")
                        .body("AccountDefinition", "application/json",
                                "{\"name\": \"maria@shop.example\", \"role\": \"editor\", \"password\":"
                                        + " \"correct horse battery\"}")
                        .response(201, "Created", "Account", null)
                        .response(400, "Invalid name, role or password (invalid_account, a problem per field)",
                                "Error", null)
                        .response(409, "The name is taken, also by a disabled account (account_exists)")
                        .handle(api::create),
                ApiRoute.get("/v1/accounts").access(Access.ADMIN).tag("Accounts")
                        .summary("List studio accounts (without passwords or hashes)")
                        .response(200, "All accounts including disabled ones, oldest first", null,
                                "{\"accounts\": [{\"name\": \"admin\", \"role\": \"admin\", \"createdAt\":"
                                        + " \"2026-11-20T10:15:00Z\", \"disabled\": false, \"disabledAt\": null}]}")
                        .handle(api::list),
                ApiRoute.put("/v1/accounts/{name}/password").access(Access.ADMIN).tag("Accounts")
                        .summary("Set a new password for an account")
                        .description("The old password stops working at once, and so do the account's open studio"
                                + " sessions (each ends at its next request)." + ACCOUNT_RULES)
                        .pathParam("name", "Account name")
                        .body(null, "application/json", "{\"password\": \"a brand new secret\"}")
                        .response(200, "The account", "Account", null)
                        .response(400, "Password missing, too short or too long (invalid_password)", "Error", null)
                        .response(404, "No such account (account_not_found)")
                        .response(409, "The account is disabled (account_disabled)")
                        .handle(api::changePassword),
                ApiRoute.post("/v1/accounts/{name}/disable").access(Access.ADMIN).tag("Accounts")
                        .summary("Disable an account")
                        .description("It can no longer sign in, and its open studio sessions end (each at its"
                                + " next request); it stays listed and its name stays taken. Disabling again keeps"
                                + " the first time.")
                        .pathParam("name", "Account name")
                        .response(200, "The disabled account", "Account", null)
                        .response(404, "No such account (account_not_found)")
                        .handle(api::disable));
    }
}
