package org.attune.server.http;

import io.javalin.http.Context;
import org.attune.core.event.EventPermit;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.validation.Echo;
import org.attune.core.validation.Problem;

/**
 * What a browser key may do, checked where a page's request arrives: only routes marked
 * {@link ApiRoute#browser()}, only with an {@code Origin} header of one of its origins (which
 * browsers set and pages cannot change), and, in the handlers, only its catalogs and
 * placements. A script outside a browser can send any Origin: the origins keep other sites'
 * pages from using a key, the rates and the narrow rights bound what anyone else can do with it.
 */
final class BrowserKeys {
    private BrowserKeys() {
    }

    /** Refuses a browser key on a route not for pages, or from a page of another origin (403). */
    static void authorize(boolean routeAllows, ApiKey key, Context ctx, String route) {
        if (!routeAllows) {
            throw new ApiProblem(403, "forbidden", "A browser key may only send events and ask for decisions and"
                    + " re-ranks, not call " + route);
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            throw new ApiProblem(403, "origin_required", "A browser key works only in web pages of its origins,"
                    + " and this request has no Origin header; servers use a key of role 'read' or 'ingest'");
        }
        if (!key.browser().allowsOrigin(origin)) {
            throw new ApiProblem(403, "origin_not_allowed", "This browser key is not for pages of '"
                    + Echo.of(origin) + "'; add the origin to the key's origins (a new key) or use the site's key");
        }
    }

    /**
     * Whether a CORS preflight names, in {@code ?key=}, a browser key that is not for the page's
     * origin: the answer then has no CORS headers, so the browser never sends the request.
     */
    static boolean refusesPreflight(ApiKeys keys, Context ctx) {
        String secret = ctx.queryParam("key");
        ApiKey key = secret == null ? null : keys.authenticate(secret).orElse(null);
        return key != null && key.role() == Role.BROWSER && !key.browser().allowsOrigin(ctx.header("Origin"));
    }

    /** The browser access of the request's key, or null when it came with a key of another role. */
    static BrowserAccess of(Context ctx) {
        ApiKey key = ctx.attribute(ApiServer.KEY_ATTRIBUTE);
        return key == null || key.role() != Role.BROWSER ? null : key.browser();
    }

    /** Refuses (403 {@code catalog_not_allowed}) a catalog the request's browser key is not for. */
    static void checkCatalog(Context ctx, String catalog) {
        BrowserAccess access = of(ctx);
        if (access != null && catalog != null && !access.allowsCatalog(catalog)) {
            throw new ApiProblem(403, "catalog_not_allowed", "This browser key is not for catalog '"
                    + Echo.of(catalog) + "'");
        }
    }

    /** Refuses (403 {@code placement_not_allowed}) a placement the request's browser key may not ask for. */
    static void checkPlacement(Context ctx, String placement) {
        BrowserAccess access = of(ctx);
        if (access != null && !access.allowsPlacement(placement)) {
            throw new ApiProblem(403, "placement_not_allowed", "This browser key may not ask for placement '"
                    + Echo.of(placement) + "'");
        }
    }

    /** The events the request's key may send: a browser key's only for its catalogs (or none named). */
    static EventPermit events(Context ctx) {
        BrowserAccess access = of(ctx);
        if (access == null) {
            return EventPermit.ANY;
        }
        return event -> event.catalog() == null || access.allowsCatalog(event.catalog()) ? null
                : new Problem("catalog", "catalog_not_allowed", "this browser key is not for catalog '"
                        + Echo.of(event.catalog()) + "'");
    }
}
