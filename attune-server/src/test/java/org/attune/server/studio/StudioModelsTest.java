package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.server.Browser;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio's model pages, clicked through in a real browser against a real server: define
 * a model with the signals the data dictionary suggests, see a refused field, edit it,
 * provision it behind its confirmation, read its analytics, stop it; the statuses and the
 * refusals the API gives; a phone's width and the keyboard.
 */
class StudioModelsTest {
    private static final String PASSWORD = "correct-horse-battery";
    @TempDir
    Path dataDir;
    RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Two catalogs: a shop whose twelve shoppers view two products each over three days and
     * four of whom buy (the products in {@code properties.items[*].id}), and a blog with reads.
     */
    private void startServer(PersonalizationSettings settings) throws Exception {
        server = RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0, RunningServer.ADMIN_KEY)
                .withPersonalization(settings));
        send("POST", "/v1/accounts", "application/json",
                "{\"name\": \"mira\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}");
        for (String catalog : List.of("shop", "blog")) {
            send("POST", "/v1/catalogs", "application/json", "{\"id\": \"" + catalog + "\", \"name\": \""
                    + (catalog.equals("shop") ? "Outdoor shop" : "Trail journal") + "\", \"language\": \"en\","
                    + " \"schema\": {\"attributes\": [{\"name\": \"title\", \"type\": \"string\", \"role\":"
                    + " \"title\"}]}}");
        }
        send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", """
                {"id":"boot-1","title":"Trail boot"}
                {"id":"boot-2","title":"City boot"}
                {"id":"coat-1","title":"Rain coat"}
                {"id":"hat-1","title":"Wool hat"}
                """);
        send("PUT", "/v1/catalogs/blog/products", "application/x-ndjson", "{\"id\":\"post-1\",\"title\":\"Ridges\"}\n");
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            String at = "\"timestamp\":\"2026-11-" + (18 + p % 3) + "T10:0";
            List<String> viewed = p < 8 ? List.of("boot-1", "boot-2") : List.of("coat-1", "hat-1");
            for (int v = 0; v < viewed.size(); v++) {
                events.append("{\"type\":\"view\",\"anonymousId\":\"s-").append(p).append("\",\"catalog\":\"shop\",")
                        .append("\"itemId\":\"").append(viewed.get(v)).append("\",").append(at).append(v)
                        .append(":00Z\"}\n");
            }
            if (p % 3 == 0) {
                events.append("{\"type\":\"purchase\",\"anonymousId\":\"s-").append(p).append("\",\"catalog\":")
                        .append("\"shop\",\"properties\":{\"orderId\":\"o-").append(p).append("\",\"items\":[{\"id\":\"")
                        .append(viewed.get(0)).append("\",\"quantity\":2}]},").append(at).append("5:00Z\"}\n");
            }
        }
        events.append("{\"type\":\"read\",\"anonymousId\":\"r-1\",\"catalog\":\"blog\",\"itemId\":\"post-1\",")
                .append("\"timestamp\":\"2026-11-19T08:00:00Z\"}\n");
        send("POST", "/v1/events", "application/x-ndjson", events.toString());
    }

    private void send(String method, String path, String type, String body) throws Exception {
        server.admin.sendOrFail(method, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aModelIsDefinedFromSuggestionsRefusedAtItsFieldEditedProvisionedAnalyzedAndStopped() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS);
        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.find("nav a[href='/studio/models']").click();
            browser.awaitPath("/studio/models");
            assertThat(browser.find("#no-models").getText()).startsWith("No models yet");
            browser.find("#new-model").click();
            browser.awaitPath("/studio/models/new");

            browser.type("model-name", "Shop favourites");
            new Select(browser.find("#model-catalog")).selectByValue("blog");
            assertThat(awaitOptions(browser, "#signal-0-event", "read")).as("the blog's event types only")
                    .containsExactly("", "read");
            new Select(browser.find("#model-catalog")).selectByValue("shop");
            assertThat(awaitOptions(browser, "#signal-0-event", "view")).containsExactly("", "view", "purchase");
            assertThat(browser.find("#signal-0-event option[value=view]").getText()).isEqualTo("view (24 events)");
            assertThat(browser.find("#model-name").getAttribute("value")).as("typing survives the refresh")
                    .isEqualTo("Shop favourites");
            assertThat(browser.find("#model-kind-hint").getText()).contains("seen together");

            new Select(browser.find("#signal-0-event")).selectByValue("view");
            awaitValue(browser, "#signal-0-path", "itemIds[*]");
            assertThat(browser.find("#signal-0-path-hint").getText()).isEqualTo("Suggested: itemIds[*]");
            browser.find("#add-signal").click();
            retrying(browser, () -> "signal-1-event".equals(browser.driver.switchTo().activeElement()
                    .getAttribute("id")) ? true : null);
            new Select(browser.find("#signal-1-event")).selectByValue("purchase");
            awaitValue(browser, "#signal-1-path", "properties.items[*].id");
            assertThat(attributes(browser, "#signal-1-paths option", "value")).as("the id-like paths first")
                    .startsWith("properties.items[*].id", "properties.orderId");
            assertThat(attributes(browser, "#signal-1-values option", "value"))
                    .containsExactly("properties.items[*].quantity");
            browser.type("signal-1-weight", "8");
            browser.type("signal-1-value", "properties.items[*].quantity");
            browser.find("#add-signal").click();
            browser.find("#signal-2-remove").click();
            browser.until(d -> d.findElements(By.cssSelector("#signals .signal")).size() == 2);
            browser.until(d -> "add-signal".equals(d.switchTo().activeElement().getAttribute("id")));
            assertThat(browser.find("#signal-1-weight").getAttribute("value")).isEqualTo("8");
            browser.scrollTo("h1");
            browser.screenshot("model-editor");

            browser.type("signal-1-path", "items[*].id");
            browser.find("#params summary").click();
            assertThat(browser.find("#param-minSupport").getAttribute("value")).as("the default").isEqualTo("2");
            browser.type("param-minSupport", "0");
            browser.find("#save-model").click();
            assertThat(browser.find("#signal-1-path-problem").getText())
                    .isEqualTo("'items[*].id' must be itemId, itemIds[*], or a path under properties or context,"
                            + " e.g. properties.items[*].id");
            assertThat(browser.find("#param-minSupport-problem").getText())
                    .isEqualTo("minSupport must be a whole number from 1 to 1000000 (default 2)");
            assertThat(browser.find("#params").getAttribute("open")).as("shown with its problem").isNotNull();
            assertThat(browser.find("#form-problems").getText()).contains("Not saved: 2 problems");
            assertThat(browser.find("#signal-1-path").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#model-name").getAttribute("value")).isEqualTo("Shop favourites");
            assertThat(new Select(browser.find("#signal-0-event")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("view");
            assertThat(browser.find("#signal-1-value").getAttribute("value")).isEqualTo("properties.items[*].quantity");
            assertThat(server.admin.get("/v1/models").body().path("models")).as("nothing was saved").isEmpty();

            browser.type("signal-1-path", "properties.items[*].id");
            browser.type("param-minSupport", "1");
            browser.find("#save-model").click();
            browser.until(d -> browser.path().matches("/studio/models/mdl_[0-9a-f]+"));
            String id = browser.path().substring("/studio/models/".length());
            assertThat(browser.find("#model-status").getText()).isEqualTo("draft");
            assertThat(browser.find("#done").getText()).startsWith("Saved as a draft");
            JsonNode saved = server.admin.get("/v1/models/" + id).body();
            assertThat(saved.path("signals").toString()).isEqualTo("[{\"name\":\"view\",\"eventType\":\"view\","
                    + "\"productIdPath\":\"itemIds[*]\",\"weight\":1.0},{\"name\":\"purchase\",\"eventType\":"
                    + "\"purchase\",\"productIdPath\":\"properties.items[*].id\",\"weight\":8.0,\"valuePath\":"
                    + "\"properties.items[*].quantity\"}]");
            assertThat(saved.path("kind").asText()).isEqualTo("co_occurrence");
            assertThat(saved.path("params").path("minSupport").asInt()).isEqualTo(1);

            browser.find("nav a[href='/studio/models']").click();
            browser.awaitPath("/studio/models");
            WebElement row = browser.find("#model-" + id);
            assertThat(row.findElement(By.cssSelector("[data-status]")).getText()).isEqualTo("draft");
            assertThat(row.getText()).contains("Shop favourites", "shop", "Co-occurrence", "none");

            row.findElement(By.cssSelector("a.model-link")).click();
            browser.find("#edit").click();
            browser.awaitPath("/studio/models/" + id + "/edit");
            assertThat(browser.find("#signal-1-path").getAttribute("value")).isEqualTo("properties.items[*].id");
            browser.type("signal-0-weight", "2");
            browser.find("#params summary").click();
            assertThat(browser.find("#param-minSupport").getAttribute("value")).as("the model's own value")
                    .isEqualTo("1");
            browser.type("param-maxNeighbors", "50");
            browser.find("#save-model").click();
            browser.awaitPath("/studio/models/" + id);
            assertThat(browser.find("#done").getText()).startsWith("Changes saved");
            assertThat(browser.all("#signals tbody tr")).extracting(WebElement::getText).containsExactly(
                    "view view itemIds[*] none 2", "purchase purchase properties.items[*].id"
                            + " properties.items[*].quantity 8");
            JsonNode edited = server.admin.get("/v1/models/" + id).body();
            assertThat(edited.path("signals").get(0).path("weight").asDouble()).isEqualTo(2.0);
            assertThat(edited.path("params").path("maxNeighbors").asInt()).isEqualTo(50);
            assertThat(edited.path("params").path("minSupport").asInt()).as("kept as it was").isEqualTo(1);

            browser.find("#provision").click();
            assertThat(browser.find("#provision-dialog").getText()).contains("trains it", "shop");
            browser.find("#provision-dialog button[data-close]").click();
            assertThat(browser.find("#provision-dialog").isDisplayed()).as("cancel closes the dialog").isFalse();
            assertThat(server.admin.get("/v1/models/" + id).body().path("status").asText())
                    .as("and changes nothing").isEqualTo("draft");
            browser.find("#provision").click();
            browser.find("#confirm-provision").click();
            awaitText(browser, "#model-status", "running");
            assertThat(browser.find("#active-version").getText()).isEqualTo("version 1");
            assertThat(browser.all("#progress")).as("the progress panel is gone once it runs").isEmpty();

            browser.find("nav a[href='/studio/models']").click();
            assertThat(browser.find("#model-" + id + " [data-status]").getText()).isEqualTo("running");
            assertThat(browser.find("#model-" + id + " td[data-label='Active version']").getText()).isEqualTo("1");
            browser.screenshot("models");

            browser.find("#model-" + id + " a.model-link").click();
            browser.find("#analytics-tab").click();
            browser.awaitPath("/studio/models/" + id + "/analytics");
            JsonNode analytics = server.admin.get("/v1/models/" + id + "/analytics").body();
            assertThat(browser.find("#overview-version").getText()).isEqualTo(analytics.path("version").asText());
            assertThat(browser.find("#overview-profiles").getText())
                    .isEqualTo(String.format("%,d", analytics.path("profilesEvaluated").asLong()));
            assertThat(browser.find("#overview-interactions").getText())
                    .isEqualTo(String.format("%,d", analytics.path("interactionsEvaluated").asLong()));
            assertThat(browser.find("#overview-events").getText())
                    .isEqualTo(String.format("%,d", analytics.path("events").asLong()));
            assertThat(analytics.path("profilesEvaluated").asLong()).as("twelve shoppers").isEqualTo(12);
            List<String> distribution = new ArrayList<>();
            analytics.path("weightDistribution").forEach(s -> distribution.add(s.path("signal").asText() + " "
                    + ModelAnalytics.amount(s.path("weight").asDouble()) + " "
                    + String.format("%.1f%%", s.path("share").asDouble() * 100)));
            assertThat(browser.all("#distribution-table tbody tr")).extracting(WebElement::getText)
                    .containsExactlyElementsOf(distribution).hasSize(2);
            assertThat(browser.all("#days-table tbody tr")).extracting(e -> e.findElement(By.tagName("th")).getText())
                    .containsExactly("2026-11-18", "2026-11-19", "2026-11-20")
                    .hasSize(analytics.path("weightsPerDay").size());
            assertThat(awaitChart(browser, "weight-distribution", "return c.data.labels;"))
                    .isEqualTo(List.of("view", "purchase"));
            assertThat(awaitChart(browser, "weights-per-day", "return c.data.datasets.map(d => d.label);"))
                    .isEqualTo(List.of("view", "purchase"));
            assertThat(browser.find("#version option[selected]").getText()).startsWith("Version 1 (active)");
            browser.screenshot("model-analytics");

            browser.find("#definition-tab").click();
            browser.find("#stop").click();
            assertThat(browser.find("#stop-dialog").getText()).contains("stops answering at once");
            browser.find("#confirm-stop").click();
            awaitText(browser, "#model-status", "stopped");
            assertThat(browser.find("#done").getText()).startsWith("Stopped");
            JsonNode stopped = server.admin.get("/v1/models/" + id).body();
            assertThat(stopped.path("status").asText()).as("the API's word for it").isEqualTo("draft");
            assertThat(stopped.path("activeVersion").asInt()).isEqualTo(1);
            assertThat(browser.all("#edit")).as("a stopped model can be changed again").hasSize(1);
            browser.find("nav a[href='/studio/models']").click();
            assertThat(browser.find("#model-" + id + " [data-status]").getText()).isEqualTo("stopped");
        }
    }

    @Test
    void theListShowsEachStatusAndAModelServingASetupIsNotStoppedWithTheApisReason() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS.with(Json.MAPPER.readTree(StudioShop.LENIENT)));
        send("POST", "/v1/catalogs/shop/personalization", "application/json", "{\"kind\": \"co_occurrence\"}");
        String setupModel = awaitJson("/v1/catalogs/shop/personalization", "status", "viable").path("modelId")
                .asText();
        String failing = server.admin.postJson("/v1/models", Json.MAPPER.readTree("""
                {"name": "Blog purchases", "catalog": "blog", "kind": "trending",
                 "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "itemIds[*]",
                              "weight": 8}]}""")).body().path("id").asText();
        send("POST", "/v1/models/" + failing + "/provision", "application/json", "{}");
        String failure = awaitJson("/v1/models/" + failing, "status", "failed").path("failure").asText();
        String draft = server.admin.postJson("/v1/models", Json.MAPPER.readTree("""
                {"name": "Views only", "catalog": "shop", "kind": "affinity",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemIds[*]", "weight": 1}]}
                """)).body().path("id").asText();
        var refused = server.admin.send("POST", "/v1/models/" + setupModel + "/stop", "application/json",
                new byte[0]);
        assertThat(refused.status()).isEqualTo(409);

        try (Browser browser = new Browser(server.url(), 1280, 1000)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/models");
            assertThat(browser.find("#model-" + setupModel + " [data-status]").getText()).isEqualTo("running");
            assertThat(browser.find("#model-" + setupModel + " [data-setup]").getText())
                    .isEqualTo("serves the personalization of shop");
            assertThat(browser.find("#model-" + failing + " [data-status]").getText()).isEqualTo("failed");
            assertThat(browser.find("#model-" + failing + " [data-failure]").getText()).isEqualTo(failure)
                    .contains("no events of the model's signals");
            assertThat(browser.find("#model-" + draft + " [data-status]").getText()).isEqualTo("draft");
            assertThat(browser.find("#model-" + draft + " td[data-label=Kind]").getText())
                    .isEqualTo("Attribute affinity");

            browser.open("/studio/models/" + setupModel);
            assertThat(browser.all("#stop")).as("no stop for a model that serves a setup").isEmpty();
            assertThat(browser.find("#stop-refusal").getText()).isEqualTo(refused.body().path("message").asText());
            assertThat(browser.find("#edit-refusal").getText()).contains("A running model cannot be changed",
                    "stop it first");
            assertThat(browser.find("#serves").getText()).isEqualTo("the personalization of shop");
            Object answer = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];
                    fetch(location.pathname + '/stop', {method: 'POST', headers: {'X-CSRF-Token': token}})
                        .then(r => r.text().then(t => done([r.status, t])));""");
            assertThat((List<?>) answer).first().as("the studio's stop refuses it too").isEqualTo(409L);
            assertThat(String.valueOf(((List<?>) answer).get(1))).contains("deactivate the setup instead");
            assertThat(server.admin.get("/v1/models/" + setupModel).body().path("status").asText())
                    .isEqualTo("running");

            browser.open("/studio/models/" + setupModel + "/edit");
            assertThat(browser.find("#edit-refusal").getText()).contains("stop it first");
            assertThat(browser.all("#model-form")).isEmpty();

            browser.open("/studio/models/" + failing);
            assertThat(browser.find("#failure").getText()).isEqualTo("Training failed: " + failure);
            assertThat(browser.all("#provision")).as("a failed model can be provisioned again").hasSize(1);

            browser.open("/studio/models/" + draft + "/analytics");
            assertThat(browser.find("#no-versions").getText()).startsWith("This model has not been trained yet");
            assertThat(browser.all("canvas")).isEmpty();
        }
        JsonNode paths = server.admin.get("/openapi.json").body().path("paths");
        for (String path : List.of("/studio/models", "/studio/models/new", "/studio/models/{id}",
                "/studio/models/{id}/edit", "/studio/models/{id}/progress", "/studio/models/{id}/provision",
                "/studio/models/{id}/stop", "/studio/models/{id}/analytics")) {
            assertThat(paths.path(path).toString()).as(path).contains("\"Studio\"");
        }
    }

    @Test
    void theModelPagesFitAPhoneAndWorkByKeyboard() throws Exception {
        startServer(PersonalizationSettings.DEFAULTS);
        String id = server.admin.postJson("/v1/models", Json.MAPPER.readTree("""
                {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemIds[*]", "weight": 1},
                             {"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                              "weight": 8}]}""")).body().path("id").asText();
        send("POST", "/v1/models/" + id + "/provision", "application/json", "{}");
        awaitJson("/v1/models/" + id, "status", "running");
        try (Browser browser = new Browser(server.url(), 390, 844)) {
            browser.signIn("mira", PASSWORD);
            browser.open("/studio/models");
            assertThat(browser.overflowsSideways()).as("the list stacks on a phone").isFalse();
            browser.screenshot("models-phone");
            tabTo(browser, "new-model");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            browser.awaitPath("/studio/models/new");
            assertThat(browser.overflowsSideways()).as("the editor fits").isFalse();
            tabTo(browser, "add-signal");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            retrying(browser, () -> "signal-1-event".equals(browser.driver.switchTo().activeElement()
                    .getAttribute("id")) ? true : null);
            assertThat(browser.overflowsSideways()).isFalse();
            browser.scrollTo("#signal-1");
            browser.screenshot("model-editor-phone");

            browser.open("/studio/models/" + id);
            assertThat(browser.overflowsSideways()).as("the model page fits").isFalse();
            tabTo(browser, "stop");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("stop-dialog")));
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("stop-dialog")));
            assertThat(browser.find("#model-status").getText()).isEqualTo("running");
            browser.open("/studio/models/" + id);
            tabTo(browser, "analytics-tab");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            browser.awaitPath("/studio/models/" + id + "/analytics");
            assertThat(awaitChart(browser, "weights-per-day", "return c.data.datasets.length;")).isEqualTo(2L);
            assertThat(browser.overflowsSideways()).as("the charts and tables fit").isFalse();
            browser.screenshot("model-analytics-phone");
        }
    }

    /** Presses Tab until the element with this id has the focus, as someone without a mouse would. */
    private static void tabTo(Browser browser, String id) {
        for (int i = 0; i < 80; i++) {
            if (id.equals(browser.driver.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** The option values of a select once one of them is {@code expected} (after an htmx swap). */
    private static List<String> awaitOptions(Browser browser, String css, String expected) {
        return retrying(browser, () -> {
            List<String> values = attributes(browser, css + " option", "value");
            return values.contains(expected) ? values : null;
        });
    }

    private static void awaitValue(Browser browser, String css, String value) {
        retrying(browser, () -> value.equals(browser.find(css).getAttribute("value")) ? true : null);
    }

    private static List<String> attributes(Browser browser, String css, String attribute) {
        return browser.all(css).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** What {@code script} returns for the Chart.js chart on the canvas (as {@code c}), once it is drawn. */
    private static Object awaitChart(Browser browser, String canvas, String script) {
        return browser.until(d -> ((JavascriptExecutor) d).executeScript("const c = window.Chart && Chart.getChart("
                + "document.getElementById('" + canvas + "')); if (!c) { return null; } " + script));
    }

    private static <T> T retrying(Browser browser, Supplier<T> value) {
        return browser.until(d -> {
            try {
                return value.get();
            } catch (StaleElementReferenceException e) {
                return null;
            }
        });
    }

    private JsonNode awaitJson(String path, String field, String expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode body;
        do {
            body = server.admin.get(path).body();
            if (body.path(field).asText().equals(expected)) {
                return body;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not become " + expected + ": " + body);
    }

    /** Waits for the element's text, through the reloads of a page whose training ends. */
    private static void awaitText(Browser browser, String css, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
