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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code GET /v1/recommendations} over real HTTP, for each strategy (trending,
 * recently_viewed, top_affinity; count 10), against a server holding a synthetic shop
 * loaded through the API: the products in one PUT, the events in NDJSON batches, then a
 * wait until the live profiles have applied every event in the log. Each request names
 * one person drawn at random (fixed seed) from the anonymous ids and user ids in the
 * events, and uses a key with role read, as a shop's backend would.
 *
 * <p>Two measurements per strategy, after an open-loop warm-up:
 * <ul>
 * <li>Open loop at a fixed rate: request i is due at start + i / rate whatever became of
 *     the earlier ones, and its latency runs from that due time, not from when it was
 *     actually sent, so an answer that stalls counts against every request it held up
 *     (no coordinated omission). The slots are dealt round-robin to several keep-alive
 *     connections, each on its own thread, so one slow answer delays only the next slots
 *     of its own connection. Every answer must be 200, or the run fails.</li>
 * <li>Closed loop: connections on their own threads, each sending its next request as
 *     soon as the previous one is answered. The rate reached is the most the server
 *     sustains at that concurrency; the latencies are times from send to answer under
 *     saturation, without queueing before the send.</li>
 * </ul>
 * Client and server share the machine's cores, so on a small machine the client's own
 * work lowers both rates and lengthens the latencies.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "GET /v1/recommendations latency at a fixed rate (open loop) and the most it sustains"
                + " (closed loop), per strategy.")
public final class RecommendationLoad implements Callable<Integer> {
    private static final int COUNT = 10;
    private static final int EVENT_BATCH = 10_000;
    private static final int SAMPLED_ANSWERS = 200;
    private static final long SEED = 42;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Option(names = "--server-jar", defaultValue = "attune-server/target/attune-server.jar")
    Path serverJar;

    @Option(names = "--products", defaultValue = "20000",
            description = "Products in the shop (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--shoppers", defaultValue = "50000",
            description = "Shoppers visiting the shop over 56 days (default: ${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--rate", defaultValue = "1000",
            description = "Open-loop requests per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--open-loop-connections", defaultValue = "8",
            description = "Connections sharing the open-loop schedule (default: ${DEFAULT-VALUE})")
    int openLoopConnections;

