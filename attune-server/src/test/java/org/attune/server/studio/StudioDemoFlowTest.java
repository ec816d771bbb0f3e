package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attune.server.Browser;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's promise, as a newcomer meets it: run the demo command in a process of its own,
 * open the studio address it prints, sign in with the printed name and password, and click
 * through the setup of the demo shop's personalization: set up, read the viability report,
 * activate, preview a recommendation, deactivate. The shop is the demo's generated shop at a
 * smaller size (500 products, 2,000 shoppers, 21 days) so that it loads in seconds; at that
 * size it is viable under the default thresholds.
 */
class StudioDemoFlowTest {
    private static final Pattern STUDIO = Pattern.compile(
            "Studio: (http://127\\.0\\.0\\.1:\\d+)/studio {2}user (\\S+) {2}password (\\S+)");
    private static final Pattern KEY = Pattern.compile("admin API key \\(shown once, stored hashed\\): (atk_\\S+)");

    @TempDir
    Path work;
    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void aNewcomerSignsInWithThePrintedCredentialsSetsUpTheDemoShopPreviewsAndDeactivates() throws Exception {
        String printed = startDemo();
        Matcher studio = STUDIO.matcher(printed);
        assertThat(studio.find()).as("the studio sign-in in:%n%s", printed).isTrue();
        Matcher key = KEY.matcher(printed);
        assertThat(key.find()).isTrue();
        String url = studio.group(1);
        AttuneClient api = new AttuneClient(url, key.group(1));

        try (Browser browser = new Browser(url, 1280, 1000)) {
            browser.signIn(studio.group(2), studio.group(3));
            assertThat(browser.path()).isEqualTo("/studio");
            assertThat(browser.find("#catalog-demo [data-status]").getText()).isEqualTo("not set up");
            assertThat(browser.find("#catalog-demo").getText()).contains("500");

            browser.find("#catalog-demo a.set-up").click();
            browser.awaitPath("/studio/setup");
            assertThat(new Select(browser.find("#catalog")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("demo");
            browser.find("input[name=kind][value=co_occurrence]").click();
            assertThat(browser.find("#setup-review").getText()).contains("500 products",
                    "Nothing is shown to shoppers until you activate");
            browser.find("#start-setup").click();
            browser.awaitPath("/studio/catalogs/demo/personalization");

            await(browser, "#setup-status", "viable");
            assertThat(browser.find("#verdict").getText()).isEqualTo("viable");
            assertThat(browser.all("#viability .light.red")).as("no red criterion").isEmpty();
            assertThat(browser.find("#accuracy").getText()).as("2,000 shoppers over 21 days are enough to hold out")
                    .doesNotStartWith("Not measured").contains("popularity");
            browser.screenshot("demo-viability-report");

            browser.find("#continue").click();
            assertThat(browser.find("#activate-dialog").getText()).contains("retrains it every day");
            browser.find("#confirm-activate").click();
            await(browser, "#setup-status", "active");
            assertThat(browser.find("#runs tbody tr").getText()).contains("setup", "succeeded");

            browser.find("#preview-link").click();
            browser.awaitPath("/studio/catalogs/demo/preview");
            new Select(browser.find("#placement")).selectByValue("home.recommended_for_you");
            browser.clickAndLoad("#preview");
            assertThat(browser.find("#source").getText()).as("a new visitor").isEqualTo("fallback");
            String shopper = browser.find("#recent a.recent-person").getText();
            browser.clickAndLoad("#recent a.recent-person");
            assertThat(browser.find("#person").getAttribute("value")).isEqualTo(shopper);
            assertThat(browser.find("#source").getText()).as("a shopper active lately, with history")
                    .isEqualTo("personalized");
            assertThat(browser.all("#items li.item")).as("the placement's eight items").hasSize(8);
            assertThat(browser.all("#items li.item .title")).as("each with its product's title, not its id")
                    .extracting(e -> e.getText()).allSatisfy(title -> assertThat(title).contains(" "));
            assertThat(browser.find("#items li.item .because").getText()).contains("source");
            browser.until(driver -> browser.all("#items li.item img").isEmpty());
            assertThat(browser.all("#items li.item .noimage")).as("the demo's made-up picture addresses give way to"
                    + " empty tiles, not broken images").hasSize(8);
            browser.screenshot("demo-preview");

            browser.open("/studio");
            browser.find("#catalog-demo button[data-dialog]").click();
            browser.find("#deactivate-demo button[type=submit]").click();
            assertThat(browser.find(".notice.ok").getText()).contains("deactivated");
            assertThat(browser.find("#catalog-demo [data-status]").getText()).isEqualTo("deactivated");

            Matcher storefront = Pattern.compile("Storefront: (http://127\\.0\\.0\\.1:\\d+/shop/)").matcher(printed);
            assertThat(storefront.find()).as("the storefront's address in:%n%s", printed).isTrue();
            browser.driver.get(storefront.group(1));
            browser.until(driver -> "filled".equals(browser.find("#for-you").getAttribute("data-attune-state")));
            assertThat(browser.all("#for-you [data-attune-item]")).as("the demo's tag and browser key at work")
                    .hasSize(8);
        }
        JsonNode setup = api.get("/v1/catalogs/demo/personalization").body();
        assertThat(setup.path("status").asText()).isEqualTo("deactivated");
    }

    /** Runs {@code attune demo} as a child process and returns what it printed once the studio line is out. */
    private String startDemo() throws IOException, InterruptedException {
        Path output = work.resolve("demo.log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classPath, "org.attune.server.cli.AttuneCommand", "demo",
                "--data-dir", work.resolve("data").toString(), "--port", "0",
                "--products", "500", "--shoppers", "2000", "--days", "21")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ATTUNE_DEMO_PASSWORD");
        builder.environment().remove("ATTUNE_ADMIN_KEY");
        demo = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (STUDIO.matcher(printed).find() && printed.contains("decide:")) {
                return printed;
            }
            assertThat(demo.isAlive()).as("the demo runs; it printed:%n%s", printed).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not start within 3 minutes:\n" + Files.readString(output));
    }

    /** Waits for the element's text while the setup runs (the page polls its progress and reloads). */
    private static void await(Browser browser, String css, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(250))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
