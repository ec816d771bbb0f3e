package org.attune.server.http;

import java.util.List;

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
                                + " 'ingest' (only POST /v1/events; safe to put in a web page). Keys and privacy"
                                + " deletions need 'admin'. The secret is in this response only; Attune stores its"
                                + " hash.")
                        .body(null, "application/json", "{\"name\": \"web tag\", \"role\": \"ingest\"}")
                        .response(201, "Created; 'secret' is shown this once", "CreatedKey", null)
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
