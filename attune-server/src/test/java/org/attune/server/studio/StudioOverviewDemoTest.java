package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attune.server.Browser;
import org.attune.server.DemoRun;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;

/**
 * The demo shop as the README's first command makes it, at a smaller size (1,000 products,
 * 2,000 shoppers, 14 days, the last 7 of them shown the demo's placements): its simulated
 * shoppers see, click and buy what the placements answer, and the reports and the studio's
 * overview show what each placement earned.
 */
class StudioOverviewDemoTest {
    private static final Pattern STUDIO = Pattern.compile(
            "Studio: (http://127\\.0\\.0\\.1:\\d+)/studio {2}user (\\S+) {2}password (\\S+)");
    private static final Pattern KEY = Pattern.compile("admin API key \\(shown once, stored hashed\\): (atk_\\S+)");
    private static final List<String> PLACEMENTS = List.of("home.recommended_for_you", "pdp.also_bought");
    private static final List<String> CHARTS = List.of("impressions-chart", "clicks-chart", "ctr-chart",
            "purchases-chart", "revenue-chart", "source-chart", "fallback-chart");

    @TempDir
    Path dataDir;

    @Test
    void theDemoShopIsShownItsPlacementsAndTheReportsAndTheOverviewShowWhatTheyEarned() throws Exception {
        String output = DemoRun.load(dataDir, "--products", "1000", "--shoppers", "2000", "--days", "14",
                "--exposure-days", "7");
        assertThat(output).contains("events of the first 7 days loaded through POST /v1/events",
                "models co_occurrence and collaborative serving after", "day 6 of 7 shown:",
                "clicks on recommendations", "/v1/reports?catalog=demo&granularity=day&groupBy=placement");
        Matcher key = KEY.matcher(output);
        Matcher studio = STUDIO.matcher(output);
        assertThat(key.find()).isTrue();
        assertThat(studio.find()).isTrue();

        try (AttuneApplication app = AttuneApplication.start(ServerSettings.of(dataDir, "127.0.0.1", 0, null))) {
            AttuneClient client = new AttuneClient(app.baseUrl(), key.group(1));
            // The overview's default period: the 7 whole UTC days up to the end of today.
            long day = Duration.ofDays(1).toMillis();
            Instant to = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), day) * day + day);
            Instant from = to.minus(Duration.ofDays(7));
            JsonNode report = client.get("/v1/reports?catalog=demo&granularity=day&groupBy=placement&from="
                    + from + "&to=" + to).body();
            Map<String, JsonNode> byPlacement = new HashMap<>();
            report.path("totals").forEach(row -> byPlacement.put(row.path("group").path("placement").asText(), row));
            assertThat(byPlacement).as("%s", report).containsKeys(PLACEMENTS.toArray(String[]::new));
            for (String placement : PLACEMENTS) {
                JsonNode row = byPlacement.get(placement);
                assertThat(row.path("answers").asLong()).as("%s", row).isPositive();
                assertThat(row.path("impressions").asLong()).as("%s", row)
                        .isGreaterThan(row.path("answers").asLong() / 2);
                assertThat(row.path("clicks").asLong()).as("%s", row).isPositive();
                assertThat(row.path("ctr").asDouble()).as("%s", row).isBetween(0.005, 0.2);
                assertThat(row.path("addToCarts").asLong()).as("%s", row).isPositive();
            }
            // The shop's period ends now, so each run is another shop: counts that are rare on the home page
            // (a few purchases a week at this size) are asserted where they are many.
            JsonNode productPages = byPlacement.get("pdp.also_bought");
            assertThat(productPages.path("purchases").asLong()).as("%s", productPages).isPositive();
            assertThat(productPages.path("revenue").asDouble())
                    .as("revenue of purchases after a click on a product page's recommendation").isPositive();
            assertThat(productPages.path("viewThroughPurchases").asLong()).as("%s", productPages).isPositive();

            String url = app.baseUrl();
            try (Browser browser = new Browser(url, 1280, 1000)) {
                browser.signIn(studio.group(2), studio.group(3));
                browser.open("/studio/catalogs/demo");
                browser.awaitPath("/studio/catalogs/demo/overview");
                assertThat(browser.find("#period").getText()).startsWith("Last 7 days:");
                browser.awaitCharts(CHARTS);
                long answers = 0;
                for (String placement : PLACEMENTS) {
                    JsonNode row = byPlacement.get(placement);
                    answers += row.path("answers").asLong();
                    String cells = "#placements-table tr[data-placement='" + placement + "'] ";
                    assertThat(figure(browser, cells, "answers")).as("the figures of GET /v1/reports, for people")
                            .isEqualTo(String.format(Locale.ENGLISH, "%,d", row.path("answers").asLong()));
                    assertThat(figure(browser, cells, "clicks"))
                            .isEqualTo(String.format(Locale.ENGLISH, "%,d", row.path("clicks").asLong()));
                    assertThat(figure(browser, cells, "ctr"))
                            .isEqualTo(String.format(Locale.ENGLISH, "%.1f%%", 100 * row.path("ctr").asDouble()));
                }
                assertThat(browser.all("#placements-table tbody tr")).as("one row per placement and strategy, and"
                        + " no row for what no answer explains").hasSize(2);
                assertThat(browser.find("#impressions-chart").getAttribute("data-chart"))
                        .contains(PLACEMENTS.get(0), PLACEMENTS.get(1)).doesNotContain("\"–\"");
                assertThat(browser.find("#unexplained").getText()).as("the shoppers also buy what they found"
                        + " themselves").startsWith("Not from a recommendation: ").contains(" purchases (");
                assertThat(browser.find("#headline-answers").getText())
                        .isEqualTo(String.format(Locale.ENGLISH, "%,d", answers));
                assertThat(browser.all("#most-revenue tbody tr")).as("products that earned revenue").isNotEmpty();
                assertThat(browser.all("#most-shown tbody tr")).hasSizeGreaterThan(5);

                browser.driver.manage().window().setSize(new Dimension(1280, 2700));
                browser.awaitCharts(CHARTS);
                browser.screenshot("studio-overview-demo");
            }
        }
    }

    private static String figure(Browser browser, String row, String figure) {
        return browser.find(row + "td[data-figure='" + figure + "']").getText();
    }
}
