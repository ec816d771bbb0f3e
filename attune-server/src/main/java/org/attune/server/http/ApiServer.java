package org.attune.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.Role;
import org.attune.core.storage.failure.StorageException;
import org.attune.core.storage.failure.StorageUnavailableException;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.Echo;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.RecordRejection;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server for a list of {@link ApiRoute}s: registers them, checks the key and
 * role each route needs, turns exceptions into the JSON error body
 * {@code {"code", "message", "details": [...]}}, adds CORS headers where a route asks
 * for them, times every request, and holds every client to the {@link ClientLimits}:
 * connections per address and in all, requests on a thread per address, request rates per key
 * and per client address as {@link ClientAddress} reads it (429 {@code rate_limited} with
 * {@code Retry-After}), the slowest body.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String KEY_ATTRIBUTE = "attune.apiKey";
    /** Set on a request one of the routes handles, so that its own 404 is not taken for an unknown route. */
    private static final String ROUTED_ATTRIBUTE = "attune.routed";
    /**
     * Largest body Javalin itself reads ({@code ctx.formParam}, {@code ctx.body}): the studio's
     * forms. API routes read theirs through {@link RequestBodies}, with limits of their own.
     */
    public static final long FORM_BODY_BYTES = 1024 * 1024;

    private final Javalin javalin;

    public ApiServer(String host, int port, List<ApiRoute> routes, ApiKeys keys, ApiMetrics metrics,
                     ClientLimits limits, ClientAddress clientAddress) {
        RequestRates rates = new RequestRates(limits);
        javalin = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.insertHandler(activeRequestsPerAddress(clientAddress)));
            config.jetty.modifyHttpConfiguration(ApiServer::slowestBody);
            config.jetty.addConnector((server, http) -> connector(server, http, host, port, limits, clientAddress));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = FORM_BODY_BYTES;
            for (ApiRoute route : routes) {
                config.routes.addHttpHandler(route.method, route.path,
                        ctx -> handle(route, ctx, keys, rates, clientAddress, metrics));
                if (route.cors && route.method != HandlerType.OPTIONS) {
                    config.routes.addHttpHandler(HandlerType.OPTIONS, route.path, ctx -> {
                        ctx.attribute(ROUTED_ATTRIBUTE, Boolean.TRUE);
                        try {
                            rates.chargeAddress(clientAddress.of(ctx));
                            if (BrowserKeys.refusesPreflight(keys, ctx)) {
                                // no CORS headers: the browser does not send the request
                                ctx.status(403);
                                return;
                            }
                            corsHeaders(ctx, route.method.name());
                            ctx.status(204);
                        } catch (RequestRates.Exceeded e) {
                            answerError(ctx, e);
                        }
                    });
                }
            }
            config.routes.error(404, ctx -> {
                // Our handlers answer their own 404s (JSON, or HTML for pages); anything else is an unknown route.
                if (ctx.attribute(ROUTED_ATTRIBUTE) == null) {
                    ApiJson.write(ctx, 404, error("not_found", "No route for " + ctx.method() + " " + ctx.path()
                            + "; see /openapi.json", List.of()));
                }
            });
            config.routes.error(405, ctx -> ApiJson.write(ctx, 405, error("method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path(), List.of())));
        });
    }

    /**
     * The one connector: closes connections beyond the per-address and total caps, and drops
     * one silent for {@link ClientLimits#IDLE_TIMEOUT}.
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, String host, int port,
                                             ClientLimits limits, ClientAddress clientAddress) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(ClientLimits.IDLE_TIMEOUT.toMillis());
        connector.addEventListener(new ConnectionsPerAddress(limits.maxConnectionsPerAddress(), clientAddress));
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        return connector;
    }

    /**
     * Refuses a request body that arrives slower than {@link ClientLimits#MIN_REQUEST_BYTES_PER_SECOND}.
     * Jetty 12.1 marks this setting for removal in favour of its {@code MinimumDataRateHandler},
     * which counts the bytes of all requests through the handler together, not one request's,
     * so one slow client among busy ones would pass: the setting stays until Jetty's
     * replacement counts per request.
     */
    @SuppressWarnings("removal")
    private static void slowestBody(HttpConfiguration http) {
        http.setMinRequestDataRate(ClientLimits.MIN_REQUEST_BYTES_PER_SECOND);
    }

    /**
     * At most {@link ClientLimits#ACTIVE_REQUESTS_PER_ADDRESS} requests of one remote address
     * on a thread at once; the others wait for a slot without one, so stalling clients hold
     * few of the pool's threads. The TCP peer counts, never a forwarded header; a trusted
     * reverse proxy carries many clients and is exempt (it buffers slow bodies itself).
     */
    private static ThreadLimitHandler activeRequestsPerAddress(ClientAddress clientAddress) {
        ThreadLimitHandler limit = new ThreadLimitHandler(null, false);
        limit.setThreadLimit(ClientLimits.ACTIVE_REQUESTS_PER_ADDRESS);
        clientAddress.trustedProxies().forEach(limit::exclude);
        return limit;
    }

    public ApiServer start() {
        javalin.start();
        return this;
    }

    public int port() {
        return javalin.port();
    }

    private static void handle(ApiRoute route, Context ctx, ApiKeys keys, RequestRates rates,
                               ClientAddress clientAddress, ApiMetrics metrics) {
        long start = System.nanoTime();
        ctx.attribute(ROUTED_ATTRIBUTE, Boolean.TRUE);
        try {
            if (route.cors) {
                corsHeaders(ctx, route.method.name());
            }
            authorize(route, ctx, keys, route.rateLimited ? rates : null, clientAddress);
            route.handler.handle(ctx);
        } catch (Exception e) {
            answerError(ctx, e);
        } finally {
            metrics.recordRequest(route.method.name(), route.path, ctx.statusCode(), System.nanoTime() - start);
        }
    }

    /**
     * Checks the key and role the route needs and counts the request against its rate: by key
     * once the key is known good, by address otherwise (public and studio routes, no key, a
     * wrong key). {@code rates} is null for a route exempt from rate limits.
     */
    private static void authorize(ApiRoute route, Context ctx, ApiKeys keys, RequestRates rates,
                                  ClientAddress clientAddress) {
        String address = rates == null ? null : clientAddress.of(ctx);
        if (route.access == Access.PUBLIC || route.access == Access.STUDIO) {
            if (rates != null) {
                rates.chargeAddress(address);
            }
            return;
        }
        String secret = bearer(ctx);
        boolean inUrl = false;
        if (secret == null && (route.access == Access.INGEST || route.browser)) {
            // navigator.sendBeacon cannot set headers, so an ingest-only route (and a page's) also takes ?key=.
            secret = ctx.queryParam("key");
            inUrl = secret != null;
        }
        if (rates != null) {
            rates.refuseIfAddressSpent(address);
        }
        if (secret == null) {
            if (rates != null) {
                rates.chargeAddress(address);
            }
            throw new ApiProblem(401, "unauthorized", "Send an API key: 'Authorization: Bearer <key>'");
        }
        ApiKey key = keys.authenticate(secret).orElse(null);
        if (key == null) {
            if (rates != null) {
                rates.chargeAddress(address);
            }
            throw new ApiProblem(401, "unauthorized", "The API key is unknown or revoked");
        }
        if (key.role() == Role.BROWSER) {
            BrowserKeys.authorize(route.browser, key, ctx, route.method.name() + " " + route.path);
            if (rates != null) {
                rates.chargeBrowser(key.id(), address, key.browser().requestsPerAddressPerSecond());
            }
            ctx.attribute(KEY_ATTRIBUTE, key);
            return;
        }
        if (rates != null) {
            rates.chargeKey(key.id());
        }
        if (inUrl && key.role() != Role.INGEST) {
            // A URL ends up in access logs, proxies and browser history: only a key that can do
            // no more than send events may travel there.
            throw new ApiProblem(401, "key_in_url", "A key with role '" + key.role().jsonName()
                    + "' is not accepted as ?key=, which logs keep; send it as 'Authorization: Bearer <key>'"
                    + " (and consider revoking it, as it has been in a URL). Only ingest and browser keys may go in"
                    + " ?key=.");
        }
        if (!key.role().allows(route.access.role())) {
            throw new ApiProblem(403, "forbidden", "A key with role '" + key.role().jsonName()
                    + "' may not call " + route.method.name() + " " + route.path + "; it needs role '"
                    + route.access.role().jsonName() + "'");
        }
        ctx.attribute(KEY_ATTRIBUTE, key);
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    /** CORS headers for a request from a web page (browsers send Origin); none for servers' requests. */
    private static void corsHeaders(Context ctx, String method) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Methods", method + ", OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "86400");
    }

    static void answerError(Context ctx, Exception e) {
        HttpException jettyRefusal = jettyRefusal(e);
        if (jettyRefusal != null) {
            // Jetty refused the request while the handler read it: the body came slower than
            // ClientLimits.MIN_REQUEST_BYTES_PER_SECOND (408), or was malformed.
            int status = jettyRefusal.getCode();
            ApiJson.write(ctx, status, error(status == 408 ? "request_too_slow" : "bad_request",
                    "The request was refused while its body was read: " + jettyRefusal.getReason(), List.of()));
        } else if (e instanceof RequestRates.Exceeded limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            ApiJson.write(ctx, 429, error("rate_limited", limited.getMessage(), limited.details()));
        } else if (e instanceof ApiProblem problem) {
            ApiJson.write(ctx, problem.status(), error(problem.code(), problem.getMessage(), List.of()));
        } else if (e instanceof InvalidInputException invalid) {
            int status = invalid.code().equals("batch_too_large") ? 413 : 400;
            ApiJson.write(ctx, status, error(invalid.code(), invalid.getMessage(), invalid.problems()));
        } else if (e instanceof NotFoundException notFound) {
            ApiJson.write(ctx, 404, error(notFound.code(), notFound.getMessage(), List.of()));
        } else if (e instanceof ConflictException conflict) {
            ApiJson.write(ctx, 409, error(conflict.code(), conflict.getMessage(), conflict.reasons()));
        } else if (e instanceof org.attune.core.storage.failure.StorageException storage) {
            LOG.error("storage failed", storage);
            ctx.header("Retry-After", "5");
            ApiJson.write(ctx, 503, error("storage_unavailable", "Storage failed: " + storage.getMessage()
                    + "; nothing of this request was stored, retry it", List.of()));
        } else if (e instanceof io.javalin.http.HttpResponseException refused) {
            // Javalin's own refusals, such as a body over FORM_BODY_BYTES: the sender's doing.
            ApiJson.write(ctx, refused.getStatus(), error(refused.getStatus() == 413 ? "body_too_large"
                    : "bad_request", refused.getMessage(), List.of()));
        } else if (e instanceof StorageUnavailableException unavailable) {
            LOG.error("storage unavailable", unavailable);
            ctx.header("Retry-After", "5");
            ApiJson.write(ctx, 503, error("storage_unavailable", unavailable.getMessage()
                    + "; nothing of this request was stored, retry it", List.of()));
        } else {
            String errorId = UUID.randomUUID().toString();
            LOG.error("unexpected error {} on {} {}", errorId, ctx.method(), ctx.path(), e);
            ApiJson.write(ctx, 500, error("internal_error", "Unexpected server error; reference " + errorId,
                    List.of()));
        }
    }

    /** Jetty's own 4xx answer somewhere in the causes, or null. */
    private static HttpException jettyRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException refusal && refusal.getCode() >= 400 && refusal.getCode() < 500) {
                return refusal;
            }
        }
        return null;
    }

    static Map<String, Object> error(String code, String message, List<?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        // A last guard: a message that quotes input whole would make the answer as large as the request.
        body.put("message", Echo.message(message));
        body.put("details", details);
        return body;
    }

    /** Error details for per-record rejections: index, id and the problems of each record. */
    static List<Map<String, Object>> recordDetails(List<RecordRejection> rejected) {
        return rejected.stream().map(r -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("index", r.index());
            if (r.id() != null) {
                detail.put("id", r.id());
            }
            detail.put("problems", r.problems());
            return detail;
        }).toList();
    }

    /**
     * Answers a batch request (events, products): 200 with the counts and each rejected
     * record, or 400 with {@code code} and the rejections as details when not one record
     * could be used.
     *
     * @param counts the counts to report, in order (e.g. received, accepted, duplicates)
     * @param usable how many records were stored or recognised as already stored
     */
    static void answerBatch(Context ctx, String code, String noun, Map<String, Object> counts, int usable,
                            List<RecordRejection> rejected) {
        Map<String, Object> response = new LinkedHashMap<>();
        boolean nothingUsable = usable == 0 && !rejected.isEmpty();
        if (nothingUsable) {
            response.put("code", code);
            response.put("message", "None of the " + (usable + rejected.size()) + " " + noun + " could be accepted");
        }
        response.putAll(counts);
        List<Map<String, Object>> details = recordDetails(rejected);
        response.put("rejected", details);
        if (nothingUsable) {
            response.put("details", details);
        }
        ApiJson.write(ctx, nothingUsable ? 400 : 200, response);
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
