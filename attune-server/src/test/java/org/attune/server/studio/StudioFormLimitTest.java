package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A studio form over the size limit is refused with 413 and a page, not a server error. */
class StudioFormLimitTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String TWO_MEGABYTES = "x".repeat(2 * 1024 * 1024);

    @TempDir
    Path dataDir;
    RunningServer server;
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        server.admin.sendOrFail("POST", "/v1/accounts", "application/json",
                ("{\"name\": \"mira\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stop() {
        root().detachAppender(log);
        server.close();
    }

    @Test
    void anOversizedSignInFormIsRefusedWith413() throws Exception {
        HttpResponse<String> answer = http.send(form("/studio/login", "", "_login=x&name=mira&password="
                + TWO_MEGABYTES), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("too large");
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void anOversizedFormFromASignedInPersonIsRefusedWith413() throws Exception {
        String session = signIn();
        HttpResponse<String> studio = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = studio.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> answer = http.send(form("/studio/setup", session, "_csrf=" + csrf
                + "&catalog=shop&kind=affinity&padding=" + TWO_MEGABYTES), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("too large");
        assertThat(errorsLogged()).isEmpty();
        assertThat(http.send(form("/studio/setup", session, "_csrf=" + csrf + "&kind=affinity"),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("a form of ordinary size still works")
                .isEqualTo(400);
    }

    private String signIn() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String loginCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String loginToken = page.body().replaceAll("(?s).*name=\"_login\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> signedIn = http.send(form("/studio/login", loginCookie, "_login=" + loginToken
                + "&name=mira&password=" + PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(StudioSessions.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
    }

    private HttpRequest form(String path, String cookie, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return request.build();
    }

    /** Errors and stack traces logged: none for a refusal that is the sender's doing (a warning line may be). */
    private java.util.List<String> errorsLogged() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
