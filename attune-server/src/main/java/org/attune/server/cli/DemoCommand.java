package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.attune.core.json.Json;
import org.attune.core.security.Account;
import org.attune.core.security.Accounts;
import org.attune.core.security.ApiKey;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.synthetic.ShopExposure;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code attune demo}: starts the server with a generated demo shop. On the first run it
 * generates the shop and loads it through the real HTTP API (the same validation and
 * durability path as live traffic); later runs reuse the data directory. Each run makes
 * a fresh admin key named "demo" (revoking the previous one) and a fresh password for the
 * studio account "demo" (role editor), and prints both.
 *
 * <h2>A shop that shows recommendations</h2>
 * The demo behaves like a shop that shows Attune's recommendations, so that its reports hold
 * real-looking outcomes and better recommendations measurably earn more. The shop's history
 * up to {@code --exposure-days} (14) before its end is loaded as generated; then the demo
 * defines its models and placements and waits until the models the placements use
 * ({@code collaborative} and {@code co_occurrence}) serve. For the last days, each simulated
 * home-page visit is decided in-process for {@value DemoPlacements#HOME} and each product page
 * for {@value DemoPlacements#PRODUCT_PAGE} (with the page's product), as of the simulated time
 * ({@link DemoPlacements}); the shopper sees the answer (an {@code impression} event with its
 * recId, on most pages), clicks a product with a chance that grows with how well it matches
 * their hidden tastes and falls with its position, and may put it in the cart and buy it as
 * any viewed product (see {@link org.attune.core.synthetic.ShopExposure}). Events go to the
 * server through the API in time order, an hour of simulated time at a time, each hour applied
 * (profiles and attribution) before the next hour's decisions, so a decision knows the shop
 * up to the hour it is made in, though not the same session's earlier pages. Afterwards the
 * models train again on the whole history, the sequence model (slow to train) is provisioned
 * last, and the demo prints each placement's figures from {@code GET /v1/reports}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the server with a generated demo shop loaded through the HTTP API.%n"
                + "Prints an admin API key and the studio sign-in of the account 'demo' (role editor), with a"
                + " new random password on every run unless env ATTUNE_DEMO_PASSWORD sets it.")
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_KEY_NAME = "demo";
    private static final String DEMO_ACCOUNT = "demo";
    private static final String STOREFRONT_KEY_NAME = "demo storefront";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    @Option(names = "--data-dir", defaultValue = "attune-demo", description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--products", defaultValue = "20000", description = "Products to generate (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--shoppers", defaultValue = "50000", description = "Shoppers to simulate (default: ${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--days", defaultValue = "56", description = "Days of behavior (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--exposure-days", defaultValue = "14", description = "Days at the end in which simulated"
            + " shoppers are shown the demo's placements, click and buy by their tastes, and earn the reports' outcomes"
            + " (0: none; at most --days minus 1) (default: ${DEFAULT-VALUE})")
    int exposureDays;

    @Option(names = "--exit-after-load", description = "Stop after loading instead of serving (for scripts and tests)")
    boolean exitAfterLoad;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    /** Reads an environment variable (null when unset); tests hand in an environment of their own. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        char[] password = demoPassword();
        AttuneApplication app = AttuneApplication.start(
                ServerSettings.of(dataDir, host, port, environment.apply("ATTUNE_ADMIN_KEY")));
        try {
            String key = demoKey(app);
            String studioSignIn = demoAccount(app, password);
            AttuneClient client = new AttuneClient(app.baseUrl(), key);
            ShopSpec spec = ShopSpec.demo().withProducts(products).withShoppers(shoppers).withDays(days)
                    .withEnd(Instant.now().truncatedTo(ChronoUnit.MINUTES));
            if (app.catalogs().exists(spec.catalogId())) {
                System.err.println("Demo shop '" + spec.catalogId() + "' already loaded in " + dataDir
                        + "; serving it (delete the directory for a fresh one).");
            } else {
                load(app, client, spec, Math.max(0, Math.min(exposureDays, spec.days() - 1)));
            }
            app.storefront().open(spec.catalogId(), storefrontKey(app, spec.catalogId()));
            ServeCommand.printBanner(app, key);
            System.out.println("  Storefront: " + app.baseUrl() + "/shop/   (the demo shop's pages with the web tag)");
            System.out.println("  Studio: " + app.baseUrl() + "/studio  " + studioSignIn);
            System.out.println("  demo catalog: " + app.baseUrl() + "/v1/catalogs/" + spec.catalogId()
                    + "   dictionary: " + app.baseUrl() + "/v1/dictionary");
            System.out.println("  trending:     " + app.baseUrl() + "/v1/recommendations?catalog=" + spec.catalogId()
                    + "&strategy=trending   (also recently_viewed and top_affinity with &anonymousId=...)");
            for (JsonNode model : client.get("/v1/models").body().path("models")) {
                System.out.printf("  model %-14s %s/v1/recommendations?model=%s&anonymousId=...   (%s)%n",
                        model.path("kind").asText() + ":", app.baseUrl(), model.path("id").asText(),
                        model.path("status").asText());
            }
            System.out.println("  decide:       curl -H 'Authorization: Bearer " + key + "' -d '{\"catalog\": \""
                    + spec.catalogId() + "\", \"anonymousId\": \"...\", \"placements\":"
                    + " [\"home.recommended_for_you\"], \"explain\": true}' " + app.baseUrl() + "/v1/decisions");
            System.out.println("  reports:      " + app.baseUrl() + "/v1/reports?catalog=" + spec.catalogId()
                    + "&granularity=day&groupBy=placement   (what the placements' answers earned)");
            if (exitAfterLoad) {
                app.close();
                return 0;
            }
        } catch (Exception e) {
            app.close();
            throw e;
        }
        ServeCommand.awaitShutdown(app);
        return 0;
    }

    private static String demoKey(AttuneApplication app) {
        revokeActive(app, DEMO_KEY_NAME);
        return app.keys().create(DEMO_KEY_NAME, Role.ADMIN).secret();
    }

    /** Revokes the keys of this name an earlier start made (their secrets were printed, not kept). */
    private static void revokeActive(AttuneApplication app, String name) {
        for (ApiKey key : app.keys().list()) {
            if (key.active() && key.name().equals(name)) {
                app.keys().revoke(key.id());
            }
        }
    }

    /**
     * A browser key for the storefront's pages, as this server is reached on this machine
     * (its address, localhost and 127.0.0.1 at its port); the one of an earlier start is revoked.
     */
    private static String storefrontKey(AttuneApplication app, String catalog) {
        revokeActive(app, STOREFRONT_KEY_NAME);
        int port = java.net.URI.create(app.baseUrl()).getPort();
        List<String> origins = List.of(app.baseUrl(), "http://localhost:" + port, "http://127.0.0.1:" + port);
        return app.keys().createBrowserKey(STOREFRONT_KEY_NAME, BrowserAccess.of(origins, List.of(catalog),
                List.of(), 100, app.catalogs()::exists)).secret();
    }

    /** ATTUNE_DEMO_PASSWORD when set (a usage error when it would not do), else 16 random URL-safe characters. */
    private char[] demoPassword() {
        String chosen = environment.apply("ATTUNE_DEMO_PASSWORD");
        if (chosen == null) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
        }
        char[] password = chosen.toCharArray();
        Accounts.passwordProblems(password).stream().findFirst().ifPresent(problem -> {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "ATTUNE_DEMO_PASSWORD: " + problem.message());
        });
        return password;
    }

    /**
     * Gives the studio account "demo" this password, creating it (role editor) on the first run.
     *
     * @return how to sign in, as printed
     */
    private static String demoAccount(AttuneApplication app, char[] password) {
        Optional<Account> existing = app.accounts().find(DEMO_ACCOUNT);
        if (existing.isEmpty()) {
            app.accounts().create(DEMO_ACCOUNT, Role.EDITOR, password);
        } else if (existing.get().active()) {
            app.accounts().changePassword(DEMO_ACCOUNT, password);
        } else {
            return "(the account '" + DEMO_ACCOUNT + "' is disabled in this data directory)";
        }
        return "user " + DEMO_ACCOUNT + "  password " + new String(password);
    }

    /**
     * Generates the shop and loads it through the API with its models and placements; the last
     * {@code shownDays} days are played with the placements shown (none when 0).
     */
    private static void load(AttuneApplication app, AttuneClient client, ShopSpec spec, int shownDays)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        System.err.printf("Generating demo shop: %,d products, %,d shoppers, %d days...%n",
                spec.products(), spec.shoppers(), spec.days());
        ShopGenerator generator = new ShopGenerator(spec);
        client.sendOrFail("POST", "/v1/catalogs", "application/json",
                Json.MAPPER.writeValueAsBytes(generator.catalogDefinition()));
        List<ObjectNode> products = generator.products();
        for (int from = 0; from < products.size(); from += 20_000) {
            byte[] ndjson = DemoEventSender.ndjson(products.subList(from, Math.min(products.size(), from + 20_000)));
            JsonNode answer = client.sendOrFail("PUT", "/v1/catalogs/" + spec.catalogId() + "/products",
                    "application/x-ndjson", ndjson).body();
            DemoEventSender.requireNoRejections(answer, "products");
        }
        System.err.printf("  %,d products loaded%n", products.size());
        DemoEventSender sender = new DemoEventSender(client);
        if (shownDays == 0) {
            generator.events(sender::add);
            sender.flush();
            System.err.printf("  %,d events loaded through POST /v1/events in %.1f s%n", sender.sent(),
                    (System.nanoTime() - started) / 1e9);
            Map<String, String> byKind = defineModels(client, spec.catalogId(), true);
            defineDecisioning(client, spec.catalogId(), byKind);
            return;
        }
        Exposure exposure = new Exposure(client, spec, shownDays, sender, started);
        DemoPlacements placements = new DemoPlacements(app.decisions(), app.profiles(), spec.catalogId(), sender,
                exposure::afterStep);
        exposure.placements = placements;
        generator.events(event -> {
            exposure.count(event);
            sender.add(event);
        }, new ShopExposure(placements, exposure.from, Duration.ofHours(1)));
        sender.flushAndAwaitApplied();
        exposure.finish();
    }

    /**
     * The demo's exposure phase: at the end of the history the models and placements are
     * defined and awaited; then progress every two simulated days; at the end the models train
     * again on everything and the placements' figures are printed.
     */
    private static final class Exposure {
        private final AttuneClient client;
        private final ShopSpec spec;
        private final int days;
        private final Instant from;
        private final DemoEventSender sender;
        private final long started;
        private DemoPlacements placements;
        private Map<String, String> models;
        private long shownStarted;
        private long eventsBefore;
        private long impressions;
        private long clicks;

        Exposure(AttuneClient client, ShopSpec spec, int days, DemoEventSender sender, long started) {
            this.client = client;
            this.spec = spec;
            this.days = days;
            this.from = spec.end().minus(days, ChronoUnit.DAYS);
            this.sender = sender;
            this.started = started;
        }

        void count(ObjectNode event) {
            String type = event.get("type").asText();
            if (type.equals("impression")) {
                impressions++;
            } else if (type.equals("click") && event.path("context").has("recId")) {
                clicks++;
            }
        }

        void afterStep(long time) {
            try {
                if (models == null) {
                    endOfHistory();
                } else if ((time - from.toEpochMilli()) % (2 * DAY_MILLIS) == 0) {
                    System.err.printf("  day %d of %d shown: %,d answers, %,d impressions, %,d clicks (%.0f s)%n",
                            (time - from.toEpochMilli()) / DAY_MILLIS, days, placements.answers(), impressions,
                            clicks, (System.nanoTime() - shownStarted) / 1e9);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void endOfHistory() throws IOException, InterruptedException {
            eventsBefore = sender.sent();
            System.err.printf("  %,d events of the first %d days loaded through POST /v1/events in %.1f s%n",
                    eventsBefore, spec.days() - days, (System.nanoTime() - started) / 1e9);
            long defined = System.nanoTime();
            models = defineModels(client, spec.catalogId(), false);
            defineDecisioning(client, spec.catalogId(), models);
            awaitServing(client, models, List.of("co_occurrence", "collaborative"));
            System.err.printf("  models co_occurrence and collaborative serving after %.1f s; shoppers now see"
                    + " %s and %s for the last %d days...%n", (System.nanoTime() - defined) / 1e9,
                    DemoPlacements.HOME, DemoPlacements.PRODUCT_PAGE, days);
            shownStarted = System.nanoTime();
        }

        void finish() throws IOException, InterruptedException {
            System.err.printf("  %,d events of the last %d days loaded in %.1f s: %,d answers (%,d empty),"
                    + " %,d impressions, %,d clicks on recommendations%n", sender.sent() - eventsBefore, days,
                    (System.nanoTime() - shownStarted) / 1e9, placements.answers(), placements.emptyAnswers(),
                    impressions, clicks);
            for (String kind : List.of("affinity", "co_occurrence", "collaborative", "trending")) {
                // Trained on the history alone so far; a model not running (e.g. failed on a tiny shop) is left.
                client.send("POST", "/v1/models/" + models.get(kind) + "/train", "application/json", new byte[0]);
            }
            client.sendOrFail("POST", "/v1/models/" + models.get("sequence") + "/provision", "application/json",
                    new byte[0]);
            System.err.println("  models training again on the whole history in the background; sequence"
                    + " provisioning");
            printReport();
        }

        /** Each demo placement's figures over the shown days, once the decision log has counted every answer. */
        private void printReport() throws IOException, InterruptedException {
            String path = "/v1/reports?catalog=" + spec.catalogId() + "&granularity=day&groupBy=placement&from="
                    + from + "&to=" + spec.end();
            long deadline = System.nanoTime() + 30_000_000_000L;
            JsonNode totals;
            long counted;
            do {
                totals = client.get(path).body().path("totals");
                counted = 0;
                for (JsonNode row : totals) {
                    counted += row.path("answers").asLong();
                }
            } while (counted < placements.answers() && System.nanoTime() < deadline && pause());
            System.err.println("  " + path + ":");
            for (JsonNode row : totals) {
                if (row.path("group").path("placement").asText().isEmpty()) {
                    System.err.printf("    %-26s %,7d clicks and %,d purchases (%,.2f EUR) credited to no answer%n",
                            "(not from a placement)", row.path("unattributedClicks").asLong(),
                            row.path("unattributedPurchases").asLong(), row.path("unattributedRevenue").asDouble());
                    continue;
                }
                System.err.printf("    %-26s %,9d answers %,10d impressions %,7d clicks (CTR %.2f%%) %,6d"
                                + " purchases %,12.2f EUR revenue (+ %,.2f EUR view-through)%n",
                        row.path("group").path("placement").asText(), row.path("answers").asLong(),
                        row.path("impressions").asLong(), row.path("clicks").asLong(),
                        100 * row.path("ctr").asDouble(), row.path("purchases").asLong(),
                        row.path("revenue").asDouble(), row.path("viewThroughRevenue").asDouble());
            }
        }

        private static boolean pause() throws InterruptedException {
            Thread.sleep(100);
            return true;
        }
    }

    /** Waits until the models of these kinds have finished provisioning (up to 15 minutes), and says which do not run. */
    private static void awaitServing(AttuneClient client, Map<String, String> models, List<String> kinds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 900_000_000_000L;
        for (String kind : kinds) {
            String status;
            do {
                Thread.sleep(200);
                status = client.get("/v1/models/" + models.get(kind)).body().path("status").asText();
            } while (status.equals("provisioning") && System.nanoTime() < deadline);
            if (!status.equals("running")) {
                System.err.println("  model " + kind + " is " + status + "; its placement shows its fallback");
            }
        }
    }

    /**
     * The demo's models, one per kind, with the shop's signals; provisioned at once (they train in the
     * background), the sequence model only when {@code provisionSequence} (else the caller does it later).
     *
     * @return model ids by kind
     */
    private static Map<String, String> defineModels(AttuneClient client, String catalog, boolean provisionSequence)
            throws IOException, InterruptedException {
        String signals = """
                [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1},
                 {"name": "carts", "eventType": "add_to_cart", "productIdPath": "itemId", "weight": 5},
                 {"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                  "weight": 8, "valuePath": "properties.items[*].quantity"}]""";
        String[][] models = {
            {"Vibe: attribute affinity", "affinity", "{}"},
            {"Also viewed or bought", "co_occurrence", "{}"},
            {"Blend: people like you", "collaborative", "{}"},
            {"Surge: rising now", "trending", "{}"},
            // last, so that the quicker kinds serve while it trains (each of its two fits stops after 4 minutes)
            {"Next: behavioral sequence", "sequence", "{}"}};
        Map<String, String> byKind = new java.util.LinkedHashMap<>();
        for (String[] model : models) {
            String definition = "{\"name\": \"" + model[0] + "\", \"catalog\": \"" + catalog + "\", \"kind\": \""
                    + model[1] + "\", \"signals\": " + signals + ", \"params\": " + model[2] + "}";
            String id = client.sendOrFail("POST", "/v1/models", "application/json",
                    definition.getBytes(java.nio.charset.StandardCharsets.UTF_8)).body().path("id").asText();
            byKind.put(model[1], id);
        }
        // One training at a time: the placements' models first, so that the shown days start sooner.
        List<String> order = new java.util.ArrayList<>(List.of("co_occurrence", "collaborative", "affinity",
                "trending"));
        if (provisionSequence) {
            order.add("sequence");
        }
        for (String kind : order) {
            client.sendOrFail("POST", "/v1/models/" + byKind.get(kind) + "/provision", "application/json",
                    new byte[0]);
        }
        System.err.println("  " + models.length + " demo models defined and provisioning in the background (attune"
                + " models list)" + (provisionSequence ? "" : "; sequence after the shown days"));
        return byKind;
    }

    /**
     * Three placements with their strategies (personalized with a formula, related products, a
     * popular fallback) and a search and a category rule left disabled (an enabled rule would
     * block deactivating the personalization the README walks through; enabled, the category
     * rule re-ranks the storefront's category pages), so decisions work from the start.
     */
    private static void defineDecisioning(AttuneClient client, String catalog, Map<String, String> models)
            throws IOException, InterruptedException {
        String base = "/v1/catalogs/" + catalog + "/";
        String[][] definitions = {
            {"strategies/popular", "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}"},
            {"strategies/for-you", "{\"name\": \"For you\", \"sources\": [{\"type\": \"model\", \"model\": \""
                    + models.get("collaborative") + "\"}], \"eligibility\": \"product.available\","
                    + " \"ranking\": {\"by\": \"blend\", \"formula\": \"profile.affinity.brand[product.brand]\","
                    + " \"formulaWeight\": 0.2}, \"diversity\": {\"attribute\": \"brand\", \"maxPerValue\": 3},"
                    + " \"fallbacks\": [\"popular\"]}"},
            {"strategies/also-viewed", "{\"name\": \"Also viewed or bought\", \"sources\": [{\"type\":"
                    + " \"related\", \"model\": \"" + models.get("co_occurrence") + "\"}], \"fallbacks\":"
                    + " [\"popular\"]}"},
            {"placements/home.recommended_for_you", "{\"name\": \"Home: recommended for you\", \"channel\":"
                    + " \"web\", \"items\": 8, \"strategy\": \"for-you\"}"},
            {"placements/pdp.also_bought", "{\"name\": \"Product page: also viewed or bought\", \"channel\":"
                    + " \"web\", \"items\": 4, \"strategy\": \"also-viewed\"}"},
            {"placements/email.picks", "{\"name\": \"E-mail: picks for you\", \"channel\": \"email\","
                    + " \"items\": 6, \"strategy\": \"for-you\", \"cap\": {\"impressions\": 1, \"hours\": 168}}"},
            {"rules/search", "{\"name\": \"Personal search\", \"pageType\": \"search\", \"model\": \""
                    + models.get("collaborative") + "\", \"strength\": 0.5, \"enabled\": false}"},
            {"rules/category", "{\"name\": \"Personal category pages\", \"pageType\": \"category\","
                    + " \"model\": \"" + models.get("collaborative") + "\", \"strength\": 0.5, \"enabled\": false}"}};
        for (String[] definition : definitions) {
            client.sendOrFail("PUT", base + definition[0], "application/json",
                    definition[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.err.println("  placements home.recommended_for_you, pdp.also_bought and email.picks, and rules for"
                + " search and category pages (disabled) defined (docs/decisioning.md)");
    }
}
