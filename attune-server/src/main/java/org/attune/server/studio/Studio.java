package org.attune.server.studio;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.attune.core.security.Account;
import org.attune.core.security.Accounts;
import org.attune.core.security.Role;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;
import org.attune.server.http.ApiServer;
import org.attune.server.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's routes: sign-in and sign-out, its assets (htmx, Chart.js, its own style and
 * script), and the pages, each behind {@link #signedIn}: a session cookie for an editor or
 * admin, and on every change (any method but GET) the session's CSRF token as the form field
 * {@code _csrf} or the header {@code X-CSRF-Token}. Pages answer HTML; a refused change shows
 * its reasons on the page, with the status the API would give.
 */
public final class Studio {
    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);
    /**
     * Passwords checked at the same time: half the cores (at least one), so that a flood of
     * sign-ins, each about 150 ms of one core, leaves the rest for serving. An attempt beyond
     * them is answered 503 at once rather than queued.
     */
    static final int PASSWORD_CHECKS_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final String LOGIN_COOKIE = "attune_login";
    private static final String HTML = "text/html; charset=utf-8";

    private final StudioSessions sessions;
    private final StudioPages pages;
    private final SignIn signIn;
    private final List<StudioPage> studioPages;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final Map<String, Asset> assets;
    private final SignInThrottle throttle = new SignInThrottle();
    private final Semaphore passwordChecks = new Semaphore(PASSWORD_CHECKS_AT_ONCE);

    /** A page handler for a signed-in person. */
    @FunctionalInterface
    interface PageHandler {
        void handle(Context ctx, StudioSessions.Session session) throws Exception;
    }

    private record Asset(String resource, String contentType) {
    }

    /**
     * @param clientAddress how a sign-in's client address is read (the socket's unless
     *     proxies are trusted), which its throttle counts against
     */
    public Studio(StudioSessions sessions, SignIn signIn, ClientAddress clientAddress, StudioPages pages,
                  Clock clock, List<StudioPage> studioPages) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.clientAddress = clientAddress;
        this.studioPages = List.copyOf(studioPages);
        this.pages = pages;
        this.clock = clock;
        this.assets = Map.of(
                "htmx.min.js", new Asset(webjar("htmx.org", "dist/htmx.min.js"), "text/javascript"),
                "chart.umd.min.js", new Asset(webjar("chart.js", "dist/chart.umd.min.js"), "text/javascript"),
                "studio.css", new Asset("/studio/studio.css", "text/css"),
                "studio.js", new Asset("/studio/studio.js", "text/javascript"),
                "charts.js", new Asset("/studio/charts.js", "text/javascript"));
    }

    /** The studio's routes, documented like the API's. */
    public List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>(List.of(
                ApiRoute.get("/studio/login").access(Access.PUBLIC).tag("Studio")
                        .summary("The studio's sign-in page")
                        .description("Name and password of an editor or admin account (see /v1/accounts). Someone"
                                + " signed in already is sent on to the studio.")
                        .queryParam("next", "string", "A studio page to go to after signing in")
                        .textResponse(200, "The page", HTML)
                        .handle(this::loginPage),
                ApiRoute.post("/studio/login").access(Access.PUBLIC).tag("Studio")
                        .summary("Signs in to the studio")
                        .description("Form fields name, password, _login (the token the sign-in page set in its"
                                + " cookie) and next. Success starts a session (cookie attune_studio: HttpOnly,"
                                + " SameSite=Strict, Secure unless served over plain HTTP to a non-loopback host)"
                                + " and redirects. Failed attempts slow down their client address: after "
                                + SignInThrottle.FREE_FAILURES_PER_NAME + " for one name, or "
                                + SignInThrottle.FREE_FAILURES_PER_ADDRESS + " for any names, each further"
                                + " attempt waits " + SignInThrottle.FIRST_DELAY.toSeconds() + " s, doubling up to "
                                + SignInThrottle.LONGEST_DELAY.toMinutes() + " minutes; failures are forgotten "
                                + SignInThrottle.FORGET_AFTER.toMinutes() + " minutes after the last. Other"
                                + " addresses are not slowed: a name is never locked out from everywhere. The"
                                + " client address is the connection's (see docs/api.md for proxies). A name"
                                + " that no account could have (over " + Accounts.MAX_NAME_LENGTH + " characters,"
                                + " say) fails without a password check.")
                        .textResponse(303, "Signed in; on to the studio", HTML)
                        .textResponse(401, "Wrong name or password: the page again, with the error", HTML)
                        .textResponse(403, "The sign-in form was not the one this browser was given", HTML)
                        .textResponse(429, "Too many failed attempts from this address; Retry-After says when"
                                + " to try again", HTML)
                        .textResponse(503, "Busy checking other passwords (at most " + PASSWORD_CHECKS_AT_ONCE
                                + " at once); Retry-After: 1", HTML)
                        .handle(this::login),
                ApiRoute.post("/studio/logout").access(Access.STUDIO).tag("Studio")
                        .summary("Signs out of the studio")
                        .textResponse(303, "Signed out; on to the sign-in page", HTML)
                        .handle(signedIn(this::logout)),
                ApiRoute.get("/studio/assets/{name}").access(Access.PUBLIC).tag("Studio")
                        .summary("The studio's scripts and style: htmx.min.js, chart.umd.min.js, studio.css,"
                                + " studio.js, charts.js")
                        .pathParam("name", "The file")
                        .textResponse(200, "The file", "text/javascript")
                        .textResponse(404, "No such file", HTML)
                        .handle(this::asset)));
        for (StudioPage page : studioPages) {
            routes.addAll(page.routes(this));
        }
        return routes;
    }

    /**
     * Wraps a page: without a live session a GET goes to the sign-in page and anything else
     * answers 401; a change without the session's CSRF token answers 403. Refusals from the
     * services (bad input, conflicts, unknown things) become an error page with their reasons.
     * The answer's {@code Server-Timing} header gives the time the page took on the server, in
     * milliseconds (shown by the browser's developer tools; read by {@code attune-bench studio}).
     */
    Handler signedIn(PageHandler handler) {
        return ctx -> {
            securityHeaders(ctx);
            Optional<StudioSessions.Session> found = sessions.find(ctx.cookie(StudioSessions.COOKIE));
            if (found.isEmpty() || !found.get().role().allows(Role.EDITOR)) {
                if (ctx.cookie(StudioSessions.COOKIE) != null) {
                    // ended (expired, or its account disabled or re-passworded): the cookie is of no more use
                    ctx.removeCookie(StudioSessions.COOKIE, "/studio");
                }
                if (ctx.method().name().equals("GET")) {
                    String wanted = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
                    ctx.redirect("/studio/login?next=" + encode(wanted),
                            io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    ctx.header("HX-Redirect", "/studio/login");
                    error(ctx, null, 401, "Your session has ended", List.of("Sign in again."));
                }
                return;
            }
            StudioSessions.Session session = found.get();
            if (!ctx.method().name().equals("GET")) {
                String token = ctx.header("X-CSRF-Token");
                if (token == null) {
                    try {
                        token = ctx.formParam("_csrf");
                    } catch (HttpResponseException e) {
                        formRefused(ctx, session, e);
                        return;
                    }
                }
                if (!session.csrfMatches(token)) {
                    error(ctx, session, 403, "This form has expired", List.of("Reload the page and try again."));
                    return;
                }
            }
            long started = System.nanoTime();
            try {
                handler.handle(ctx, session);
            } catch (InvalidInputException e) {
                error(ctx, session, 400, e.getMessage(), e.problems().stream()
                        .map(p -> p.path() + ": " + p.message()).toList());
            } catch (ConflictException e) {
                error(ctx, session, 409, e.getMessage(), e.reasons());
            } catch (NotFoundException e) {
                error(ctx, session, 404, e.getMessage(), List.of());
            } catch (HttpResponseException e) {
                formRefused(ctx, session, e);
            } catch (RuntimeException e) {
                String reference = UUID.randomUUID().toString();
                LOG.error("studio error {} on {} {}", reference, ctx.method(), ctx.path(), e);
                error(ctx, session, 500, "Something went wrong on the server", List.of("Reference " + reference));
            }
            ctx.header("Server-Timing", String.format(Locale.ROOT, "page;dur=%.1f",
                    (System.nanoTime() - started) / 1e6));
        };
    }

    /**
     * Sends the browser on (303) to a studio page that shows what was just done as its notice
     * (the page's {@code done} parameter).
     */
    static void redirectDone(Context ctx, String path, String message) {
        ctx.redirect(path + "?done=" + encode(message), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Text as a path segment or a query value of a studio address (a space as %20, which both read). */
    /** The address the browser reached the server at, for examples and snippets to paste. */
    static String serverUrl(Context ctx) {
        String url = ctx.url();
        return url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Answers a whole page with status 200. */
    void html(Context ctx, String body) {
        html(ctx, 200, body);
    }

    /** Answers a page with another status (400 for a form shown again with its problems, say). */
    void html(Context ctx, int status, String body) {
        ctx.status(status).contentType(HTML).result(body);
    }

    StudioPages pages() {
        return pages;
    }

    /**
     * Answers a request whose form Javalin would not read: 413 with a page when it is larger
     * than {@link ApiServer#FORM_BODY_BYTES}. It is the sender's doing, so nothing is logged.
     */
    private void formRefused(Context ctx, StudioSessions.Session session, HttpResponseException refusal) {
        if (refusal.getStatus() == 413) {
            error(ctx, session, 413, "The form is too large", List.of("A studio form may send at most "
                    + String.format(Locale.ROOT, "%,d", ApiServer.FORM_BODY_BYTES) + " bytes."));
        } else {
            error(ctx, session, refusal.getStatus(), refusal.getMessage(), List.of());
        }
    }

    void error(Context ctx, StudioSessions.Session session, int status, String message,
                       List<String> details) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        model.put("message", message);
        model.put("details", details);
        String body = ctx.header("HX-Request") != null ? pages.fragment("error", model)
                : pages.page("error", "Error", ctx.path(), session, model);
        ctx.status(status).contentType(HTML).result(body);
    }

    private void loginPage(Context ctx) {
        securityHeaders(ctx);
        if (sessions.find(ctx.cookie(StudioSessions.COOKIE)).isPresent()) {
            ctx.redirect(next(ctx.queryParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        showLogin(ctx, 200, "", null);
    }

    private void showLogin(Context ctx, int status, String name, String problem) {
        String token = sessions.token();
        ctx.cookie(cookie(ctx, LOGIN_COOKIE, token, "/studio/login", 1800));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("loginToken", token);
        model.put("name", name);
        model.put("next", next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        if (problem != null) {
            model.put("problem", problem);
        }
        if (!secure(ctx)) {
            model.put("plainHttp", true);
        }
        ctx.status(status).contentType(HTML).result(pages.page("login", "Sign in", ctx.path(), null, model));
    }

    private void login(Context ctx) {
        securityHeaders(ctx);
        try {
            signInWithForm(ctx);
        } catch (HttpResponseException e) {
            formRefused(ctx, null, e);
        }
    }

    private void signInWithForm(Context ctx) {
        String expected = ctx.cookie(LOGIN_COOKIE);
        String given = ctx.formParam("_login");
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            showLogin(ctx, 403, "", "This sign-in form has expired; please try again.");
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").trim();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        // A name no account could have is wrong without a look, and its text (any length) is never kept.
        String possibleName = Accounts.isPossibleName(name) ? name : null;
        String shownName = possibleName == null ? "" : name;
        String address = clientAddress.of(ctx);
        // Passwords count Unicode characters, each at most two chars: longer ones are not worth a hash.
        boolean worthACheck = possibleName != null && !password.isEmpty()
                && password.length() <= 2 * Accounts.MAX_PASSWORD_LENGTH;
        // A free core is taken before the attempt is counted, so that every attempt counted is one
        // whose password is checked: one turned away here (503) is no attempt at all.
        if (worthACheck && !passwordChecks.tryAcquire()) {
            ctx.header("Retry-After", "1");
            showLogin(ctx, 503, shownName, "The server is busy checking other sign-ins; try again in a second.");
            return;
        }
        Optional<Account> account;
        try {
            // Counted as a failure before the password is checked, so parallel guesses see each other.
            Duration wait = throttle.admit(address, possibleName, clock.instant());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                showLogin(ctx, 429, shownName, "Too many failed attempts from here; try again in " + seconds
                        + (seconds == 1 ? " second." : " seconds."));
                return;
            }
            if (!worthACheck) {
                showLogin(ctx, 401, shownName, "Wrong name or password.");
                return;
            }
            account = signIn.check(name, password.toCharArray());
        } finally {
            if (worthACheck) {
                passwordChecks.release();
            }
        }
        if (account.isEmpty() || !account.get().role().allows(Role.EDITOR)) {
            showLogin(ctx, 401, shownName, "Wrong name or password.");
            return;
        }
        throttle.succeeded(address, possibleName);
        StudioSessions.Session session = sessions.open(account.get());
        ctx.cookie(cookie(ctx, StudioSessions.COOKIE, session.id(), "/studio", -1));
        ctx.removeCookie(LOGIN_COOKIE, "/studio/login");
        ctx.redirect(next(ctx.formParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx, StudioSessions.Session session) {
        sessions.close(session.id());
        ctx.removeCookie(StudioSessions.COOKIE, "/studio");
        ctx.redirect("/studio/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        InputStream in = asset == null ? null : Studio.class.getResourceAsStream(asset.resource);
        if (in == null) {
            ctx.status(404).contentType(HTML).result("No such studio file");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType + "; charset=utf-8").result(in);
    }

    /** Only a studio path of this server: never a redirect elsewhere. */
    private static String next(String requested) {
        if (requested == null || !requested.startsWith("/studio") || requested.startsWith("/studio/login")
                || requested.contains("//") || requested.contains("\\")) {
            return "/studio";
        }
        return requested;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http:;"
                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private static Cookie cookie(Context ctx, String name, String value, String path, int maxAgeSeconds) {
        return new Cookie(name, value, path, maxAgeSeconds, secure(ctx), true, null, SameSite.STRICT);
    }

    /**
     * Whether the browser reached us over HTTPS (directly or through a proxy that says so), or
     * on a loopback host, where browsers keep Secure cookies over plain HTTP too.
     */
    static boolean secure(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))) {
            return true;
        }
        String host = URI.create(ctx.fullUrl()).getHost();
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        boolean literal = Character.isDigit(host.charAt(0)) || host.startsWith("[");
        try {
            // an address literal is parsed, never looked up
            return literal && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String webjar(String artifact, String file) {
        String properties = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Studio.class.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is not on the class path");
            }
            Properties pom = new Properties();
            pom.load(in);
            return "/META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
