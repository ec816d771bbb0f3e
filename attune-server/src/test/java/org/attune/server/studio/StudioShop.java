package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.server.RunningServer;
import org.attune.server.app.ServerSettings;

/**
 * The small outdoor shop the studio's browser tests work on: a real server on loopback with
 * the editor account {@value #EDITOR}, the catalog {@code shop} (title and brand) of four
 * products, and twelve shoppers' views over three days loaded through the HTTP API (s-0 to
 * s-7 view boot-1 then boot-2; s-8 to s-11 coat-1 then hat-1).
 */
final class StudioShop implements AutoCloseable {
    static final String EDITOR = "mira";
    static final String PASSWORD = "correct-horse-battery";
    static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak"}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak"}
            {"id":"coat-1","title":"Rain coat","brand":"Alva"}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto"}
            """;
    /** Every criterion green at zero: the thin shop is viable on a server with these thresholds. */
    static final String LENIENT = """
            {"thresholds": {"criteria": {
              "known_products_share": {"recommended": 0, "minimum": 0},
              "own_profile_share": {"recommended": 0, "minimum": 0},
              "event_volume": {"recommended": 0, "minimum": 0},
              "product_count": {"recommended": 0, "minimum": 0},
              "events_per_product": {"recommended": 0, "minimum": 0},
              "products_with_n_interactions_share": {"recommended": 0, "minimum": 0}}}}""";

    final RunningServer server;

    private StudioShop(RunningServer server) {
        this.server = server;
    }

    /** The shop on a server with the default viability thresholds. */
    static StudioShop start(Path dataDir) throws Exception {
        return start(dataDir, PersonalizationSettings.DEFAULTS);
    }

    /** The shop on a server where every catalog is viable. */
    static StudioShop startLenient(Path dataDir) throws Exception {
        return start(dataDir, PersonalizationSettings.DEFAULTS.with(Json.MAPPER.readTree(LENIENT)));
    }

    static StudioShop start(Path dataDir, PersonalizationSettings settings) throws Exception {
        StudioShop shop = new StudioShop(RunningServer.start(ServerSettings.of(dataDir, "127.0.0.1", 0,
                RunningServer.ADMIN_KEY).withPersonalization(settings)));
        shop.send("POST", "/v1/accounts", "application/json",
                "{\"name\": \"" + EDITOR + "\", \"role\": \"editor\", \"password\": \"" + PASSWORD + "\"}");
        shop.send("POST", "/v1/catalogs", "application/json", """
                {"id": "shop", "name": "Outdoor shop", "language": "en", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title"},
                  {"name": "brand", "type": "string", "role": "brand"}]}}""");
        shop.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", PRODUCTS);
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            String at = "\"timestamp\":\"2026-11-" + (18 + p % 3) + "T10:0";
            List<String> viewed = p < 8 ? List.of("boot-1", "boot-2") : List.of("coat-1", "hat-1");
            for (int v = 0; v < viewed.size(); v++) {
                events.append("{\"type\":\"view\",\"anonymousId\":\"s-").append(p).append("\",\"catalog\":\"shop\",")
                        .append("\"itemId\":\"").append(viewed.get(v)).append("\",").append(at).append(v)
                        .append(":00Z\"}\n");
            }
        }
        shop.send("POST", "/v1/events", "application/x-ndjson", events.toString());
        return shop;
    }

    String url() {
        return server.url();
    }

    /** Sends with the admin key; anything but success fails the test. */
    JsonNode send(String method, String path, String type, String body) throws Exception {
        return server.admin.sendOrFail(method, path, type, body.getBytes(StandardCharsets.UTF_8)).body();
    }

    /** Waits up to a minute for the shop's personalization setup to reach the status. */
    JsonNode awaitSetup(String status) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode setup;
        do {
            setup = server.admin.get("/v1/catalogs/shop/personalization").body();
            if (setup.path("status").asText().equals(status)) {
                return setup;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the setup did not become " + status + ": " + setup);
    }

    /** Sets up the shop's personalization with a co_occurrence model and activates it (needs {@link #startLenient}). */
    String activeCoOccurrence() throws Exception {
        send("POST", "/v1/catalogs/shop/personalization", "application/json", "{\"kind\": \"co_occurrence\"}");
        String model = awaitSetup("viable").path("modelId").asText();
        send("POST", "/v1/catalogs/shop/personalization/continue", "application/json", "{}");
        return model;
    }

    /** The placement home.for_you (one item) on the model, falling back to the trending strategy popular. */
    void homeForYou(String model) throws Exception {
        send("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
        send("PUT", "/v1/catalogs/shop/strategies/for-you", "application/json", "{\"name\": \"For you\","
                + " \"sources\": [{\"type\": \"model\", \"model\": \"" + model + "\"}], \"fallbacks\": [\"popular\"]}");
        send("PUT", "/v1/catalogs/shop/placements/home.for_you", "application/json", "{\"name\": \"Home: for you\","
                + " \"channel\": \"web\", \"items\": 1, \"strategy\": \"for-you\"}");
    }

    @Override
    public void close() {
        server.close();
    }
}
