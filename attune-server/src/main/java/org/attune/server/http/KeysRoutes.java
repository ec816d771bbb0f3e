package org.attune.server.http;

import java.util.List;
import org.attune.core.security.BrowserAccess;

/** The routes of API keys, the credentials of machines (admin only). */
final class KeysRoutes {
    private KeysRoutes() {
    }

    static List<ApiRoute> routes(KeysApi api) {
        return List.of(
                ApiRoute.post("/v1/keys").tag("Keys")
                        .summary("Create an API key")
                        .description("Roles: 'admin' (everything), 'editor' (catalogs, products, events read-back,"
                                + " the data dictionary, and all a reader may do), 'read' (only recommendations and"
                                + " GET /v1/profiles/{id}; for the servers and apps that show recommendations) and"
                                + " 'ingest' (only POST /v1/events) and 'browser' (what a web page's tag does: POST"
                                + " /v1/events, /v1/decisions and /v1/rerank, only from pages of its 'origins'"
                                + " (http(s)://host[:port], '*.' for subdomains, up to " + BrowserAccess.MAX_ORIGINS
                                + "), for its 'catalogs' (which must exist) and 'placements' (every placement when"
                                + " left out), at most 'requestsPerAddressPerSecond' requests per client address"
                                + " (default " + BrowserAccess.DEFAULT_REQUESTS_PER_ADDRESS_PER_SECOND + ", up to "
                                + BrowserAccess.MAX_REQUESTS_PER_ADDRESS_PER_SECOND + ") besides the per-key rate)."
                                + " Keys and privacy deletions need 'admin'. The secret is in this response only;"
                                + " Attune stores its hash. A browser key's secret is meant to be in pages' source.")
                        .body(null, "application/json", """
                                {"name": "shop pages", "role": "browser", "origins": ["https://shop.example.com"],
                                 "catalogs": ["shop"], "placements": ["home.recommended_for_you"]}""")
                        .response(201, "Created; 'secret' is shown this once", "CreatedKey", null)
                        .response(400, "An invalid name, role, origin, catalog or placement, with every problem",
                                "Error", null)
                        .handle(api::create),
                ApiRoute.get("/v1/keys").tag("Keys")
                        .summary("List API keys (without secrets)")
                        .response(200, "All keys, including revoked ones")
                        .handle(api::list),
                ApiRoute.delete("/v1/keys/{id}").tag("Keys")
                        .summary("Revoke an API key")
                        .description("The key stops working at once.")
                        .pathParam("id", "Key id (key_...)")
                        .response(200, "The revoked key")
                        .response(404, "No such key")
                        .handle(api::revoke));
    }
}
