/**
 * The HTTP API. Every route is declared once in {@link org.attune.server.http.ApiRoutes}
 * together with its documentation; the same declarations register the Javalin handlers,
 * enforce the role a route needs, and produce the OpenAPI document. Handlers are thin:
 * they read the request, call a core service, and write JSON.
 */
package org.attune.server.http;
