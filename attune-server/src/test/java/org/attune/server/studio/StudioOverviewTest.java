package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.server.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * A catalog's overview in a real browser against a real server: the small shop answers its two
 * placements through the API, shoppers see, click and buy, and the overview, the catalog's
 * home, shows what that earned: charts drawn, the placements' figures written for people, the
 * top products by title, hourly for a short range; a catalog without answers says which events
 * to send, and one whose answers nobody saw says so in place of the engagement charts.
 */
class StudioOverviewTest {
    /** The charts a catalog with answers, impressions, clicks and purchases shows. */
    private static final List<String> CHARTS = List.of("impressions-chart", "clicks-chart", "ctr-chart",
            "purchases-chart", "revenue-chart", "source-chart", "fallback-chart");

    @TempDir
    Path dataDir;
    StudioShop shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    /**
     * The shop's home placement (two trending products) answers four visitors; all four see
     * their two products (8 impressions), two click the first (CTR 25%), one of them buys it
     * for 123.45 (conversion 50%, RPM 15,431.25). Its product placement (the person's recently
     * viewed products, falling back to trending) answers a shopper with a history and a new
     * visitor, whom the fallback serves (fallback rate 50%).
     */
    private String answerSeeClickAndBuy() throws Exception {
        StringBuilder views = new StringBuilder();
        Instant recently = Instant.now().minusSeconds(600);
        for (int p = 0; p < 5; p++) {
            for (String product : List.of("boot-1", "boot-2", "coat-1")) {
                views.append(event("v-" + p, "view", List.of(product), recently, null, null));
            }
        }
        shop.send("POST", "/v1/events", "application/x-ndjson", views.toString());
        shop.send("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        shop.send("PUT", "/v1/catalogs/shop/strategies/recent", "application/json", "{\"name\": \"Seen lately\","
                + " \"sources\": [{\"type\": \"recently_viewed\"}], \"fallbacks\": [\"popular\"]}");
        shop.send("PUT", "/v1/catalogs/shop/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 2, \"strategy\": \"popular\"}");
        shop.send("PUT", "/v1/catalogs/shop/placements/product.recent", "application/json",
                "{\"name\": \"Seen lately\", \"items\": 2, \"strategy\": \"recent\"}");
        awaitPersonalized("v-0", "product.recent");

        long now = System.currentTimeMillis();
        StringBuilder outcomes = new StringBuilder();
        String bought = null;
        for (int visitor = 0; visitor < 4; visitor++) {
            String id = "a-" + visitor;
            JsonNode home = decide(id, "home");
            List<String> items = new ArrayList<>();
            home.path("items").forEach(item -> items.add(item.path("id").asText()));
            assertThat(items).as("%s", home).hasSize(2);
            String recId = home.path("recId").asText();
            outcomes.append(event(id, "impression", items, Instant.ofEpochMilli(now + 1_000), recId, null));
            if (visitor < 2) {
                outcomes.append(event(id, "click", items.subList(0, 1), Instant.ofEpochMilli(now + 2_000), recId,
                        null));
            }
            if (visitor == 0) {
                bought = items.get(0);
                outcomes.append(event(id, "purchase", items.subList(0, 1), Instant.ofEpochMilli(now + 3_000), null,
                        "{\"revenue\": 123.45}"));
            }
        }
        assertThat(decide("v-0", "product.recent").path("source").asText()).isEqualTo("personalized");
        assertThat(decide("n-1", "product.recent").path("source").asText()).isEqualTo("fallback");
        shop.send("POST", "/v1/events", "application/x-ndjson", outcomes.toString());
        awaitAttributedPurchase();
        return bought;
    }

    @Test
    void theOverviewIsTheCatalogsHomeAndShowsWhatItsAnswersEarned() throws Exception {
        shop = StudioShop.start(dataDir);
        shop.send("POST", "/v1/catalogs", "application/json", """
                {"id": "blog", "name": "Trail journal", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"}]}}""");
        shop.send("PUT", "/v1/catalogs/blog/products", "application/x-ndjson",
                "{\"id\":\"post-1\",\"title\":\"Ridges\"}\n");
        String bought = answerSeeClickAndBuy();
        String boughtTitle = switch (bought) {
            case "boot-1" -> "Trail boot";
            case "boot-2" -> "City boot";
            default -> "Rain coat";
        };

        try (Browser browser = new Browser(shop.url(), 1280, 1000)) {
            browser.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            browser.open("/studio");
            browser.clickAndLoad("#catalog-shop a.overview-link");
            browser.awaitPath("/studio/catalogs/shop/overview");
            assertThat(browser.find("main h1").getText()).startsWith("Outdoor shop");
            assertThat(browser.find("#period").getText()).startsWith("Last 7 days:").contains("by day (UTC)");
            browser.awaitCharts(CHARTS);

            assertThat(browser.find("#headline-answers").getText()).isEqualTo("6");
            assertThat(browser.find("#headline-impressions").getText()).isEqualTo("8");
            assertThat(browser.find("#headline-ctr").getText()).isEqualTo("25.0%");
            assertThat(browser.find("#headline-revenue").getText()).isEqualTo("123.45");
            assertThat(browser.find("#headline-fallback-rate").getText()).as("1 of 6 decisions").isEqualTo("16.7%");

            String home = "#placements-table tr[data-placement='home'][data-strategy='popular'] ";
            assertThat(figure(browser, home, "answers")).isEqualTo("4");
            assertThat(figure(browser, home, "impressions")).isEqualTo("8");
            assertThat(figure(browser, home, "clicks")).isEqualTo("2");
            assertThat(figure(browser, home, "ctr")).isEqualTo("25.0%");
            assertThat(figure(browser, home, "purchases")).isEqualTo("1");
            assertThat(figure(browser, home, "conversion-rate")).isEqualTo("50.0%");
            assertThat(figure(browser, home, "revenue")).isEqualTo("123.45");
            assertThat(figure(browser, home, "rpm")).isEqualTo("15,431.25");
            assertThat(figure(browser, home, "fallback-rate")).isEqualTo("0.0%");
            String recent = "#placements-table tr[data-placement='product.recent'][data-strategy='recent'] ";
            assertThat(figure(browser, recent, "answers")).isEqualTo("2");
            assertThat(figure(browser, recent, "fallback-rate")).isEqualTo("50.0%");
            assertThat(figure(browser, recent, "ctr")).as("nothing seen: no rate").isEqualTo("–");
            assertThat(browser.find("#most-revenue tbody tr").getText()).contains(boughtTitle).contains(bought)
                    .contains("123.45");
            assertThat(browser.all("#most-shown tbody tr")).isNotEmpty();

            browser.driver.manage().window().setSize(new Dimension(1280, 2700));
            browser.awaitCharts(CHARTS);
            browser.screenshot("studio-overview");
            browser.driver.manage().window().setSize(new Dimension(1280, 1000));

            browser.clickAndLoad("nav.tabs a[href$='range=24h']");
            assertThat(browser.find("#period").getText()).startsWith("Last 24 hours:").contains("by hour (UTC)");
            assertThat(browser.find("nav.tabs a[aria-current=page]").getText()).isEqualTo("Last 24 hours");
            browser.awaitCharts(CHARTS);
            assertThat(figure(browser, home, "ctr")).isEqualTo("25.0%");

            assertThat(browser.find("#most-shown caption").getText()).as("products are counted by day")
                    .contains("whole UTC days");

            browser.open("/studio/catalogs/blog");
            browser.awaitPath("/studio/catalogs/blog/overview");
            assertThat(browser.find("#empty-state h2").getText()).contains("Nothing was answered");
            assertThat(browser.find("#empty-state").getText()).contains("POST /v1/decisions")
                    .contains("context.recId");
            assertThat(browser.find("#example-decide").getText()).contains("/v1/decisions")
                    .contains("\"catalog\":\"blog\"");
            assertThat(browser.find("#example-events").getText()).contains("\"type\":\"impression\"")
                    .contains("\"type\":\"click\"").contains("\"itemIds\":[\"post-1\"");
            assertThat(browser.all("canvas")).as("no empty charts").isEmpty();
            browser.screenshot("studio-overview-empty");

            answerUnseen();
            browser.open("/studio/catalogs/blog/overview");
            assertThat(browser.find("#nothing-seen").getText()).contains("no impression or click arrived")
                    .contains("context.recId");
            assertThat(browser.find("#headline-answers").getText()).isEqualTo("1");
            browser.find("#source-chart");
            assertThat(browser.all("#impressions-chart")).as("no charts of what nobody saw").isEmpty();
        }
        try (Browser phone = new Browser(shop.url(), 390, 844)) {
            phone.signIn(StudioShop.EDITOR, StudioShop.PASSWORD);
            phone.open("/studio/catalogs/shop/overview");
            phone.awaitCharts(CHARTS);
            assertThat(phone.overflowsSideways()).as("sticking out: %s", phone.stickingOut()).isFalse();
            Object clipped = phone.driver.executeScript("var cell = document.querySelector(\"#placements-table"
                    + " tr[data-placement='home'] td[data-figure='rpm']\"), text = document.createRange();"
                    + " text.selectNodeContents(cell); return text.getBoundingClientRect().right"
                    + " > cell.closest('.table-wrap').getBoundingClientRect().right;");
            assertThat(clipped).as("stacked on a phone, a figure beside its long name is not cut off")
                    .isEqualTo(false);
            phone.screenshot("studio-overview-phone");
        }
    }

    /** The blog answers one reader whom nobody tells it saw or clicked anything. */
    private void answerUnseen() throws Exception {
        shop.send("POST", "/v1/events", "application/x-ndjson", "{\"type\":\"view\",\"anonymousId\":\"r-1\","
                + "\"catalog\":\"blog\",\"itemId\":\"post-1\"}\n");
        shop.send("PUT", "/v1/catalogs/blog/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        shop.send("PUT", "/v1/catalogs/blog/placements/home", "application/json",
                "{\"name\": \"Home\", \"items\": 1, \"strategy\": \"popular\"}");
        shop.send("POST", "/v1/decisions", "application/json",
                "{\"catalog\": \"blog\", \"anonymousId\": \"r-2\", \"placements\": [\"home\"]}");
        // The answer counts once the decision log has it on disk (within 0.25 s).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (shop.server.admin.get("/v1/reports?catalog=blog").body().path("totals").path(0).path("answers")
                .asLong() != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the blog's answer was never counted");
            }
            Thread.sleep(20);
        }
    }

    private static String figure(Browser browser, String row, String figure) {
        return browser.find(row + "td[data-figure='" + figure + "']").getText();
    }


    private JsonNode decide(String anonymousId, String placement) throws Exception {
        return shop.send("POST", "/v1/decisions", "application/json", "{\"catalog\": \"shop\", \"anonymousId\": \""
                + anonymousId + "\", \"placements\": [\"" + placement + "\"]}").path("placements").get(0);
    }

    /** Waits (through a preview, which records nothing) until the person's views reach their profile. */
    private void awaitPersonalized(String anonymousId, String placement) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode answer;
        do {
            answer = shop.send("POST", "/v1/decisions/preview", "application/json", "{\"catalog\": \"shop\","
                    + " \"anonymousId\": \"" + anonymousId + "\", \"placements\": [\"" + placement + "\"]}")
                    .path("placements").get(0);
            if (answer.path("source").asText().equals("personalized")) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never personalized: " + answer);
    }

    /** Waits until the purchase is attributed and the six answers counted, as GET /v1/reports shows. */
    private void awaitAttributedPurchase() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode report;
        do {
            report = shop.server.admin.get("/v1/reports?catalog=shop").body();
            // and every answer counted: the decision log has them on disk within 0.25 s
            if (report.path("totals").size() > 0 && report.path("totals").get(0).path("purchases").asLong() == 1
                    && report.path("totals").get(0).path("answers").asLong() == 6) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the purchase was not attributed: " + report);
    }

    private static String event(String anonymousId, String type, List<String> items, Instant at, String recId,
                                String properties) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",\"anonymousId\":\"")
                .append(anonymousId).append("\",\"catalog\":\"shop\",\"itemIds\":[\"")
                .append(String.join("\",\"", items)).append("\"],\"timestamp\":\"").append(at).append('"');
        if (recId != null) {
            json.append(",\"context\":{\"recId\":\"").append(recId).append("\"}");
        }
        if (properties != null) {
            json.append(",\"properties\":").append(properties);
        }
        return json.append("}\n").toString();
    }
}
