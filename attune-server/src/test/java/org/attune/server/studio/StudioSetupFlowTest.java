package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attune.server.Browser;
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
    @TempDir
    Path dataDir;
    StudioShop shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aViableSetupIsReviewedStartedReportedActivatedAndDeactivated() throws Exception {
        shop = StudioShop.startLenient(dataDir);
        try (Browser browser = new Browser(shop.url(), 1280, 1000)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
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

            browser.clickAndLoad("#run-now");
            assertThat(browser.find("#runs tbody").getText()).as("a run on demand, next to the setup run")
                    .contains("on_demand", "setup");
            browser.until(driver -> {
                browser.open("/studio/catalogs/shop/personalization");
                return browser.all("#runs tbody tr").stream().anyMatch(row -> row.getText().contains("on_demand")
                        && row.getText().contains("succeeded"));
            });
            assertThat(shop.server.admin.get("/v1/models/" + shop.send("GET", "/v1/catalogs/shop/personalization",
                    "application/json", "").path("modelId").asText()).body().path("activeVersion").asInt())
                    .as("the run on demand trained version 2").isEqualTo(2);

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
        shop = StudioShop.start(dataDir);
        try (Browser browser = new Browser(shop.url(), 1280, 1000)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            browser.open("/studio/setup?catalog=shop&kind=co_occurrence");
            browser.find("#start-setup").click();
            awaitText(browser, "#setup-status", "not viable");
            assertThat(browser.all("#viability .light.red")).isNotEmpty();
            assertThat(browser.all("#next-steps li")).as("what to do about the red criteria, each step once")
                    .isNotEmpty().extracting(e -> e.getText()).doesNotHaveDuplicates();
            assertThat(browser.all("#continue")).as("no plain continue for a catalog that is not viable").isEmpty();

            assertThat(browser.find("#setup-line").getText()).contains("Co-occurrence");
            new Select(browser.find("#restart-kind")).selectByValue("trending");
            browser.clickAndLoad("#restart");
            awaitText(browser, "#setup-status", "not viable");
            assertThat(browser.find("#setup-line").getText()).as("restarted with the other model").contains("Trending");

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
    void aSetupThatFailedForWantOfEventsIsRetriedOnceTheyCome() throws Exception {
        shop = StudioShop.startLenient(dataDir);
        shop.send("POST", "/v1/catalogs", "application/json", """
                {"id": "journal", "name": "Trail journal", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"}]}}""");
        shop.send("PUT", "/v1/catalogs/journal/products", "application/x-ndjson", """
                {"id":"post-1","title":"Ridges"}
                {"id":"post-2","title":"Valleys"}
                """);
        try (Browser browser = new Browser(shop.url(), 1280, 1000)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            browser.open("/studio/setup?catalog=journal&kind=co_occurrence");
            browser.find("#start-setup").click();
            awaitText(browser, "#setup-status", "assessment failed");
            assertThat(browser.find("main").getText()).as("why").contains("no events");

            StringBuilder views = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                for (String post : List.of("post-1", "post-2")) {
                    views.append("{\"type\":\"view\",\"anonymousId\":\"r-").append(p)
                            .append("\",\"catalog\":\"journal\",\"itemId\":\"").append(post)
                            .append("\",\"timestamp\":\"2026-11-20T10:0").append(p).append(":00Z\"}\n");
                }
            }
            shop.send("POST", "/v1/events", "application/x-ndjson", views.toString());
            browser.clickAndLoad("#retry");
            awaitText(browser, "#setup-status", "viable");
            assertThat(browser.find("#runs tbody").getText()).contains("retry", "succeeded", "failed");
        }
    }

    @Test
    void theDataDictionaryShowsEachEventTypeWithItsPathsFillRatesAndExamples() throws Exception {
        shop = StudioShop.start(dataDir);
        try (Browser browser = new Browser(shop.url(), 1280, 900)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
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
        shop = StudioShop.start(dataDir);
        try (Browser browser = new Browser(shop.url(), 1280, 900)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
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
        shop = StudioShop.startLenient(dataDir);
        shop.homeForYou(shop.activeCoOccurrence());
        try (Browser browser = new Browser(shop.url(), 1280, 1000)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            browser.open("/studio/catalogs/shop/personalization");
            browser.find("#preview-link").click();
            browser.awaitPath("/studio/catalogs/shop/preview");
            browser.find("#events").sendKeys("view boot-1");
            browser.clickAndLoad("#preview");
            assertThat(browser.find("#source").getText()).isEqualTo("personalized");
            assertThat(browser.find("#items li.item .title").getText()).as("seen with boot-1 by eight shoppers")
                    .isEqualTo("City boot");
            assertThat(browser.find("#items li.item .because").getText()).contains("from boot-1");
            browser.screenshot("preview");

            browser.find("#events").clear();
            browser.clickAndLoad("#preview");
            assertThat(browser.find("#source").getText()).as("a new visitor has no history").isEqualTo("fallback");
            assertThat(browser.find("#fallback").getText()).isEqualTo("popular");
            assertThat(browser.all("#items li.item")).hasSize(1);

            browser.find("#events").sendKeys("view");
            browser.clickAndLoad("#preview");
            assertThat(browser.find("#error").getText()).contains("line 1", "type product-id");
        }
        assertThat(shop.server.admin.get("/v1/profiles/preview").status()).as("the preview recorded nobody")
                .isEqualTo(404);
    }

    /** Waits for the element's text, reloading as a person would while a run goes on (the progress panel reloads too). */
    private static void awaitText(Browser browser, String css, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
