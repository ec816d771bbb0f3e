package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attune.core.event.EventLimits;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.snapshot.SnapshotPolicy;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;
import org.attune.server.http.ClientLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker at the studio's sign-in meets, through HTTP on a real server: guesses slow
 * down their own address (not the real person at another one), parallel guesses cannot get
 * past the free failures, names of any length are cheap and leave nothing behind, and a
 * session ends at once when its account is disabled or gets a new password. Time passes only
 * when the test moves the server's clock. A second client address is 127.0.0.2: a socket
 * bound to it reaches the server on 127.0.0.1 over the loopback interface.
 */
class StudioSignInLimitsTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final InetAddress OTHER_ADDRESS = address("127.0.0.2");

    @TempDir
    Path dataDir;
    RunningServer server;
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String loginCookie;
    String loginToken;

    @BeforeEach
    void start() throws Exception {
        start(List.of());
        for (String name : new String[] {"mira", "jonas"}) {
            server.admin.sendOrFail("POST", "/v1/accounts", "application/json",
                    ("{\"name\": \"" + name + "\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private void start(List<String> trustedProxies) throws Exception {
        server = RunningServer.start(new ServerSettings(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY, null,
                EventLimits.DEFAULTS, clock, ProfileSettings.DEFAULTS, PersonalizationSettings.DEFAULTS,
                ClientLimits.DEFAULTS, trustedProxies, SnapshotPolicy.DEFAULTS,
                ServerSettings.DEFAULT_DECISION_LOG_RETENTION));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        loginCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        loginToken = page.body().replaceAll("(?s).*name=\"_login\" value=\"([^\"]+)\".*", "$1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void guessesFromOneAddressSlowItDownButLeaveTheRealPersonFreeElsewhere() throws Exception {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            assertThat(signInFromOtherAddress("mira", "wrong-password-" + i).status).isEqualTo(401);
        }
        Answer slowed = signInFromOtherAddress("mira", PASSWORD);
        assertThat(slowed.status).as("even the right password waits its turn").isEqualTo(429);
        assertThat(slowed.headers).containsIgnoringCase("Retry-After: 1\r\n");
        assertThat(slowed.body).contains("Too many failed attempts from here; try again in 1 second.");

        assertThat(signIn("mira", PASSWORD).statusCode()).as("mira at her own address is not locked out")
                .isEqualTo(303);

        clock.advance(Duration.ofSeconds(1));
        assertThat(signInFromOtherAddress("mira", "wrong-password-again").status).isEqualTo(401);
        Answer doubled = signInFromOtherAddress("mira", PASSWORD);
        assertThat(doubled.status).isEqualTo(429);
        assertThat(doubled.headers).as("the wait doubles").containsIgnoringCase("Retry-After: 2\r\n");
        clock.advance(Duration.ofSeconds(2));
        assertThat(signInFromOtherAddress("mira", PASSWORD).status).as("after the wait").isEqualTo(303);
    }

    @Test
    void parallelWrongGuessesAreNotAllCheckedBeforeTheLimitApplies() throws Exception {
        int guesses = 40;
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            // Waves until the name is slowed down: those the busy checks turned away (503) try again.
            for (int wave = 0; wave < 20 && !statuses.contains(429); wave++) {
                List<Callable<Integer>> attempts = new ArrayList<>();
                for (int i = 0; i < guesses; i++) {
                    String password = "wrong-password-" + wave + "-" + i;
                    attempts.add(() -> signIn("mira", password).statusCode());
                }
                for (Future<Integer> status : pool.invokeAll(attempts)) {
                    statuses.add(status.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).as("the others wait (429) or find the checks busy (503)")
                .allMatch(status -> status == 401 || status == 429 || status == 503).contains(429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("passwords checked")
                .isEqualTo(SignInThrottle.FREE_FAILURES_PER_NAME);
        assertThat(signIn("mira", PASSWORD).statusCode()).as("no time has passed on the server").isEqualTo(429);
    }

    @Test
    void namesOfAnyLengthCostNoPasswordCheckAndCountForTheAddress() throws Exception {
        String huge = "n".repeat(200_000);
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            // A forwarded-for header of the client's own writing changes nothing unless its proxy is trusted.
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .POST(HttpRequest.BodyPublishers.ofString(formBody(huge + i, PASSWORD))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).as("the name is not shown again").doesNotContain("nnnnnnnnnn");
        }
        HttpResponse<String> slowed = signIn(huge + "last", PASSWORD);
        assertThat(slowed.statusCode()).as("unique names are all failures of one address").isEqualTo(429);
        assertThat(signIn("mira", PASSWORD).statusCode()).as("so is any name from there").isEqualTo(429);
        assertThat(signInFromOtherAddress("mira", PASSWORD).status).isEqualTo(303);
    }

    @Test
    void behindATrustedProxyEachForwardedClientCountsOnItsOwn() throws Exception {
        server.close();
        start(List.of(OTHER_ADDRESS.getHostAddress()));
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_NAME; i++) {
            assertThat(signInFrom(OTHER_ADDRESS, "198.51.100.1", "mira", "wrong-password-" + i).status)
                    .isEqualTo(401);
        }
        assertThat(signInFrom(OTHER_ADDRESS, "198.51.100.1", "mira", PASSWORD).status).isEqualTo(429);
        assertThat(signInFrom(OTHER_ADDRESS, "198.51.100.1, 198.51.100.2", "mira", PASSWORD).status)
                .as("the proxy appends the address it saw; what the client wrote before it is not believed")
                .isEqualTo(303);
        assertThat(signInFrom(OTHER_ADDRESS, null, "mira", PASSWORD).status).as("the proxy itself").isEqualTo(303);
        assertThat(signInFrom(address("127.0.0.1"), "198.51.100.2", "mira", "wrong-password").status)
                .isEqualTo(401);
        assertThat(signInFrom(address("127.0.0.1"), "198.51.100.1", "mira", PASSWORD).status)
                .as("a header from a connection that is not a trusted proxy is ignored").isEqualTo(303);
    }

    @Test
    void disablingAnAccountOrGivingItANewPasswordEndsItsOpenSessionsAtOnce() throws Exception {
        String mira = sessionCookie(signIn("mira", PASSWORD));
        String jonas = sessionCookie(signIn("jonas", PASSWORD));
        String miraCsrf = csrf(mira);
        assertThat(csrf(jonas)).isNotEmpty();

        server.admin.sendOrFail("POST", "/v1/accounts/mira/disable", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/studio", mira).statusCode()).as("sent to sign in").isEqualTo(303);
        HttpResponse<String> change = http.send(form("/studio/setup", mira, "_csrf=" + miraCsrf
                + "&catalog=shop&kind=affinity"), HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(change.body()).contains("Your session has ended");

        server.admin.sendOrFail("PUT", "/v1/accounts/jonas/password", "application/json",
                "{\"password\": \"a brand new secret\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/studio", jonas).statusCode()).isEqualTo(303);
        String again = sessionCookie(signIn("jonas", "a brand new secret"));
        assertThat(get("/studio", again).statusCode()).as("a session with the new password").isEqualTo(200);
        assertThat(get("/studio", jonas).statusCode()).as("the old session stays ended").isEqualTo(303);
    }

    @Test
    void aNewSessionBeyondTheAccountsLimitEndsItsOldest() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i <= StudioSessions.MAX_PER_ACCOUNT; i++) {
            sessions.add(sessionCookie(signIn("mira", PASSWORD)));
        }
        assertThat(get("/studio", sessions.get(0)).statusCode()).as("the oldest ended").isEqualTo(303);
        for (String kept : sessions.subList(1, sessions.size())) {
            assertThat(get("/studio", kept).statusCode()).isEqualTo(200);
        }
        assertThat(get("/studio", sessionCookie(signIn("jonas", PASSWORD))).statusCode())
                .as("another account's are its own").isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentStatesTheLimitsAndWhenSessionsEnd() throws Exception {
        com.fasterxml.jackson.databind.JsonNode paths = server.client(null).get("/openapi.json").body()
                .path("paths");
        com.fasterxml.jackson.databind.JsonNode login = paths.path("/studio/login").path("post");
        assertThat(login.path("description").asText()).contains("after 5 for one name, or 20 for any names",
                "waits 1 s, doubling up to 15 minutes", "never locked out from everywhere");
        assertThat(login.path("responses").has("429")).isTrue();
        assertThat(login.path("responses").has("503")).isTrue();
        assertThat(paths.path("/v1/accounts/{name}/disable").path("post").path("description").asText())
                .contains("open studio sessions end");
        assertThat(paths.path("/v1/accounts/{name}/password").path("put").path("description").asText())
                .contains("open studio sessions");
    }

    private HttpResponse<String> signIn(String name, String password) throws Exception {
        return http.send(form("/studio/login", loginCookie, formBody(name, password)),
                HttpResponse.BodyHandlers.ofString());
    }

    private String formBody(String name, String password) {
        return "_login=" + loginToken + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(String session) throws Exception {
        HttpResponse<String> page = get("/studio", session);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    }

    private static String sessionCookie(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).as("signed in").isEqualTo(303);
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(StudioSessions.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
    }

    private HttpRequest form(String path, String cookie, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A sign-in from 127.0.0.2, written by hand: java.net.http cannot choose its source address. */
    private Answer signInFromOtherAddress(String name, String password) throws Exception {
        return signInFrom(OTHER_ADDRESS, null, name, password);
    }

    /** A sign-in from a local address of the test's choice, with an X-Forwarded-For header unless null. */
    private Answer signInFrom(InetAddress from, String forwardedFor, String name, String password) throws Exception {
        URI base = URI.create(server.url());
        byte[] body = formBody(name, password).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /studio/login HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nCookie: " + loginCookie
                    + (forwardedFor == null ? "" : "\r\nX-Forwarded-For: " + forwardedFor)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            String answer = read.toString(StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, headersEnd + 2),
                    answer.substring(headersEnd + 4));
        }
    }

    private record Answer(int status, String headers, String body) {
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
