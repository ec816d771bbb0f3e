/**
 * The HTTP API. Each area declares its routes once, with their documentation, in its own route
 * file ({@code SystemRoutes}, {@code EventsRoutes}, {@code CatalogsRoutes}, {@code ProfilesRoutes},
 * {@code RecommendationsRoutes}, {@code ModelsRoutes}, {@code PersonalizationRoutes},
 * {@code KeysRoutes}, {@code AccountsRoutes}, {@code DecisioningRoutes}) beside the thin handlers of
 * that area ({@code CatalogsApi}, ...); {@link org.attune.server.http.ApiRoutes} assembles them. The
 * same declarations register the Javalin handlers, enforce the role a route needs, and produce the
 * OpenAPI document. Handlers are thin: they read the request, call a core service, and write JSON.
 */
package org.attune.server.http;
