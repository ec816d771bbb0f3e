package org.attune.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attune.server.Browser;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag's widgets render what the catalog holds as text, never as markup: a product whose
 * title and image address carry HTML and script shows them as written, in the default widget
 * and in a page's own template, on a shop page of another origin.
 */
class WebTagWidgetsBrowserTest {
    private static final String HOSTILE_TITLE = "<img src=x onerror=\"window.pwned=1\">Boot & \"Co\"";

    @TempDir
    Path dataDir;
    RunningServer server;
    ShopSite shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
        server.close();
    }

    @Test
    void productDataIsShownAsTextInTheDefaultWidgetAndInThePagesTemplate() throws Exception {
        server = RunningServer.start(dataDir);
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json", """
                {"id": "shop", "name": "Shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"},
                  {"name": "price", "type": "number", "role": "price"},
                  {"name": "image", "type": "string", "role": "image"},
                  {"name": "url", "type": "string", "role": "url"}]}}""".getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", ("{\"id\":\"p-1\","
                + "\"title\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(HOSTILE_TITLE) + ",\"price\":49.9,"
                + "\"image\":\"javascript:window.pwned=2\",\"url\":\"javascript:window.pwned=3\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("POST", "/v1/events", "application/json",
                "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"catalog\":\"shop\",\"itemId\":\"p-1\"}"
                        .getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular\", \"sources\": [{\"type\": \"trending\"}]}".getBytes(StandardCharsets.UTF_8));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 1, \"strategy\": \"popular\"}".getBytes(StandardCharsets.UTF_8));

        shop = new ShopSite();
        String origin = shop.origin();
        String key = server.admin.postJson("/v1/keys", Map.of("name", "pages", "role", "browser",
                "origins", List.of(origin), "catalogs", List.of("shop"))).body().path("secret").asText();
        String page = """
                <!doctype html><html lang="en"><head><title>Shop</title>
                <script src="%s/sdk/attune.js" data-key="%s" data-catalog="shop" defer></script></head><body>
                <div id="plain" data-attune-placement="home" data-attune-title="For you"></div>
                <ul id="own" data-attune-placement="home">
                  <template><li><a href="{{url}}" title="{{title}}">{{title}}</a> <b>{{price}}</b></li></template>
                </ul></body></html>""".formatted(server.url(), key);
        shop.show(page);

        try (Browser browser = new Browser(origin, 1280, 800)) {
            browser.open("/");
            browser.until(driver -> "filled".equals(browser.find("#plain").getAttribute("data-attune-state"))
                    && "filled".equals(browser.find("#own").getAttribute("data-attune-state")));
            assertThat(browser.find("#plain .attune-name").getText()).isEqualTo(HOSTILE_TITLE);
            assertThat(browser.find("#plain .attune-price").getText()).isEqualTo("49.90");
            assertThat(browser.all("#plain img")).as("a javascript: picture address is not loaded").isEmpty();
            assertThat(browser.find("#plain a").getAttribute("href")).as("nor a javascript: link followed")
                    .endsWith("#");
            assertThat(browser.find("#own li a").getText()).isEqualTo(HOSTILE_TITLE);
            assertThat(browser.find("#own li a").getAttribute("title")).isEqualTo(HOSTILE_TITLE);
            assertThat(browser.find("#own li b").getText()).isEqualTo("49.90");
            assertThat(browser.all("#own img, #plain .attune-name img")).as("no element made from the title").isEmpty();
            assertThat(browser.find("#own li a").getAttribute("href")).as("a template's link: no javascript:")
                    .doesNotContain("javascript");
            browser.find("#plain a").click();
            browser.find("#own li a").click();
            assertThat(browser.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
        }
    }
}
