package org.attune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;

/**
 * A synthetic shop loaded into a server through the API as a shop would load it: the
 * catalog, the products in one PUT, the events in NDJSON batches of {@value #EVENT_BATCH},
 * then a wait until the live profiles and the event store have applied every event, so that
 * no catching up competes with the measured requests. It also holds a key with role read, as
 * a shop's backend would use, and the persons the events name, to draw requests from.
 * Requests that define things (models, strategies, rules) go with the admin key.
 */
final class LoadedShop {
    private static final int EVENT_BATCH = 10_000;

    /**
     * Someone the events name, by the field that named them.
     *
     * @param field {@code anonymousId} or {@code userId}
     * @param id the id as the events give it
     */
    record Person(String field, String id) {
        /** {@code field=id}, URL-encoded, for a query string. */
        String queryParameter() {
            return field + "=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        }
    }

    private final ServerProcess server;
    private final HttpClient http;
    private final String catalog;
    private final String readKey;
    private final List<Person> persons;
    private final List<String> productIds;

    private LoadedShop(ServerProcess server, HttpClient http, String catalog, String readKey, List<Person> persons,
                       List<String> productIds) {
        this.server = server;
        this.http = http;
        this.catalog = catalog;
        this.readKey = readKey;
        this.persons = persons;
        this.productIds = productIds;
    }

    /**
     * Loads the shop and prints a line about it; returns once the server has applied every
     * event. The read key is named after {@code benchmark}.
     */
    static LoadedShop load(ServerProcess server, ShopGenerator shop, String benchmark) throws Exception {
        ShopSpec spec = shop.spec();
        String catalog = spec.catalogId();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        IngestLoad.post(http, server, "/v1/catalogs", "application/json",
                Json.MAPPER.writeValueAsBytes(shop.catalogDefinition()));
        List<ObjectNode> products = shop.products();
        putProducts(http, server, catalog, products);
        String readKey = Json.MAPPER.readTree(IngestLoad.post(http, server, "/v1/keys", "application/json",
                Json.MAPPER.writeValueAsBytes(Map.of("name", benchmark + " benchmark", "role", "read"))).body())
                .path("secret").asText();
        long loadStart = System.nanoTime();
        EventSender events = new EventSender(server.port());
        try (events) {
            shop.events(events);
            events.flush();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long catchUpStart = System.nanoTime();
        JsonNode health = awaitCaughtUp(http, server);
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
        List<Person> persons = List.copyOf(events.persons);
        System.out.printf("shop: %,d products, %,d events from %,d shoppers sent in %.1f s; profiles and event"
                        + " store caught up %.1f s later (%,d profiles); %,d person ids to draw from%n",
                spec.products(), events.sent, spec.shoppers(), loadSeconds, catchUpSeconds,
                health.path("profiles").asLong(), persons.size());
        return new LoadedShop(server, http, catalog, readKey, persons,
                products.stream().map(p -> p.path("id").asText()).toList());
    }

    String catalog() {
        return catalog;
    }

    /** The secret of a key with role read. */
    String readKey() {
        return readKey;
    }

    /** Everyone the events name by an anonymous id or a user id, in the order first named. */
    List<Person> persons() {
        return persons;
    }

    /** The catalog's product ids, in id order. */
    List<String> productIds() {
        return productIds;
    }

    /**
     * Defines a model of the kind over the shop's events (views 1, add to cart 5, purchases
     * 8), provisions it and waits until it runs; returns its id.
     */
    String provision(String kind) throws Exception {
        String definition = """
                {"name": "benchmark %s", "catalog": "%s", "kind": "%s", "signals": [
                  {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1},
                  {"name": "carts", "eventType": "add_to_cart", "productIdPath": "itemId", "weight": 5},
                  {"name": "purchases", "eventType": "purchase", "productIdPath": "itemIds[*]", "weight": 8}]}"""
                .formatted(kind, catalog, kind);
        String id = Json.MAPPER.readTree(IngestLoad.post(http, server, "/v1/models", "application/json",
                definition.getBytes(StandardCharsets.UTF_8)).body()).path("id").asText();
        long started = System.nanoTime();
        IngestLoad.post(http, server, "/v1/models/" + id + "/provision", "application/json", new byte[0]);
        while (true) {
            JsonNode model = get("/v1/models/" + id);
            String status = model.path("status").asText();
            if (status.equals("running")) {
                System.out.printf("model %s (%s) provisioned in %.1f s%n", kind, id, (System.nanoTime() - started) / 1e9);
                return id;
            }
            if (!status.equals("provisioning")) {
                throw new IllegalStateException("model " + kind + " did not provision: " + model);
            }
            Thread.sleep(200);
        }
    }

    /** POSTs JSON with the admin key and reads the answer; an answer of 300 or more fails with the server's text. */
    JsonNode post(String path, String json) throws Exception {
        return Json.MAPPER.readTree(IngestLoad.post(http, server, path, "application/json",
                json.getBytes(StandardCharsets.UTF_8)).body());
    }

    /** GETs JSON with the admin key; anything but 200 fails with the server's answer. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** PUTs a JSON definition with the admin key; anything but 200 fails with the server's answer. */
    void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void putProducts(HttpClient http, ServerProcess server, String catalog, List<ObjectNode> items)
            throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream(items.size() * 400);
        for (ObjectNode item : items) {
            body.write(Json.MAPPER.writeValueAsBytes(item));
            body.write('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/v1/catalogs/" + catalog + "/products"))
                .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY)
                .header("Content-Type", "application/x-ndjson")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || Json.MAPPER.readTree(response.body()).path("rejected").size() > 0) {
            String text = response.body();
            throw new IllegalStateException("the product upsert answered " + response.statusCode() + ": "
                    + (text.length() <= 300 ? text : text.substring(0, 300) + "..."));
        }
    }