    @Option(names = "--connections", defaultValue = "16",
            description = "Closed-loop connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--seconds", defaultValue = "20",
            description = "Length of each measurement (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "Open-loop warm-up per strategy, not measured (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--server-heap", defaultValue = "4g")
    String serverHeap;

    @Option(names = "--strategies", split = ",", defaultValue = "trending,recently_viewed,top_affinity",
            description = "First strategies to measure; 'none' for none (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(names = "--models", split = ",", defaultValue = "affinity,co_occurrence,trending",
            description = "Model kinds to define, provision and measure (GET /v1/recommendations?model=...) with"
                    + " views 1, add to cart 5, purchases 8; 'none' for none (default: ${DEFAULT-VALUE})")
    List<String> modelKinds;

    @Option(names = "--server-jvm-arg", description = "Extra JVM argument for the server (repeatable)")
    List<String> serverJvmArgs = new ArrayList<>();

    /** One strategy's requests: its path with a person drawn per request, sent with the read key. */
    private record Target(int port, String key, String pathPrefix, List<String> persons) {
        KeepAliveConnection connect() throws IOException {
            return new KeepAliveConnection("127.0.0.1", port);
        }

        String path(SplittableRandom random) {
            return pathPrefix + persons.get(random.nextInt(persons.size()));
        }
    }

    /** What one measurement saw; {@code firstFailure} is null when every answer was 200. */
    private record Phase(LatencyRecorder latency, double seconds, long failures, String firstFailure) {
        double perSecond() {
            return latency.count() / seconds;
        }
    }

    private record StrategyReport(String strategy, double meanItems, Phase fixedRate, Phase closedLoop) {
    }

    /** Answers recorded from several threads at once. */
    private static final class Tally {
        private final LatencyRecorder latency = new LatencyRecorder();
        private long failures;
        private String firstFailure;

        synchronized void add(long nanos, String path, KeepAliveConnection.Answer answer) {
            latency.record(nanos);
            if (answer.status() != 200 && failures++ == 0) {
                firstFailure = path + " answered " + answer.status() + ": " + abbreviated(answer.body());
            }
        }

        synchronized Phase phase(double seconds) {
            return new Phase(latency, seconds, failures, firstFailure);
        }
    }

    @Override
    public Integer call() throws Exception {
        long began = System.nanoTime();
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(products).withShoppers(shoppers));
        String catalog = shop.spec().catalogId();
        Path dir = Files.createTempDirectory("attune-bench-recommend");
        List<StrategyReport> reports = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(serverJar, dir.resolve("data"), serverHeap, serverJvmArgs)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            IngestLoad.post(http, server, "/v1/catalogs", "application/json",
                    Json.MAPPER.writeValueAsBytes(shop.catalogDefinition()));
            putProducts(http, server, catalog, shop.products());
            String readKey = Json.MAPPER.readTree(IngestLoad.post(http, server, "/v1/keys", "application/json",
                    Json.MAPPER.writeValueAsBytes(Map.of("name", "recommend benchmark", "role", "read"))).body())
                    .path("secret").asText();
            long loadStart = System.nanoTime();
            EventSender events;
            try (KeepAliveConnection connection = new KeepAliveConnection("127.0.0.1", server.port())) {
                events = new EventSender(connection);
                shop.events(events);
                events.flush();
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long catchUpStart = System.nanoTime();
            JsonNode health = awaitCaughtUp(http, server);
            double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
            List<String> persons = List.copyOf(events.persons);
            System.out.printf("shop: %,d products, %,d events from %,d shoppers sent in %.1f s; profiles and event"
                            + " store caught up %.1f s later (%,d profiles); %,d person ids to draw from%n",
                    products, events.sent, shoppers, loadSeconds, catchUpSeconds, health.path("profiles").asLong(),
                    persons.size());

            Map<String, String> targets = new java.util.LinkedHashMap<>();
            for (String strategy : strategies) {
                if (!strategy.equals("none")) {
                    targets.put(strategy, "/v1/recommendations?catalog=" + catalog + "&strategy=" + strategy
                            + "&count=" + COUNT + "&");
                }
            }
            for (String kind : modelKinds) {
                if (!kind.equals("none")) {
                    String id = provision(http, server, catalog, kind);
                    targets.put("model " + kind, "/v1/recommendations?model=" + id + "&count=" + COUNT + "&");
                }
            }
            for (Map.Entry<String, String> entry : targets.entrySet()) {
                String strategy = entry.getKey();
                Target target = new Target(server.port(), readKey, entry.getValue(), persons);
                System.out.printf("%s: warm-up %d s, open loop %d s, closed loop %d s...%n", strategy, warmupSeconds,
                        seconds, seconds);
                openLoop(target, warmupSeconds);
                double meanItems = meanItems(target);
                Phase fixedRate = openLoop(target, seconds);
                Phase closedLoop = closedLoop(target, seconds);
                reports.add(new StrategyReport(strategy, meanItems, fixedRate, closedLoop));
            }
            long[] memory = server.residentMemoryMiB();
            System.out.println();
            System.out.printf("GET /v1/recommendations, count=%d, %,d products, %,d person ids; %d cores shared by"
                            + " the client and the server; server RSS %,d MiB (peak %,d MiB), heap limit %s%n", COUNT,
                    products, persons.size(), Runtime.getRuntime().availableProcessors(), memory[0], memory[1],
                    serverHeap);
            for (StrategyReport report : reports) {
                printTable(report);
            }
            System.out.printf("%nserver log and data: %s%n", dir);
        }
        System.out.printf("%nreproduce: %s%ntook %.0f s in all%n", reproduceCommand(),
                (System.nanoTime() - began) / 1e9);
        long failures = 0;
        for (StrategyReport report : reports) {
            for (Phase phase : List.of(report.fixedRate(), report.closedLoop())) {
                failures += phase.failures();
                if (phase.firstFailure() != null) {
                    System.err.println("FAILED: " + report.strategy() + ": " + phase.failures() + " answers other"
                            + " than 200, the first: " + phase.firstFailure());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * Request i is due at start + i / rate; connection k sends the slots i with i mod n = k,
     * each when it is due or, if the previous answer on its connection came later, right
     * after it. Latency is measured from the due time.
     */
    private Phase openLoop(Target target, int durationSeconds) throws Exception {
        long slots = (long) rate * durationSeconds;
        double intervalNanos = (double) NANOS_PER_SECOND / rate;
        Tally tally = new Tally();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        List<Callable<Long>> workers = new ArrayList<>();
        for (int w = 0; w < openLoopConnections; w++) {
            int first = w;
            SplittableRandom random = new SplittableRandom(SEED + w);
            workers.add(() -> {
                long lastAnswer = start;
                try (KeepAliveConnection connection = target.connect()) {
                    for (long i = first; i < slots; i += openLoopConnections) {
                        long due = start + (long) (i * intervalNanos);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        String path = target.path(random);
                        KeepAliveConnection.Answer answer = connection.get(path, target.key());
                        lastAnswer = System.nanoTime();
                        tally.add(lastAnswer - due, path, answer);
                    }
                }
                return lastAnswer;
            });
        }
        long end = start;
        for (long lastAnswer : runAll(workers)) {
            end = Math.max(end, lastAnswer);
        }
        return tally.phase((end - start) / 1e9);
    }

    /** Every connection sends its next request as soon as the previous one is answered. */
    private Phase closedLoop(Target target, int durationSeconds) throws Exception {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + durationSeconds * NANOS_PER_SECOND;
        List<Callable<Long>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            SplittableRandom random = new SplittableRandom(SEED + w);
            workers.add(() -> {
                long lastAnswer = start;
                try (KeepAliveConnection connection = target.connect()) {
                    while (lastAnswer < end) {
                        String path = target.path(random);
                        long sent = System.nanoTime();
                        KeepAliveConnection.Answer answer = connection.get(path, target.key());
                        lastAnswer = System.nanoTime();
                        tally.add(lastAnswer - sent, path, answer);
                    }
                }
                return lastAnswer;
            });
        }
        long finished = start;
        for (long lastAnswer : runAll(workers)) {
            finished = Math.max(finished, lastAnswer);
        }
        return tally.phase((finished - start) / 1e9);
    }

    /** Runs each task on its own thread and returns their results, rethrowing the first failure. */
    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks the answers' shape for a sample of persons and returns how many items they held on average. */
    private static double meanItems(Target target) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        long items = 0;
        try (KeepAliveConnection connection = target.connect()) {
            for (int i = 0; i < SAMPLED_ANSWERS; i++) {
                String path = target.path(random);
                KeepAliveConnection.Answer answer = connection.get(path, target.key());
                JsonNode json = answer.status() == 200 ? Json.MAPPER.readTree(answer.body()) : null;
                if (json == null || !json.path("recId").isTextual() || !json.path("items").isArray()) {
                    throw new IllegalStateException(path + " answered " + answer.status() + ": "
                            + abbreviated(answer.body()));
                }
                items += json.path("items").size();
            }
        }
        return (double) items / SAMPLED_ANSWERS;
    }

    private void printTable(StrategyReport report) {
        System.out.printf("%n%s (mean %.1f items per answer over %d sampled persons)%n", report.strategy(),
                report.meanItems(), SAMPLED_ANSWERS);
        System.out.printf("  %-36s %9s %9s %8s %8s %8s %8s %8s %8s%n", "ms", "requests", "req/s", "p50", "p90",
                "p99", "p99.9", "max", "non-200");
        printRow(String.format("open loop %,d/s, %d connections", rate, openLoopConnections), report.fixedRate());
        printRow(String.format("closed loop, %d connections", connections), report.closedLoop());
        if (report.fixedRate().perSecond() < 0.98 * rate) {
            System.out.printf("  NOT SUSTAINED: the open loop reached %,.0f of %,d requests/s; its latencies include"
                    + " the queue that built up%n", report.fixedRate().perSecond(), rate);
        }
    }

    private static void printRow(String title, Phase phase) {
        LatencyRecorder latency = phase.latency();
        System.out.printf("  %-36s %,9d %,9.0f %8.2f %8.2f %8.2f %8.2f %8.2f %,8d%n", title, latency.count(),
                phase.perSecond(), latency.percentileMillis(50), latency.percentileMillis(90),
                latency.percentileMillis(99), latency.percentileMillis(99.9), latency.percentileMillis(100),
                phase.failures());
    }

    private String reproduceCommand() {
        StringBuilder command = new StringBuilder("java -jar attune-bench/target/attune-bench.jar recommend")
                .append(" --server-jar ").append(serverJar)
                .append(" --products ").append(products)
                .append(" --shoppers ").append(shoppers)
                .append(" --rate ").append(rate)
                .append(" --open-loop-connections ").append(openLoopConnections)
                .append(" --connections ").append(connections)
                .append(" --seconds ").append(seconds)
                .append(" --warmup-seconds ").append(warmupSeconds)
                .append(" --server-heap ").append(serverHeap)
                .append(" --strategies ").append(String.join(",", strategies))
                .append(" --models ").append(String.join(",", modelKinds));
        for (String arg : serverJvmArgs) {
            command.append(" --server-jvm-arg ").append(arg);
        }
        return command.toString();
    }

    /** Defines a model of the kind over the demo's events, provisions it and waits until it runs; returns its id. */
    private static String provision(HttpClient http, ServerProcess server, String catalog, String kind)
            throws Exception {
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
            JsonNode model = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                            URI.create(server.url() + "/v1/models/" + id))
                    .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
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
            throw new IllegalStateException("the product upsert answered " + response.statusCode() + ": "
                    + abbreviated(response.body().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Polls {@code GET /health} until the live profiles have applied every event in the log
     * and the queryable event store has loaded them too, so that no catching up competes
     * with the measured requests.
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

    private static String abbreviated(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /**
     * Posts events in NDJSON batches of {@value #EVENT_BATCH} over one connection, each
     * batch wholly accepted, and notes the persons they name as query parameters.
     */
    private static final class EventSender implements Consumer<ObjectNode> {
        private final KeepAliveConnection connection;
        private final Set<String> persons = new LinkedHashSet<>();
        private final ByteArrayOutputStream batch = new ByteArrayOutputStream(EVENT_BATCH * 300);
        private int inBatch;
        private long sent;

        EventSender(KeepAliveConnection connection) {
            this.connection = connection;
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
            KeepAliveConnection.Answer answer = connection.post("/v1/events", "application/x-ndjson",
                    ServerProcess.ADMIN_KEY, batch.toByteArray());
            long accepted = answer.status() == 200 ? Json.MAPPER.readTree(answer.body()).path("accepted").asLong() : -1;
            if (accepted != inBatch) {
                throw new IllegalStateException("an event batch of " + inBatch + " answered " + answer.status() + ": "
                        + abbreviated(answer.body()));
            }
            sent += accepted;
            batch.reset();
            inBatch = 0;
        }

        private void notePerson(ObjectNode event, String field) {
            JsonNode id = event.get(field);
            if (id != null && id.isTextual()) {
                persons.add(field + "=" + URLEncoder.encode(id.asText(), StandardCharsets.UTF_8));
            }
        }
    }
}
