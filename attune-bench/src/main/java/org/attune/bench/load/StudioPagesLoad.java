package org.attune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The studio's pages on a large shop: a server process holding a synthetic shop loaded
 * through the API, a co_occurrence model, an active personalization setup (with its
 * viability report and run), the decisioning of {@link DecisionLoad} and an editor account.
 * The benchmark signs in through the sign-in form as a browser does, then asks for each page
 * one at a time (a person clicking, not a crowd): a few unmeasured requests, then
 * {@code --requests} measured ones. It reports per page the server's own time (the
 * {@code Server-Timing} header the studio sends) and the time until the whole answer was read
 * on this side of the loopback, as median, 90th percentile and maximum. Every answer must be
 * 200, or the run fails.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "The studio's pages, one request at a time, on a large shop: server time (Server-Timing)"
                + " and answer time per page.")
public final class StudioPagesLoad implements Callable<Integer> {
    /** The ceiling for a page's server time. */
    static final double TARGET_MILLIS = 300;
    private static final String ACCOUNT = "bench-editor";
    private static final String PASSWORD = "bench-editor-password";
    private static final Pattern SERVER_TIMING = Pattern.compile("dur=([0-9.]+)");
    private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"");

    @Option(names = "--server-jar", defaultValue = "attune-server/target/attune-server.jar",
            description = "The server's jar, started as a child process (default: ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--products", defaultValue = "100000", description = "Products in the shop (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--shoppers", defaultValue = "20000", description = "Shoppers (default: ${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--days", defaultValue = "28", description = "Days of behaviour (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--requests", defaultValue = "40", description = "Measured requests per page (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--warmup-requests", defaultValue = "10",
            description = "Unmeasured requests per page first (default: ${DEFAULT-VALUE})")
    int warmupRequests;

    @Option(names = "--server-heap", defaultValue = "4g", description = "The server's -Xmx (default: ${DEFAULT-VALUE})")
    String serverHeap;

    /**
     * A page as the studio's navigation or a link reaches it, or (with a form body) a request
     * a page makes while someone types.
     */
    record Page(String name, String path, String form) {
        Page(String name, String path) {
            this(name, path, null);
        }
    }

    /** A page's figures, in milliseconds. */
    record Timing(Page page, int bytes, double[] server, double[] answer) {
    }

    @Override
    public Integer call() throws Exception {
        long began = System.nanoTime();
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(products).withShoppers(shoppers)
                .withDays(days));
        Path dir = Files.createTempDirectory("attune-bench-studio");
        List<Timing> timings = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(serverJar, dir.resolve("data"), serverHeap)) {
            LoadedShop loaded = LoadedShop.load(server, shop, "studio");
            String catalog = loaded.catalog();
            String model = loaded.provision("co_occurrence");
            DecisionLoad.defineForYou(loaded, model);
            DecisionLoad.defineSearchRule(loaded, model);
            activatePersonalization(loaded);
            loaded.post("/v1/accounts", "{\"name\": \"" + ACCOUNT + "\", \"role\": \"editor\", \"password\": \""
                    + PASSWORD + "\"}");
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String session = signIn(browser, server);
            String person = URLEncoder.encode(loaded.persons().get(0).id(), StandardCharsets.UTF_8);
            String product = URLEncoder.encode(loaded.productIds().get(0), StandardCharsets.UTF_8);
            List<Page> pages = List.of(
                    new Page("catalogs", "/studio"),
                    new Page("overview (30 days)", "/studio/catalogs/" + catalog + "/overview?range=30d"),
                    new Page("set up", "/studio/setup"),
                    new Page("set up: review", "/studio/setup?catalog=" + catalog + "&kind=co_occurrence"),
                    new Page("personalization (active, report, runs)", "/studio/catalogs/" + catalog
                            + "/personalization"),
                    new Page("models", "/studio/models"),
                    new Page("model", "/studio/models/" + model),
                    new Page("model: new", "/studio/models/new?catalog=" + catalog),
                    new Page("model: analytics", "/studio/models/" + model + "/analytics"),
                    new Page("decisioning", "/studio/catalogs/" + catalog + "/decisioning"),
                    new Page("placement editor with preview", "/studio/catalogs/" + catalog
                            + "/decisioning/placements/" + DecisionLoad.PLACEMENT + "?person=" + person),
                    new Page("strategy editor with preview", "/studio/catalogs/" + catalog
                            + "/decisioning/strategies/" + DecisionLoad.STRATEGY),
                    new Page("rule editor with preview (20 products)", "/studio/catalogs/" + catalog
                            + "/decisioning/rules/" + DecisionLoad.RULE + "?page=shoes&person=" + person),
                    new Page("CEL check as you type (POST)", "/studio/catalogs/" + catalog
                            + "/expressions/check?field=eligibility", "eligibility=" + URLEncoder.encode(
                            "product.price < 100.0 && product.brand != 'x'", StandardCharsets.UTF_8)),
                    new Page("data dictionary", "/studio/dictionary"),
                    new Page("profile lookup", "/studio/profiles?id=" + person),
                    new Page("preview: person", "/studio/catalogs/" + catalog + "/preview?placement="
                            + DecisionLoad.PLACEMENT + "&person=" + person),
                    new Page("preview: typed events", "/studio/catalogs/" + catalog + "/preview?placement="
                            + DecisionLoad.PLACEMENT + "&events=" + URLEncoder.encode("view " + product,
                            StandardCharsets.UTF_8)));
            System.out.printf("studio pages: %d unmeasured then %d measured requests each, one at a time%n",
                    warmupRequests, requests);
            for (Page page : pages) {
                timings.add(measure(browser, server, session, page));
            }
            System.out.println();
            System.out.printf("studio pages, %,d products, %,d person ids; %d cores shared by the client and the"
                    + " server; heap limit %s%n", products, loaded.persons().size(),
                    Runtime.getRuntime().availableProcessors(), serverHeap);
            printRows(timings);
            System.out.printf("%nserver log and data: %s%n", dir);
        }
        System.out.printf("%nreproduce: java -jar attune-bench/target/attune-bench.jar studio --server-jar %s"
                        + " --products %d --shoppers %d --days %d --requests %d --warmup-requests %d"
                        + " --server-heap %s%ntook %.0f s in all%n", serverJar, products, shoppers, days, requests,
                warmupRequests, serverHeap, (System.nanoTime() - began) / 1e9);
        return 0;
    }

    /** Sets up the catalog's personalization with a co_occurrence model and activates it (anyway if need be). */
    private static void activatePersonalization(LoadedShop loaded) throws Exception {
        String path = "/v1/catalogs/" + loaded.catalog() + "/personalization";
        loaded.post(path, "{\"kind\": \"co_occurrence\"}");
        long started = System.nanoTime();
        while (true) {
            String status = loaded.get(path).path("status").asText();
            if (status.equals("viable") || status.equals("viable_needs_improvement")) {
                loaded.post(path + "/continue", "{}");
                break;
            }
            if (status.equals("not_viable")) {
                loaded.post(path + "/continue_anyway", "{}");
                break;
            }
            if (!status.equals("setup_in_progress") && !status.equals("viability_assessment")) {
                throw new IllegalStateException("the personalization setup ended " + status + ": "
                        + loaded.get(path));
            }
            Thread.sleep(200);
        }
        System.out.printf("personalization set up and activated in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Signs in through the form: the page's token with its cookie, then name and password.
     * The cookies are carried by hand: the studio marks them Secure (on loopback too, as
     * browsers allow), which Java's cookie manager keeps to HTTPS.
     *
     * @return the session cookie, {@code name=value}
     */
    private static String signIn(HttpClient browser, ServerProcess server) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = LOGIN_TOKEN.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("the sign-in page has no form token");
        }
        String fields = "_login=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&next=%2Fstudio"
                + "&name=" + ACCOUNT + "&password=" + PASSWORD;
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie(page, "attune_login"))
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("signing in answered " + answer.statusCode() + ": " + answer.body());
        }
        return cookie(answer, "attune_studio");
    }

    /** The session's CSRF token, as a page carries it for htmx. */
    private static String csrfToken(HttpClient browser, ServerProcess server, String session) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(server.url() + "/studio"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF_TOKEN.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("the studio page carries no CSRF token");
        }
        return token.group(1);
    }

    /** The cookie an answer sets, as {@code name=value}. */
    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name + " in " + response.headers()));
    }

    private Timing measure(HttpClient browser, ServerProcess server, String session, Page page) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + page.path()))
                .header("Cookie", session);
        if (page.form() != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                    .header("X-CSRF-Token", csrfToken(browser, server, session))
                    .POST(HttpRequest.BodyPublishers.ofString(page.form()));
        }
        HttpRequest request = builder.build();
        double[] serverMillis = new double[requests];
        double[] answerMillis = new double[requests];
        int bytes = 0;
        for (int i = -warmupRequests; i < requests; i++) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = browser.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double answered = (System.nanoTime() - sent) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(page.name() + " (" + page.path() + ") answered "
                        + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (i >= 0) {
                Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElseThrow(
                        () -> new IllegalStateException(page.path() + " sent no Server-Timing header")));
                if (!timing.find()) {
                    throw new IllegalStateException(page.path() + ": unreadable Server-Timing");
                }
                serverMillis[i] = Double.parseDouble(timing.group(1));
                answerMillis[i] = answered;
                bytes = response.body().length;
            }
        }
        return new Timing(page, bytes, serverMillis, answerMillis);
    }

    private static void printRows(List<Timing> timings) {
        System.out.printf("%-40s %9s | %26s | %26s%n", "", "", "server time (ms)", "answer read (ms)");
        System.out.printf("%-40s %9s | %8s %8s %8s | %8s %8s %8s%n", "page", "KB", "median", "p90", "max", "median",
                "p90", "max");
        for (Timing timing : timings) {
            double[] server = timing.server().clone();
            double[] answer = timing.answer().clone();
            Arrays.sort(server);
            Arrays.sort(answer);
            System.out.printf(Locale.ROOT, "%-40s %9.1f | %8.1f %8.1f %8.1f | %8.1f %8.1f %8.1f%s%n",
                    timing.page().name(), timing.bytes() / 1024.0, quantile(server, 0.5), quantile(server, 0.9),
                    server[server.length - 1], quantile(answer, 0.5), quantile(answer, 0.9),
                    answer[answer.length - 1], server[server.length - 1] > TARGET_MILLIS ? "  over " + TARGET_MILLIS
                            + " ms" : "");
        }
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