    /**
     * Polls {@code GET /health} until the live profiles have applied every event in the log
     * and the queryable event store has loaded them too.
     */
    private static JsonNode awaitCaughtUp(HttpClient http, ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            String body = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode health = Json.MAPPER.readTree(body);
            for (String field : List.of("profilesAppliedThrough", "eventLogLastSeq", "eventStoreLag")) {
                if (!health.has(field)) {
                    throw new IllegalStateException("/health has no " + field + ": " + body);
                }
            }
            if (health.path("profilesAppliedThrough").asLong() >= health.path("eventLogLastSeq").asLong()
                    && health.path("eventStoreLag").asLong() == 0) {
                return health;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server still trails the event log after 10 minutes: " + body);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Posts events in NDJSON batches of {@value #EVENT_BATCH} over one connection, each
     * batch wholly accepted, and notes the persons they name. The connection opens with the
     * first batch and again after a pause: a large shop can take longer to give its next events
     * than the server keeps an idle connection (30 s).
     */
    private static final class EventSender implements Consumer<ObjectNode>, AutoCloseable {
        private final int port;
        private static final long IDLE_RECONNECT_NANOS = 20_000_000_000L;
        private KeepAliveConnection connection;
        private long lastPost;
        private final Set<Person> persons = new LinkedHashSet<>();
        private final ByteArrayOutputStream batch = new ByteArrayOutputStream(EVENT_BATCH * 300);
        private int inBatch;
        private long sent;

        EventSender(int port) {
            this.port = port;
        }

        @Override
        public void close() throws IOException {
            if (connection != null) {
                connection.close();
            }
        }

        @Override
        public void accept(ObjectNode event) {
            notePerson(event, "anonymousId");
            notePerson(event, "userId");
            try {
                batch.write(Json.MAPPER.writeValueAsBytes(event));
                batch.write('\n');
                if (++inBatch == EVENT_BATCH) {
                    flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() throws IOException {
            if (inBatch == 0) {
                return;
            }
            if (connection != null && System.nanoTime() - lastPost > IDLE_RECONNECT_NANOS) {
                connection.close();
                connection = null;
            }
            if (connection == null) {
                connection = new KeepAliveConnection("127.0.0.1", port);
            }
            KeepAliveConnection.Answer answer = connection.post("/v1/events", "application/x-ndjson",
                    ServerProcess.ADMIN_KEY, batch.toByteArray());
            lastPost = System.nanoTime();
            long accepted = answer.status() == 200 ? Json.MAPPER.readTree(answer.body()).path("accepted").asLong() : -1;
            if (accepted != inBatch) {
                throw new IllegalStateException("an event batch of " + inBatch + " answered " + answer.status() + ": "
                        + answer.abbreviatedBody());
            }
            sent += accepted;
            batch.reset();
            inBatch = 0;
        }

        private void notePerson(ObjectNode event, String field) {
            JsonNode id = event.get(field);
            if (id != null && id.isTextual()) {
                persons.add(new Person(field, id.asText()));
            }
        }
    }
}
