package org.attune.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver. Both paths are given
 * explicitly, so Selenium never tries to download a browser or a driver (nothing can be
 * downloaded while the tests run). {@code .ci/run} installs the two packages.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where the screenshots that the README shows are kept, from attune-server's directory. */
    public static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    public final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    public Browser(String baseUrl, int width, int height) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The studio's browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver (bash .ci/run does this)");
        }
        this.baseUrl = baseUrl;
        profile = Files.createTempDirectory("attune-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Opens a path of the server. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Waits until the browser is on this path of the server (after a click that navigates). */
    public void awaitPath(String path) {
        until(driver -> path().equals(path));
    }

    /** Waits until Chart.js has drawn each of these charts (canvas ids) on a canvas of some size. */
    public void awaitCharts(List<String> canvasIds) {
        for (String chart : canvasIds) {
            find("#" + chart);
            until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("var c ="
                    + " document.getElementById(arguments[0]); return !!(window.Chart && Chart.getChart(c))"
                    + " && c.width > 0 && c.height > 0;", chart)));
        }
    }

    /** Clicks something that loads a new page (a link, a form's button) and waits until the old page is gone. */
    public void clickAndLoad(String css) {
        WebElement page = find("html");
        find(css).click();
        until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // chromium answers so for an element of a document it has just left
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public <T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }

    /** Types into a field found by its label's {@code for} id. */
    public Browser type(String id, String text) {
        WebElement field = find("#" + id);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public void signIn(String name, String password) {
        open("/studio/login").type("name", name).type("password", password);
        find("form[action='/studio/login'] button[type=submit]").click();
        until(ExpectedConditions.not(ExpectedConditions.urlContains("/studio/login")));
    }

    /**
     * The elements that stick out past the window's right edge (the innermost ones, described
     * by tag, id or class and text), empty when nothing needs sideways scrolling.
     */
    @SuppressWarnings("unchecked")
    public List<String> stickingOut() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                var width = document.documentElement.clientWidth, out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  if (e.getBoundingClientRect().right > width + 1 && !e.closest('dialog:not([open])')
                      && !Array.prototype.some.call(e.children, function (c) {
                        return c.getBoundingClientRect().right > width + 1; })) {
                    out.push(e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                        + ' ' + (e.textContent || '').trim().slice(0, 40));
                  }
                });
                return out;""");
    }

    /**
     * Whether the page is wider than the window (something would need sideways scrolling). The
     * width is the one left beside a vertical scroll bar, so a page that fits only without it fails.
     */
    public boolean overflowsSideways() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(overflow);
    }

    /**
     * Presses Tab through the page from its top and answers the visible controls (links,
     * buttons, fields; a radio group counts once) that focus never reached, each described by
     * its tag, id and text.
     */
    public List<String> unreachableByKeyboard() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Number controls = (Number) js.executeScript("""
                var n = 0;
                document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary,'
                    + ' [tabindex]:not([tabindex="-1"])').forEach(function (e) {
                  // not shown: in a closed dialog or details, or hidden by style
                  if (e.disabled || !e.checkVisibility({visibilityProperty: true})) { return; }
                  // a radio group is one stop for Tab (arrow keys move within it)
                  e.setAttribute('data-kb', e.type === 'radio' ? 'radio:' + e.name : String(n));
                  n++;
                });
                document.activeElement.blur();
                window.scrollTo(0, 0);
                return n;""");
        java.util.Set<String> reached = new java.util.HashSet<>();
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(driver);
        for (int i = 0; i < controls.intValue() + 10; i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            Object at = js.executeScript("return document.activeElement.getAttribute('data-kb');");
            if (at != null) {
                reached.add(at.toString());
            }
        }
        @SuppressWarnings("unchecked")
        List<String> missed = (List<String>) js.executeScript("""
                var reached = arguments[0], missed = [];
                document.querySelectorAll('[data-kb]').forEach(function (e) {
                  if (reached.indexOf(e.getAttribute('data-kb')) < 0) {
                    missed.push(e.tagName + '#' + e.id + ' ' + (e.textContent || e.name || '').trim().slice(0, 40));
                  }
                });
                return missed;""", new java.util.ArrayList<>(reached));
        return missed;
    }

    /** Scrolls the element to the top of the window (before a screenshot of what lies below the fold). */
    public void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", find(css));
    }

    /** Saves a screenshot of the window as docs/screenshots/NAME.png. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
