package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.attune.server.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every studio page, as a merchandiser with a phone or without a mouse meets it: at 390 px,
 * once the page has settled (htmx swaps done), nothing needs sideways scrolling, and at
 * 1280 px Tab reaches every visible link, button and field. The shop has an active setup, a
 * placement and a search rule, so each page shows its full content (report, runs, a decision,
 * a re-ranked page); the placement answered once, and the answer was seen and clicked (the
 * overview's charts and table).
 */
class StudioLayoutTest {
    /** The pages, with what makes each show its content; MODEL stands for the setup's model. */
    private static final List<String> PAGES = List.of(
            "/studio",
            "/studio/catalogs/shop/overview",
            "/studio/catalogs/shop/overview?range=24h",
            "/studio/setup",
            "/studio/setup?catalog=shop&kind=co_occurrence",
            "/studio/catalogs/shop/personalization",
            "/studio/models",
            "/studio/models/new?catalog=shop",
            "/studio/models/MODEL",
            "/studio/models/MODEL/analytics",
            "/studio/catalogs/shop/web",
            "/studio/catalogs/shop/decisioning",
            "/studio/catalogs/shop/decisioning/placements/home.for_you?events=view%20boot-1",
            "/studio/catalogs/shop/decisioning/strategies/for-you",
            "/studio/catalogs/shop/decisioning/strategies",
            "/studio/catalogs/shop/decisioning/collections",
            "/studio/catalogs/shop/decisioning/rules",
            "/studio/catalogs/shop/decisioning/rules/search?page=boot&events=view%20boot-1",
            "/studio/dictionary",
            "/studio/profiles?id=s-0",
            "/studio/catalogs/shop/preview?placement=home.for_you&events=view%20boot-1");

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
    void everyPageFitsAPhoneAndEveryControlIsReachedByTab() throws Exception {
        shop = StudioShop.startLenient(dataDir);
        String model = shop.activeCoOccurrence();
        shop.homeForYou(model);
        shop.send("PUT", "/v1/catalogs/shop/rules/search", "application/json", "{\"pageType\": \"search\","
                + " \"model\": \"" + model + "\", \"strength\": 0.5, \"enabled\": true}");
        JsonNode answer = shop.send("POST", "/v1/decisions", "application/json", "{\"catalog\": \"shop\","
                + " \"anonymousId\": \"s-0\", \"placements\": [\"home.for_you\"]}").path("placements").get(0);
        String seen = "{\"anonymousId\": \"s-0\", \"catalog\": \"shop\", \"itemIds\": [\""
                + answer.path("items").get(0).path("id").asText() + "\"], \"context\": {\"recId\": \""
                + answer.path("recId").asText() + "\"}";
        shop.send("POST", "/v1/events", "application/x-ndjson", "{\"type\": \"impression\", " + seen.substring(1)
                + "}\n{\"type\": \"click\", " + seen.substring(1) + "}\n");
        List<String> pages = PAGES.stream().map(page -> page.replace("MODEL", model)).toList();
        try (Browser phone = new Browser(shop.url(), 390, 844)) {
            phone.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            for (String page : pages) {
                phone.open(page);
                phone.find("main h1");
                try {
                    phone.until(driver -> !phone.overflowsSideways());
                } catch (org.openqa.selenium.TimeoutException stillTooWide) {
                    throw new AssertionError(page + " at 390 px needs sideways scrolling once settled; sticking"
                            + " out: " + phone.stickingOut(), stillTooWide);
                }
            }
        }
        try (Browser desk = new Browser(shop.url(), 1280, 900)) {
            desk.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            for (String page : pages) {
                desk.open(page);
                desk.find("main h1");
                assertThat(desk.unreachableByKeyboard()).as("%s: controls Tab never reaches", page).isEmpty();
            }
        }
    }
}
