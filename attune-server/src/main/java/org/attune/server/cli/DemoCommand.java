package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
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
import org.attune.core.security.Role;
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
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the server with a generated demo shop loaded through the HTTP API.%n"
                + "Prints an admin API key and the studio sign-in of the account 'demo' (role editor), with a"
                + " new random password on every run unless env ATTUNE_DEMO_PASSWORD sets it.")
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_KEY_NAME = "demo";
    private static final String DEMO_ACCOUNT = "demo";

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
                load(client, spec);
                Map<String, String> byKind = defineModels(client, spec.catalogId());
                defineDecisioning(client, spec.catalogId(), byKind);
            }
            ServeCommand.printBanner(app, key);
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
        for (ApiKey key : app.keys().list()) {
            if (key.active() && key.name().equals(DEMO_KEY_NAME)) {
                app.keys().revoke(key.id());
            }
        }
        return app.keys().create(DEMO_KEY_NAME, Role.ADMIN).secret();
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

    private static void load(AttuneClient client, ShopSpec spec) throws IOException, InterruptedException {
        long started = System.nanoTime();
        System.err.printf("Generating demo shop: %,d products, %,d shoppers, %d days...%n",
                spec.products(), spec.shoppers(), spec.days());
        ShopGenerator generator = new ShopGenerator(spec);
        client.sendOrFail("POST", "/v1/catalogs", "application/json",
                Json.MAPPER.writeValueAsBytes(generator.catalogDefinition()));
        List<ObjectNode> products = generator.products();
        for (int from = 0; from < products.size(); from += 20_000) {
            byte[] ndjson = ndjson(products.subList(from, Math.min(products.size(), from + 20_000)));
            JsonNode answer = client.sendOrFail("PUT", "/v1/catalogs/" + spec.catalogId() + "/products",
                    "application/x-ndjson", ndjson).body();
            requireNoRejections(answer, "products");
        }
        System.err.printf("  %,d products loaded%n", products.size());
        EventSender sender = new EventSender(client);
        generator.events(sender::add);
        sender.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("  %,d events loaded through POST /v1/events in %.1f s%n", sender.sent, seconds);
    }

    /**
     * The demo's models, one per kind, with the shop's signals; provisioned at once (they train in the background).
     *
     * @return model ids by kind
     */
    private static Map<String, String> defineModels(AttuneClient client, String catalog)
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
            client.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", new byte[0]);
            byKind.put(model[1], id);
        }
        System.err.println("  " + models.length + " demo models defined and provisioning in the background (attune"
                + " models list)");
        return byKind;
    }

    /**
     * Three placements with their strategies (personalized with a formula, related products, a
     * popular fallback) and a search rule left disabled, so decisions work from the start.
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
                    + models.get("collaborative") + "\", \"strength\": 0.5, \"enabled\": false}"}};
        for (String[] definition : definitions) {
            client.sendOrFail("PUT", base + definition[0], "application/json",
                    definition[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.err.println("  placements home.recommended_for_you, pdp.also_bought and email.picks defined"
                + " (docs/decisioning.md)");
    }

    private static byte[] ndjson(List<? extends JsonNode> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 300);
        try {
            for (JsonNode record : records) {
                Json.MAPPER.writeValue(out, record);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void requireNoRejections(JsonNode answer, String what) {
        if (answer.path("rejected").size() > 0) {
            throw new IllegalStateException("the server rejected generated " + what + ": "
                    + answer.path("rejected").get(0));
        }
    }

    /** Sends generated events in NDJSON batches of 5,000 over one connection. */
    private static final class EventSender {
        private final AttuneClient client;
        private final java.util.ArrayList<ObjectNode> batch = new java.util.ArrayList<>(5_000);
        private long sent;

        EventSender(AttuneClient client) {
            this.client = client;
        }

        void add(ObjectNode event) {
            batch.add(event);
            if (batch.size() == 5_000) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                JsonNode answer = client.sendOrFail("POST", "/v1/events", "application/x-ndjson", ndjson(batch)).body();
                requireNoRejections(answer, "events");
                sent += answer.path("accepted").asLong();
                if (sent % 500_000 < 5_000) {
                    System.err.printf("  %,d events...%n", sent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            batch.clear();
        }
    }
}
