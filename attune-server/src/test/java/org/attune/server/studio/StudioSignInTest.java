package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.attune.server.Browser;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/** Signing in to the studio, in a real browser against a real server. */
class StudioSignInTest {
    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    Path dataDir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        server.admin.sendOrFail("POST", "/v1/accounts", "application/json",
                ("{\"name\": \"mira\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json", """
                {"id": "shop", "name": "Outdoor shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"},
                  {"name": "brand", "type": "string", "role": "brand"}]}}""".getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", """
                {"id": "tent-1", "title": "Tent", "brand": "Nordpeak"}
                {"id": "stove-1", "title": "Stove", "brand": "Alva"}
                """.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPersonSignsInSeesTheCatalogsAndSignsOut() throws Exception {
        try (Browser browser = new Browser(server.url(), 1280, 900)) {
            browser.open("/studio");
            assertThat(browser.path()).as("not signed in: sent to sign in").isEqualTo("/studio/login");

            browser.type("name", "mira").type("password", "wrong-password-1");
            browser.find("form[action='/studio/login'] button[type=submit]").click();
            assertThat(browser.find("#signin-problem").getText()).isEqualTo("Wrong name or password.");
            assertThat(browser.find("#name").getAttribute("value")).as("the name is kept").isEqualTo("mira");

            browser.type("password", PASSWORD);
            browser.find("form[action='/studio/login'] button[type=submit]").click();
            browser.awaitPath("/studio");
            assertThat(browser.find("h1").getText()).isEqualTo("Catalogs");
            assertThat(browser.find("#catalog-shop th").getText()).contains("shop", "Outdoor shop");
            assertThat(browser.find("#catalog-shop td[data-label=Products]").getText()).startsWith("2");
            assertThat(browser.find("#catalog-shop [data-status]").getText()).isEqualTo("not set up");
            assertThat(browser.find(".who").getText()).contains("mira", "editor");

            Cookie session = browser.driver.manage().getCookieNamed(StudioSessions.COOKIE);
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.isSecure()).as("loopback keeps Secure cookies over plain HTTP").isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            browser.screenshot("catalogs");

            browser.find(".signout button").click();
            browser.awaitPath("/studio/login");
            browser.open("/studio");
            assertThat(browser.path()).as("signed out: the session is gone").isEqualTo("/studio/login");
        }
    }

    @Test
    void signingInLeadsBackToThePageAskedFor() throws Exception {
        try (Browser browser = new Browser(server.url(), 1280, 900)) {
            browser.open("/studio/profiles?id=nobody");
            browser.awaitPath("/studio/login");
            browser.type("name", "mira").type("password", PASSWORD);
            browser.find("form[action='/studio/login'] button[type=submit]").click();
            browser.awaitPath("/studio/profiles");
            assertThat(browser.find("#profile-id").getAttribute("value")).isEqualTo("nobody");

            browser.open("/studio/login?next=https://elsewhere.example/");
            assertThat(browser.path()).as("signed in already: on to the studio, never elsewhere")
                    .isEqualTo("/studio");
        }
    }

    @Test
    void thePagesFitAPhoneAndCanBeUsedByKeyboard() throws Exception {
        try (Browser browser = new Browser(server.url(), 390, 844)) {
            browser.open("/studio/login");
            assertThat(browser.overflowsSideways()).isFalse();
            // Keyboard only: the name field has focus; tab to the password, enter submits.
            browser.driver.switchTo().activeElement().sendKeys("mira");
            browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            browser.driver.switchTo().activeElement().sendKeys(PASSWORD, org.openqa.selenium.Keys.ENTER);
            browser.awaitPath("/studio");
            assertThat(browser.find("h1").getText()).isEqualTo("Catalogs");
            assertThat(browser.overflowsSideways()).as("the catalogs table stacks on a phone").isFalse();
            browser.screenshot("catalogs-phone");
        }
    }

    @Test
    void aChangeWithoutTheSessionsTokenIsRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String loginCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String loginToken = page.body().replaceAll("(?s).*name=\"_login\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> forged = http.send(form("/studio/login", "", "_login=forged&name=mira&password="
                + PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a sign-in form this browser was not given").isEqualTo(403);

        HttpResponse<String> signedIn = http.send(form("/studio/login", loginCookie, "_login=" + loginToken
                + "&name=mira&password=" + PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(StudioSessions.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];

        HttpResponse<String> withoutToken = http.send(form("/studio/logout", session, ""),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("This form has expired");
        HttpResponse<String> stillIn = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stillIn.statusCode()).as("the refused sign-out changed nothing").isEqualTo(200);
        assertThat(stillIn.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(stillIn.headers().firstValue("Server-Timing").orElseThrow()).as("the page's time on the server")
                .matches("page;dur=\\d+\\.\\d");

        String csrf = stillIn.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> badKind = http.send(form("/studio/setup", session, "_csrf=" + csrf
                + "&catalog=shop&kind=bogus"), HttpResponse.BodyHandlers.ofString());
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("unknown kind &#x27;bogus&#x27;");
        HttpResponse<String> noCatalog = http.send(form("/studio/setup", session, "_csrf=" + csrf + "&kind=affinity"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noCatalog.statusCode()).isEqualTo(400);
        assertThat(noCatalog.body()).contains("catalog is required");
        com.fasterxml.jackson.databind.JsonNode models = server.admin.get("/v1/models").body().path("models");
        assertThat(models.isArray() && models.isEmpty()).as("nothing was created: %s", models).isTrue();
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
}
