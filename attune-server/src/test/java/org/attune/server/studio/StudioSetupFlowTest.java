package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Setting up a catalog's personalization in the studio, clicked through in a real browser:
 * pick the catalog and a model, review, start, watch it run, read the viability report, act
 * on it with its confirmation, see the runs, deactivate.
 */
class StudioSetupFlowTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak"}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak"}
            {"id":"coat-1","title":"Rain coat","brand":"Alva"}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto"}
            """;
    /** Every criterion green at zero: the thin shop below is viable on such a server. */
    private static final String LENIENT = """
            {"thresholds": {"criteria": {
              "known_products_share": {"recommended": 0, "minimum": 0},
              "own_profile_share": {"recommended": 0, "minimum": 0},
              "event_volume": {"recommended": 0, "minimum": 0},
              "product_count": {"recommended": 0, "minimum": 0},
              "events_per_product": {"recommended": 0, "minimum": 0},
              "products_with_n_interactions_share": {"recommended": 0, "minimum": 0}}}}""";

    @TempDir
    Path dataDir;
    RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startServer(PersonalizationSettings settings) throws Exception {
        server = RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY)
                .withPersonalization(settings));
        send("POST", "/v1/accounts", "application/json",
                "{\"name\": \"mira\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}");
        send("POST", "/v1/catalogs", "application/json", """
                {"id": "shop", "name": "Outdoor shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"},
                  {"name": "brand", "type": "string", "role": "brand"}]}}""");
        send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", PRODUCTS);
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            String at = "\"timestamp\":\"2026-11-" + (18 + p % 3) + "T10:0";
            List<String> viewed = p < 8 ? List.of("boot-1", "boot-2") : List.of("coat-1", "hat-1");
            for (int v = 0; v < viewed.size(); v++) {
                events.append("{\"type\":\"view\",\"anonymousId\":\"s-").append(p).append("\",\"catalog\":\"shop\",")
                        .append("\"itemId\":\"").append(viewed.get(v)).append("\",").append(at).append(v)
                        .append(":00Z\"}\n");
            }
        }
        send("POST", "/v1/events", "application/x-ndjson", events.toString());
    }

    private void send(String method, String path, String type, String body) throws Exception {
        server.admin.sendOrFail(method, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aViableSetupIsReviewedStartedReportedActivatedAndDeactivated() throws Exception {
        ObjectNode lenient = (ObjectNode) Json.MAPPER.readTree(LENIENT);
        startServer(PersonalizationSettings.DEFAULTS.with(lenient));
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.find("#catalog-shop a.set-up").click();
            browser.awaitPath("/studio/setup");
            assertThat(new Select(browser.find("#catalog")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("shop");
            browser.find("input[name=kind][value=co_occurrence]").click();
            assertThat(browser.find("#setup-review").getText()).contains("shop · Outdoor shop", "4 products",
                    "24 events", "co_occurrence", "Nothing is shown to shoppers until you activate");
            browser.screenshot("setup-review");

            browser.find("#start-setup").click();
            browser.awaitPath("/studio/catalogs/shop/personalization");
            awaitText(browser, "#setup-status", "viable");
            assertThat(browser.find("#verdict").getText()).isEqualTo("viable");
            assertThat(browser.all("#viability table.criteria caption")).extracting(e -> e.getText())
                    .containsExactly("Priority 1: catalog readiness (required)",
                            "Priority 2: scale and traffic (required)",
                            "Priority 3: feedback quality (for information)");
            assertThat(browser.all("#viability .light.green")).as("every required criterion green").isNotEmpty();
            assertThat(browser.find("#accuracy").getText()).as("twelve shoppers on three days are too few to hold"
                    + " out").startsWith("Not measured");
            browser.screenshot("viability-report");

            browser.find("#continue").click();
            assertThat(browser.find("#activate-dialog").getText()).contains("retrains it every day");
            browser.find("#activate-dialog button[data-close]").click();
            assertThat(browser.find("#activate-dialog").isDisplayed()).as("cancel closes the dialog").isFalse();
            assertThat(browser.find("#setup-status").getText()).as("and changes nothing").isEqualTo("viable");
            browser.find("#continue").click();
            browser.find("#confirm-activate").click();
            awaitText(browser, "#setup-status", "active");
            assertThat(browser.find("#done").getText()).contains("active");
            assertThat(browser.find("#active").getText()).contains("retrained daily at");
            assertThat(browser.find("#runs tbody tr").getText()).contains("setup", "succeeded");
            browser.scrollTo("#actions");
            browser.screenshot("personalization-active");

            browser.open("/studio");
            assertThat(browser.find("#catalog-shop [data-status]").getText()).isEqualTo("active");
            browser.find("#catalog-shop button[data-dialog]").click();
            browser.find("#deactivate-shop button[type=submit]").click();
            assertThat(browser.find(".notice.ok").getText()).contains("deactivated");
            assertThat(browser.find("#catalog-shop [data-status]").getText()).isEqualTo("deactivated");
        }
    }

    @Test
    void aThinShopIsNotViableAndIsActivatedOnlyAfterSayingItIsNotRecommended() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS);
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/setup?catalog=shop&kind=co_occurrence");
            browser.find("#start-setup").click();
            awaitText(browser, "#setup-status", "not viable");
            assertThat(browser.all("#viability .light.red")).isNotEmpty();
            assertThat(browser.all("#next-steps li")).as("what to do about the red criteria, each step once")
                    .isNotEmpty().extracting(e -> e.getText()).doesNotHaveDuplicates();
            assertThat(browser.all("#continue")).as("no plain continue for a catalog that is not viable").isEmpty();

            browser.find("#continue-anyway").click();
            assertThat(browser.find("#anyway-dialog").getText()).contains("This is not recommended");
            browser.find("#confirm-anyway").click();
            awaitText(browser, "#setup-status", "active");

            browser.find("#deactivate").click();
            browser.find("#confirm-deactivate").click();
            awaitText(browser, "#setup-status", "deactivated");
        }
    }

    @Test
    void theDataDictionaryShowsEachEventTypeWithItsPathsFillRatesAndExamples() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS);
        try (Browser browser = new Browser(server.url(), 1280, 900)) {
            browser.signIn("mira", PASSWORD);
            browser.find("nav a[href='/studio/dictionary']").click();
            browser.awaitPath("/studio/dictionary");
            assertThat(browser.find("#type-view h2").getText()).contains("view", "24 events");
            List<String> itemIds = browser.all("#type-view tbody tr").stream().map(row -> row.getText())
                    .filter(text -> text.startsWith("itemIds")).toList();
            assertThat(itemIds).as("the API stores itemId as itemIds").singleElement().asString().contains("string", "24", "100.0%", "boot-1");
            assertThat(browser.find("nav a[aria-current=page]").getText()).isEqualTo("Data dictionary");
            browser.screenshot("dictionary");
        }
    }

    @Test
    void aPersonIsLookedUpWithIdentitiesEventsAttributesAndAffinities() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS);
        try (Browser browser = new Browser(server.url(), 1280, 900)) {
            browser.signIn("mira", PASSWORD);
            browser.find("nav a[href='/studio/profiles']").click();
            browser.awaitPath("/studio/profiles");
            browser.type("profile-id", "nobody-here");
            browser.find("form.lookup button").click();
            assertThat(browser.find("#unknown").getText()).isEqualTo("Nobody is known by 'nobody-here'.");

            browser.type("profile-id", "s-0");
            browser.find("form.lookup button").click();
            assertThat(browser.find("#identities").getText()).contains("s-0", "none (anonymous)");
            assertThat(browser.all("#events tbody tr")).extracting(row -> row.getText())
                    .containsExactly("2026-11-18T10:01:00Z view shop boot-2", "2026-11-18T10:00:00Z view shop boot-1");
            assertThat(browser.find("#attributes").getText()).contains("view 2", "never bought", "boot-1");
            assertThat(browser.find("#affinities").getText()).contains("brand", "Nordpeak");
            browser.screenshot("profile");
        }
    }

    @Test
    void aPlacementIsPreviewedForTypedEventsAndForANewVisitorWithTheSourceThatAnswered() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS.with(Json.MAPPER.readTree(LENIENT)));
        send("POST", "/v1/catalogs/shop/personalization", "application/json", "{\"kind\": \"co_occurrence\"}");
        String model = awaitSetup("viable").path("modelId").asText();
        send("POST", "/v1/catalogs/shop/personalization/continue", "application/json", "{}");
        send("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        send("PUT", "/v1/catalogs/shop/strategies/for-you", "application/json", "{\"name\": \"For you\","
                + " \"sources\": [{\"type\": \"model\", \"model\": \"" + model + "\"}], \"fallbacks\": [\"popular\"]}");
        send("PUT", "/v1/catalogs/shop/placements/home.for_you", "application/json", "{\"name\": \"Home: for you\","
                + " \"channel\": \"web\", \"items\": 1, \"strategy\": \"for-you\"}");
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/catalogs/shop/personalization");
            browser.find("#preview-link").click();
            browser.awaitPath("/studio/catalogs/shop/preview");
            browser.find("#events").sendKeys("view boot-1");
            browser.find("#preview").click();
            assertThat(browser.find("#source").getText()).isEqualTo("personalized");
            assertThat(browser.find("#items li.item .title").getText()).as("seen with boot-1 by eight shoppers")
                    .isEqualTo("City boot");
            assertThat(browser.find("#items li.item .because").getText()).contains("from boot-1");
            browser.screenshot("preview");

            browser.find("#events").clear();
            browser.find("#preview").click();
            assertThat(browser.find("#source").getText()).as("a new visitor has no history").isEqualTo("fallback");
            assertThat(browser.find("#fallback").getText()).isEqualTo("popular");
            assertThat(browser.all("#items li.item")).hasSize(1);

            browser.find("#events").sendKeys("view");
            browser.find("#preview").click();
            assertThat(browser.find("#error").getText()).contains("line 1", "type product-id");
        }
        assertThat(server.admin.get("/v1/profiles/preview").status()).as("the preview recorded nobody")
                .isEqualTo(404);
    }

    private com.fasterxml.jackson.databind.JsonNode awaitSetup(String status) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        com.fasterxml.jackson.databind.JsonNode setup;
        do {
            setup = server.admin.get("/v1/catalogs/shop/personalization").body();
            if (setup.path("status").asText().equals(status)) {
                return setup;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the setup did not become " + status + ": " + setup);
    }

    /** Waits for the element's text, reloading as a person would while a run goes on (the progress panel reloads too). */
    private static void awaitText(Browser browser, String css, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
