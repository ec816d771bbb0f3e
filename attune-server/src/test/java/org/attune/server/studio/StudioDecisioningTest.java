package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.attune.server.Browser;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A catalog's placements, strategies, collections and rules edited in the studio, in a real
 * browser against a real server: lists, forms with expressions checked as they are typed,
 * refusals shown at their fields, the preview beside the editors, deletion with its
 * confirmation, a phone's width and the keyboard.
 */
class StudioDecisioningTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","price":120,"image":"%1$s/boot-1.svg"}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak","price":90,"image":"%1$s/boot-2.svg"}
            {"id":"coat-1","title":"Rain coat","brand":"Alva","price":150,"image":"%1$s/coat-1.svg"}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto","price":25,"image":"%1$s/hat-1.svg"}
            {"id":"sock-1","title":"Wool socks","brand":"Kesto","price":12,"image":"%1$s/sock-1.svg"}
            """;

    @TempDir
    Path dataDir;
    RunningServer server;
    HttpServer images;
    String model;

    @BeforeEach
    void start() throws Exception {
        images = productImages();
        server = RunningServer.start(dataDir);
        send("POST", "/v1/accounts", "application/json",
                "{\"name\": \"mira\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}");
        send("POST", "/v1/catalogs", "application/json", """
                {"id": "shop", "name": "Outdoor shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"},
                  {"name": "brand", "type": "string", "role": "brand"},
                  {"name": "price", "type": "number", "role": "price"},
                  {"name": "image", "type": "url", "role": "image"}]}}""");
        send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", PRODUCTS.formatted(
                "http://127.0.0.1:" + images.getAddress().getPort()));
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            for (String product : p < 4 ? List.of("sock-1", "hat-1") : List.of("boot-1")) {
                events.append("{\"type\":\"view\",\"anonymousId\":\"s-").append(p)
                        .append("\",\"catalog\":\"shop\",\"itemId\":\"").append(product).append("\"}\n");
            }
        }
        send("POST", "/v1/events", "application/x-ndjson", events.toString());
        model = server.admin.send("POST", "/v1/models", "application/json", """
                {"name": "Viewed together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}]}"""
                .getBytes(StandardCharsets.UTF_8)).body().path("id").asText();
        send("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        send("PUT", "/v1/catalogs/shop/rules/search-boots", "application/json", "{\"name\": \"Personal boot search\","
                + " \"pageType\": \"search\", \"scope\": {\"type\": \"queries\", \"values\": [\"boot*\"]},"
                + " \"model\": \"" + model + "\", \"strength\": 0.5, \"enabled\": false}");
    }

    @AfterEach
    void stop() {
        server.close();
        images.stop(0);
    }

    @Test
    void aStrategyIsWrittenWithItsRuleCheckedAsTypedThenPlacedAndPreviewed() throws Exception {
        try (Browser browser = new Browser(server.url(), 1280, 1200)) {
            browser.signIn("mira", PASSWORD);
            browser.find("nav a[href='/studio/decisioning']").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning");
            assertThat(browser.find("nav a[aria-current=page]").getText()).isEqualTo("Decisioning");
            assertThat(browser.find("#strategies tr[data-id=popular]").getText()).contains("Popular now", "trending",
                    "every candidate", "by score", "none");
            assertThat(browser.find("#rules tr[data-id=search-boots]").getText()).contains("search: queries boot*",
                    model, "0.5", "disabled");

            browser.find("#new-strategy").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/strategies");
            browser.type("id", "cheap-recent").type("name", "Recently viewed, under 100");
            new Select(browser.find("#sources_0_type")).selectByValue("recently_viewed");
            browser.find("#add-fallback").click();
            new Select(browser.find("#fallbacks-list select")).selectByValue("popular");
            browser.find("#eligibility").sendKeys("product.prise < 100.0");
            WebElement error = browser.find("#eligibility-check .check-error");
            assertThat(error.getText()).contains("Line 1, column 8", "undefined field 'prise'");
            String[] shown = error.findElement(By.tagName("pre")).getAttribute("textContent").split("\n");
            assertThat(shown[0]).isEqualTo("product.prise < 100.0");
            assertThat(shown[1]).as("a caret under column 8").isEqualTo(" ".repeat(7) + "^");
            assertThat(browser.find("#eligibility").getAttribute("value")).as("nothing saved yet, nothing lost")
                    .isEqualTo("product.prise < 100.0");
            browser.scrollTo("#sources");
            browser.screenshot("decisioning-strategy-error");

            browser.find("#eligibility").clear();
            browser.find("#eligibility").sendKeys("product.price < 100.0");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#eligibility-check"),
                    "Fine: gives true or false"));
            assertThat(browser.all("#eligibility-check .check-error")).isEmpty();
            browser.find("#save").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/strategies/cheap-recent");
            assertThat(browser.find("#saved").getText()).contains("Saved the strategy 'cheap-recent'");
            assertThat(browser.find("#preview-unavailable").getText()).contains("No placement uses this strategy");
            assertThat(server.admin.get("/v1/catalogs/shop/strategies/cheap-recent").body().toString())
                    .contains("\"eligibility\":\"product.price < 100.0\"", "\"type\":\"recently_viewed\"",
                            "\"fallbacks\":[\"popular\"]");

            browser.find("#to-list").click();
            browser.find("#new-placement").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/placements");
            assertThat(browser.find("#preview-unavailable").getText()).isEqualTo("Save the placement to preview it.");
            browser.type("id", "home.recent").type("name", "Home: picked for you").type("items", "2");
            new Select(browser.find("#strategy")).selectByValue("cheap-recent");
            browser.find("#save").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/placements/home.recent");
            assertThat(browser.find("#decision h2").getText()).as("saved: previewed for a new visitor at once")
                    .contains("For a new visitor");
            assertThat(browser.find("#source").getText()).isEqualTo("fallback");
            assertThat(browser.find("#fallback").getText()).isEqualTo("popular");
            assertThat(browser.find("#decision").getText()).contains("because no person was given");
            assertThat(titles(browser)).as("the two most viewed").containsExactlyInAnyOrder("Wool socks", "Wool hat");

            browser.find("#preview-events").sendKeys("view boot-2\nview hat-1\nview coat-1");
            browser.find("#preview").click();
            browser.until(ExpectedConditions.textToBe(By.cssSelector("#source"), "personalized"));
            assertThat(titles(browser)).as("viewed, and under 100: the rain coat is left out")
                    .containsExactlyInAnyOrder("City boot", "Wool hat");
            assertThat(browser.all("#items li.item img")).allSatisfy(img ->
                    assertThat(img.getAttribute("src")).startsWith("http://127.0.0.1:"));
            assertThat(browser.find("#items li.item .because").getText()).contains("source recently_viewed");
            assertThat(browser.all("h1")).as("only the panel was swapped, not a page into it").hasSize(1);
            assertThat(browser.path()).as("the preview is in the address, to reload or share")
                    .isEqualTo("/studio/catalogs/shop/decisioning/placements/home.recent");
            assertThat(browser.driver.getCurrentUrl()).contains("events=view");
            browser.screenshot("decisioning-placement-preview");

            browser.type("items", "1");
            browser.find("#save").click();
            browser.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            // The preview panel is swapped in again after the save: wait on fresh look-ups, not on one element.
            browser.until(ExpectedConditions.attributeToBe(By.id("preview-events"), "value",
                    "view boot-2\nview hat-1\nview coat-1"));
            browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items li.item"), 1));
            assertThat(browser.find("#source").getText()).isEqualTo("personalized");

            browser.find("#preview-events").clear();
            browser.find("#preview").click();
            browser.until(ExpectedConditions.textToBe(By.cssSelector("#source"), "fallback"));
            assertThat(browser.find("#decision").getText()).contains("For a new visitor",
                    "because no person was given");

            browser.find("#to-list").click();
            assertThat(browser.find("#placements tr[data-id='home.recent']").getText()).contains("web", "1",
                    "cheap-recent", "none");
            assertThat(browser.find("#strategies tr[data-id=cheap-recent]").getText()).contains("recently_viewed",
                    "product.price < 100.0", "popular");
            browser.screenshot("decisioning-list");
        }
    }

    @Test
    void aRulesStrengthIsEditedAndRefusedInputIsShownAtItsFieldAsTyped() throws Exception {
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/catalogs/shop/decisioning");
            browser.find("#rules tr[data-id=search-boots] th a").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/rules/search-boots");
            assertThat(browser.find("#strength").getAttribute("value")).isEqualTo("0.5");
            assertThat(browser.find("#scope_values").getAttribute("value")).isEqualTo("boot*");
            browser.type("strength", "1.5").type("name", "Boots, personal");
            browser.find("#save").click();
            assertThat(browser.find("#strength_error").getText()).contains("Strength is from 0");
            assertThat(browser.find("#strength").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#strength").getAttribute("value")).as("kept as typed").isEqualTo("1.5");
            assertThat(browser.find("#name").getAttribute("value")).isEqualTo("Boots, personal");
            browser.find("#problems a[href='#strength']").click();
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("strength");
            assertThat(server.admin.get("/v1/catalogs/shop/rules/search-boots").body().path("strength").asDouble())
                    .as("nothing saved").isEqualTo(0.5);

            browser.type("strength", "0.8");
            browser.find("#enabled").click();
            browser.find("#save").click();
            assertThat(browser.find("#saved").getText()).contains("Saved the rule 'search-boots'");
            browser.find("#to-list").click();
            assertThat(browser.find("#rules tr[data-id=search-boots] [data-strength]").getText()).isEqualTo("0.8");
            assertThat(browser.find("#rules tr[data-id=search-boots]").getText()).contains("Boots, personal",
                    "enabled");

            browser.find("#new-placement").click();
            browser.type("id", "popular").type("items", "500").type("cap_impressions", "3");
            browser.find("#save").click();
            assertThat(browser.find("#items_error").getText()).contains("1 to 100");
            assertThat(browser.find("#cap_error").getText()).contains("needs both impressions and hours");
            assertThat(browser.find("#items").getAttribute("value")).isEqualTo("500");
            assertThat(browser.find("#cap_impressions").getAttribute("value")).isEqualTo("3");
            assertThat(browser.find("#id").getAttribute("value")).isEqualTo("popular");
            assertThat(server.admin.get("/v1/catalogs/shop/placements/popular").status()).isEqualTo(404);

            browser.open("/studio/catalogs/shop/decisioning/strategies");
            browser.type("id", "popular");
            browser.find("#save").click();
            assertThat(browser.find("#id_error").getText()).as("a new strategy never replaces one")
                    .contains("A strategy 'popular' exists already");
        }
    }

    @Test
    void aRulesPreviewReranksATypedPageForTypedEventsAndSaysWhenNoRuleApplies() throws Exception {
        provision(model);
        try (Browser browser = new Browser(server.url(), 1280, 1500)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/catalogs/shop/decisioning/rules/search-boots");
            assertThat(browser.find("#preview-page").getAttribute("value")).as("a query the rule's scope names")
                    .isEqualTo("boot");
            assertThat(browser.find("#rerank-defaulted").getText()).contains("the first 5 available products");
            assertThat(browser.find("#rerank-rule").getText()).contains("No enabled rule matches this page",
                    "the order is unchanged", "this rule is disabled");
            assertThat(ids(browser)).containsExactly("boot-1", "boot-2", "coat-1", "hat-1", "sock-1");

            browser.find("#preview-products").sendKeys("boot-1, boot-2\ncoat-1 hat-1\nsock-1");
            browser.find("#preview-events").sendKeys("view sock-1");
            browser.find("#preview").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rerank h3"),
                    "For the typed events"));
            assertThat(browser.find("#rerank-rule").getText()).as("the saved rule, still disabled")
                    .contains("this rule is disabled");
            assertThat(ids(browser)).containsExactly("boot-1", "boot-2", "coat-1", "hat-1", "sock-1");
            assertThat(browser.all("h1")).as("only the panel was swapped").hasSize(1);
            assertThat(browser.driver.getCurrentUrl()).as("the preview is in the address")
                    .contains("page=boot", "products=boot-1", "events=view");

            browser.type("strength", "1");
            browser.find("#enabled").click();
            browser.find("#save").click();
            browser.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            assertThat(browser.find("#preview-events").getAttribute("value")).as("the preview is asked again")
                    .isEqualTo("view sock-1");
            assertThat(browser.find("#rerank-rule").getText()).contains("This rule re-ranks the page", model,
                    "strength 1");
            assertThat(ids(browser)).as("the hat, viewed with socks, first; the boot the model relates to"
                    + " nothing takes its place").containsExactly("hat-1", "boot-2", "coat-1", "boot-1", "sock-1");
            assertThat(moved(browser)).containsExactly("up", "same", "same", "down", "same");
            assertThat(browser.find("#items li[data-id=hat-1]").getText()).contains("Wool hat", "up 3",
                    "place 1, was 4", "score");
            assertThat(browser.find("#items li[data-id=boot-2]").getText()).contains("not known to the model");
            assertThat(browser.all("#items li.item img")).hasSize(5);
            browser.scrollTo("#editor");
            browser.screenshot("decisioning-rule-preview");

            browser.type("strength", "0");
            browser.find("#save").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rerank-strength"),
                    "0"));
            assertThat(browser.find("#rerank-rule").getText()).contains("This rule re-ranks the page");
            assertThat(ids(browser)).as("strength 0 keeps the order")
                    .containsExactly("boot-1", "boot-2", "coat-1", "hat-1", "sock-1");
            assertThat(moved(browser)).containsOnly("same");

            browser.type("preview-page", "sandals");
            browser.find("#preview").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#rerank-rule"),
                    "No enabled rule"));
            assertThat(browser.find("#rerank-rule").getText()).contains("the query 'sandals' matches none of this"
                    + " rule's patterns (boot*)");

            browser.type("preview-page", "boots").type("preview-products", "boot-1 boot-9 hat-1");
            browser.find("#preview").click();
            assertThat(browser.find("#preview-problems").getText()).contains("'boot-9' is not a product of the"
                    + " catalog");
            assertThat(browser.all("#items")).as("no list for a page that cannot be read").isEmpty();

            String tooMany = String.join(" ", java.util.stream.IntStream.rangeClosed(0, 1000)
                    .mapToObj(i -> "p-" + i).toList());
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('preview-products').value = arguments[0];", tooMany);
            browser.find("#preview").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preview-problems"),
                    "1,001 product ids; a page takes at most 1,000"));
            assertThat(browser.find("#preview-products-hint").getText()).contains("too long to keep in the page's"
                    + " address");
            assertThat(browser.driver.getCurrentUrl()).contains("page=boots").doesNotContain("products=");
        }
        assertThat(server.admin.get("/v1/profiles/preview").status()).as("nothing recorded").isEqualTo(404);
    }

    @Test
    void aCollectionIsDefinedAndAStrategyBlendsAFormulaOverIt() throws Exception {
        send("POST", "/v1/catalogs", "application/json", """
                {"id": "books", "name": "Book shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"}]}}""");
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.find("nav a[href='/studio/decisioning']").click();
            assertThat(browser.find("#decisioning-catalogs").getText()).as("two catalogs: pick one")
                    .contains("books", "Book shop", "shop", "Outdoor shop");
            browser.find("#decisioning-catalogs a[href='/studio/catalogs/shop/decisioning']").click();
            browser.find("#new-collection").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning/collections");
            browser.type("id", "kesto");
            browser.find("#filter").sendKeys("product.brand == 'Kesto' && profile.spend > 0");
            assertThat(browser.find("#filter-check .check-error").getText()).as("a collection sees products only")
                    .contains("undeclared reference to 'profile'");
            browser.find("#filter").clear();
            browser.find("#filter").sendKeys("product.brand == 'Kesto'");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#filter-check"),
                    "Fine"));
            browser.find("#productIds").sendKeys("boot-1\nboot-2");
            browser.find("#save").click();
            assertThat(browser.find("#saved").getText()).contains("Saved the collection 'kesto'");
            assertThat(browser.find("#productIds").getAttribute("value")).isEqualTo("boot-1\nboot-2");

            browser.open("/studio/catalogs/shop/decisioning/strategies/popular");
            assertThat(browser.find("#ranking_formula").isDisplayed()).as("no formula when ranking by score")
                    .isFalse();
            new Select(browser.find("#ranking_by")).selectByValue("blend");
            assertThat(browser.find("#ranking_formulaWeight").isDisplayed()).isTrue();
            browser.find("#ranking_formula").sendKeys("product.brand");
            assertThat(browser.find("#formula-check .check-error").getText()).as("a formula gives a number")
                    .contains("Line 1, column 8", "expected type 'double' but found 'string'");
            browser.find("#ranking_formula").clear();
            browser.find("#ranking_formula").sendKeys("profile.affinity.brand[product.brand] + product.price");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#formula-check"),
                    "Fine: gives a number"));
            browser.type("ranking_formulaWeight", "0.25");
            browser.find("#add-source").click();
            String added = "#sources-list [data-row]:last-child select[name='source.";
            new Select(browser.find(added + "type']")).selectByValue("collection");
            WebElement collection = browser.find(added + "collection']");
            assertThat(collection.isDisplayed()).as("a collection source names its collection").isTrue();
            assertThat(browser.find(added + "model']").isDisplayed()).isFalse();
            new Select(collection).selectByValue("kesto");
            browser.find("#save").click();
            assertThat(browser.find("#saved").getText()).contains("Saved the strategy 'popular'");
            com.fasterxml.jackson.databind.JsonNode saved = server.admin.get("/v1/catalogs/shop/strategies/popular")
                    .body();
            assertThat(saved.path("sources").toString()).isEqualTo("[{\"type\":\"trending\"},"
                    + "{\"type\":\"collection\",\"collection\":\"kesto\"}]");
            assertThat(saved.path("ranking").path("formulaWeight").asDouble()).isEqualTo(0.25);
            browser.find("#to-list").click();
            assertThat(browser.find("#collections tr[data-id=kesto]").getText()).contains("product.brand == 'Kesto'",
                    "2");
            assertThat(browser.find("#strategies tr[data-id=popular]").getText()).contains("collection kesto",
                    "blend, formula weight 0.25", "profile.affinity.brand[product.brand] + product.price");
        }
    }

    @Test
    void deletingAsksFirstAndIsRefusedWithWhatStillUsesIt() throws Exception {
        send("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 4, \"strategy\": \"popular\"}");
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.find("#catalog-shop a.decisioning-link").click();
            browser.awaitPath("/studio/catalogs/shop/decisioning");
            browser.find("#strategies tr[data-id=popular] button[data-dialog]").click();
            WebElement dialog = browser.find("#delete-strategies-0");
            assertThat(dialog.getText()).contains("Delete the strategy popular?");
            dialog.findElement(By.cssSelector("button[data-close]")).click();
            assertThat(dialog.isDisplayed()).as("cancel closes the dialog").isFalse();
            assertThat(server.admin.get("/v1/catalogs/shop/strategies/popular").status()).isEqualTo(200);

            browser.find("#strategies tr[data-id=popular] button[data-dialog]").click();
            browser.clickAndLoad("#delete-strategies-0 button[type=submit]");
            assertThat(browser.find("#refused").getText()).contains("Cannot delete", "placement 'home'");
            assertThat(browser.all("#strategies tr[data-id=popular]")).as("kept").hasSize(1);

            browser.find("#placements tr[data-id=home] button[data-dialog]").click();
            browser.clickAndLoad("#delete-placements-0 button[type=submit]");
            assertThat(browser.find("#done").getText()).isEqualTo("Deleted the placement 'home'.");
            assertThat(browser.all("#placements")).as("no placements left").isEmpty();
            browser.find("#strategies tr[data-id=popular] button[data-dialog]").click();
            browser.clickAndLoad("#delete-strategies-0 button[type=submit]");
            assertThat(browser.find("#done").getText()).isEqualTo("Deleted the strategy 'popular'.");
            assertThat(server.admin.get("/v1/catalogs/shop/strategies/popular").status()).isEqualTo(404);
        }
    }

    @Test
    void theEditorsFitAPhoneAndWorkByKeyboard() throws Exception {
        send("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 2, \"strategy\": \"popular\"}");
        try (Browser browser = new Browser(server.url(), 390, 844)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/catalogs/shop/decisioning");
            assertThat(browser.overflowsSideways()).as("the lists stack on a phone").isFalse();
            browser.find("#strategies tr[data-id=popular] button[data-dialog]").sendKeys(Keys.ENTER);
            assertThat(browser.find("#delete-strategies-0").isDisplayed()).as("Enter opens the confirmation").isTrue();
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            assertThat(browser.find("#delete-strategies-0").isDisplayed()).as("Escape closes it").isFalse();

            WebElement newStrategy = tabTo(browser, "new-strategy");
            newStrategy.sendKeys(Keys.ENTER);
            browser.awaitPath("/studio/catalogs/shop/decisioning/strategies");
            tabTo(browser, "add-source").sendKeys(Keys.ENTER);
            WebElement added = browser.driver.switchTo().activeElement();
            assertThat(added.getAttribute("name")).as("the new row's first field has the focus")
                    .isEqualTo("source.type");
            assertThat(browser.all("#sources-list [data-row]")).hasSize(2);
            added.sendKeys(Keys.TAB, Keys.ENTER);
            assertThat(browser.all("#sources-list [data-row]")).as("removed by keyboard").hasSize(1);
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("add-source");
            browser.find("#eligibility").sendKeys("product.brand == 'Kesto' && product.price < 'cheap'");
            browser.find("#eligibility-check .check-error");
            assertThat(browser.overflowsSideways()).as("a long expression scrolls within its box").isFalse();

            browser.open("/studio/catalogs/shop/decisioning/placements/home");
            WebElement form = browser.find("#editor");
            WebElement preview = browser.find("#preview-panel");
            assertThat(preview.getLocation().getY()).as("the preview below the editor on a phone")
                    .isGreaterThan(form.getLocation().getY() + form.getSize().getHeight() - 1);
            assertThat(browser.all("#items li.item")).hasSize(2);
            assertThat(browser.overflowsSideways()).isFalse();
            browser.scrollTo("#preview-panel");
            browser.screenshot("decisioning-placement-phone");
            browser.open("/studio/catalogs/shop/decisioning/rules/search-boots");
            assertThat(browser.find("#preview-panel").getLocation().getY()).as("the rule's preview below it too")
                    .isGreaterThan(browser.find("#editor").getLocation().getY());
            for (String editor : List.of("rules/search-boots", "collections", "strategies/popular")) {
                browser.open("/studio/catalogs/shop/decisioning/" + editor);
                assertThat(browser.overflowsSideways()).as(editor).isFalse();
            }
        }
    }

    @Test
    void theStudiosDecisioningRoutesAreInTheOpenApiDocument() throws Exception {
        com.fasterxml.jackson.databind.JsonNode paths = server.client(null).get("/openapi.json").body().path("paths");
        for (String[] route : new String[][] {{"/studio/decisioning", "get"},
                {"/studio/catalogs/{catalog}/decisioning", "get"},
                {"/studio/catalogs/{catalog}/decisioning/{kind}", "get"},
                {"/studio/catalogs/{catalog}/decisioning/{kind}", "post"},
                {"/studio/catalogs/{catalog}/decisioning/{kind}/{id}", "get"},
                {"/studio/catalogs/{catalog}/decisioning/{kind}/{id}", "post"},
                {"/studio/catalogs/{catalog}/decisioning/{kind}/{id}/delete", "post"},
                {"/studio/catalogs/{catalog}/decisioning/rules/{id}/preview", "post"},
                {"/studio/catalogs/{catalog}/expressions/check", "post"}}) {
            com.fasterxml.jackson.databind.JsonNode operation = paths.path(route[0]).path(route[1]);
            assertThat(operation.path("tags").toString()).as("%s %s", route[1], route[0]).isEqualTo("[\"Studio\"]");
            assertThat(operation.path("summary").asText()).isNotBlank();
        }
    }

    /** Presses Tab, from where the focus is, until the element has it (a keyboard reaches it). */
    private static WebElement tabTo(Browser browser, String id) {
        for (int i = 0; i < 80; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("#" + id + " is not reached by Tab");
    }

    private static List<String> ids(Browser browser) {
        return browser.all("#items li.item").stream().map(item -> item.getAttribute("data-id")).toList();
    }

    private static List<String> moved(Browser browser) {
        return browser.all("#items [data-moved]").stream().map(badge -> badge.getAttribute("data-moved")).toList();
    }

    private static List<String> titles(Browser browser) {
        return browser.all("#items li.item .title").stream().map(WebElement::getText).toList();
    }

    /** Trains the model and waits (up to a minute) until it serves. */
    private void provision(String id) throws Exception {
        send("POST", "/v1/models/" + id + "/provision", "application/json", "");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!server.admin.get("/v1/models/" + id).body().path("status").asText().equals("running")) {
            assertThat(System.nanoTime()).as("provisioned within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void send(String method, String path, String type, String body) throws Exception {
        server.admin.sendOrFail(method, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Product pictures on loopback: a coloured square with the product's initial. */
    private static HttpServer productImages() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            String colour = String.format("#%06x", (name.hashCode() & 0x7f7f7f) + 0x303030);
            byte[] svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><rect width='64'"
                    + " height='64' fill='" + colour + "'/><text x='32' y='42' font-size='28' text-anchor='middle'"
                    + " fill='white' font-family='sans-serif'>" + Character.toUpperCase(name.charAt(0))
                    + "</text></svg>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "image/svg+xml");
            exchange.sendResponseHeaders(200, svg.length);
            exchange.getResponseBody().write(svg);
            exchange.close();
        });
        http.start();
        return http;
    }
}
