package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.Split;
import org.attune.core.json.Json;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;

/**
 * {@code attune evaluate --served}: the training part of a split loaded into a real server
 * (started in this process on loopback, with a data directory of its own that is deleted at
 * the end) through its public API, and each model measured by what {@code GET
 * /v1/recommendations} answers its test people, so that served and offline figures can be set
 * side by side. The catalog holds every product of the training part; each training
 * interaction is one event of type {@code interaction} by the person as user id, with the
 * interaction's value in {@code properties.value} and its time (data without times get times
 * one second apart in the data's order, which the models read as that order). Each model is
 * defined with one signal on those events (weight 1, the value path), provisioned, and asked
 * for each test person's top 20 with the person's interacted products left out (the
 * endpoint's default). Not thread-safe; one per evaluation.
 */
final class ServedEvaluation implements AutoCloseable {
    private static final String CATALOG = "evaluate";
    private static final int BATCH = 5_000;
    /** Times of data without times: one second apart from 2020-01-01. */
    private static final long NO_TIMES_FROM = 1_577_836_800L;
    private static final int MAX_K = 20;

    private final Split split;
    private final Path directory;
    private final AttuneApplication app;
    private final AttuneClient client;
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final int threads;

    private ServedEvaluation(Split split, Path directory, AttuneApplication app, AttuneClient client, int threads) {
        this.split = split;
        this.directory = directory;
        this.app = app;
        this.client = client;
        this.threads = threads;
        Interactions train = split.train();
        for (int i = 0; i < train.itemCount(); i++) {
            itemIndex.put(train.itemId(i), i);
        }
    }

    /** Starts a server and sends it the split's training part; prints how long that took. */
    static ServedEvaluation start(Split split, int threads) throws Exception {
        Path directory = Files.createTempDirectory("attune-evaluate-served");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String key = "evaluate_" + HexFormat.of().formatHex(secret);
        AttuneApplication app = AttuneApplication.start(ServerSettings.of(directory, "127.0.0.1", 0, key));
        ServedEvaluation served = new ServedEvaluation(split, directory, app, new AttuneClient(app.baseUrl(), key),
                threads);
        try {
            long start = System.nanoTime();
            served.load();
            System.out.printf("served: the training part sent to a server at %s through its API in %.1f s%n",
                    app.baseUrl(), (System.nanoTime() - start) / 1e9);
        } catch (Exception | Error e) {
            served.close();
            throw e;
        }
        return served;
    }

    private void load() throws IOException, InterruptedException {
        client.sendOrFail("POST", "/v1/catalogs", "application/json", Json.MAPPER.writeValueAsBytes(Map.of(
                "id", CATALOG, "name", "attune evaluate", "language", "en", "schema", Map.of("attributes", List.of(
                        Map.of("name", "title", "type", "string", "role", "title"))))));
        Interactions train = split.train();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int inBatch = 0;
        for (int i = 0; i < train.itemCount(); i++) {
            batch.write(Json.MAPPER.writeValueAsBytes(Map.of("id", train.itemId(i), "title", train.itemId(i))));
            batch.write('\n');
            if (++inBatch == BATCH || i == train.itemCount() - 1) {
                client.sendOrFail("PUT", "/v1/catalogs/" + CATALOG + "/products", "application/x-ndjson",
                        batch.toByteArray());
                batch.reset();
                inBatch = 0;
            }
        }
        long sequence = 0;
        for (int p = 0; p < train.personCount(); p++) {
            for (int at = train.start(p); at < train.end(p); at++) {
                long seconds = train.time(at) > 0 ? train.time(at) : NO_TIMES_FROM + sequence;
                ObjectNode event = Json.MAPPER.createObjectNode().put("eventId", "e" + sequence++)
                        .put("type", "interaction").put("userId", train.personId(p)).put("catalog", CATALOG)
                        .put("itemId", train.itemId(train.item(at)))
                        .put("timestamp", Instant.ofEpochSecond(seconds).toString());
                event.putObject("properties").put("value", train.value(at));
                batch.write(Json.MAPPER.writeValueAsBytes(event));
                batch.write('\n');
                if (++inBatch == BATCH) {
                    client.sendOrFail("POST", "/v1/events", "application/x-ndjson", batch.toByteArray());
                    batch.reset();
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            client.sendOrFail("POST", "/v1/events", "application/x-ndjson", batch.toByteArray());
        }
        awaitProfiles();
    }

    /** Waits until the profiles have applied every event, so that requests find every person. */
    private void awaitProfiles() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            JsonNode health = client.get("/health").body();
            if (health.path("profilesAppliedThrough").asLong() >= health.path("eventLogLastSeq").asLong()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server's profiles still trail its event log after 10 minutes: "
                        + health);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Defines the model on the server, provisions it, asks for every test person's top 20 and
     * measures them.
     *
     * @return the metrics at 10 and at 20, and the seconds from provisioning to serving
     */
    Measured measure(ModelDefinition definition) throws Exception {
        ObjectNode model = Json.MAPPER.createObjectNode().put("name", definition.name()).put("catalog", CATALOG)
                .put("kind", definition.kind());
        model.putArray("signals").addObject().put("name", "interactions").put("eventType", "interaction")
                .put("productIdPath", "itemId").put("weight", 1).put("valuePath", "properties.value");
        model.set("params", Json.MAPPER.valueToTree(definition.params()));
        String id = client.sendOrFail("POST", "/v1/models", "application/json", Json.MAPPER.writeValueAsBytes(model))
                .body().path("id").asText();
        long start = System.nanoTime();
        client.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", new byte[0]);
        while (true) {
            JsonNode status = client.get("/v1/models/" + id).body();
            String state = status.path("status").asText();
            if (state.equals("running")) {
                break;
            }
            if (!state.equals("provisioning")) {
                throw new IllegalStateException("model " + definition.name() + " did not train on the server: "
                        + status);
            }
            Thread.sleep(200);
        }
        double provisionSeconds = (System.nanoTime() - start) / 1e9;
        Interactions train = split.train();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<RankingMetrics[]>> parts = new ArrayList<>();
            for (int first = 0; first < threads; first++) {
                int from = first;
                parts.add(pool.submit(() -> askPeople(id, train, from)));
            }
            RankingMetrics at10 = new RankingMetrics(10, train.itemCount());
            RankingMetrics at20 = new RankingMetrics(20, train.itemCount());
            for (Future<RankingMetrics[]> part : parts) {
                RankingMetrics[] metrics = part.get();
                at10.combine(metrics[0]);
                at20.combine(metrics[1]);
            }
            return new Measured(at10, at20, provisionSeconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one served model scored, and how long it took to provision. */
    record Measured(RankingMetrics at10, RankingMetrics at20, double provisionSeconds) {
    }

    private RankingMetrics[] askPeople(String modelId, Interactions train, int first) throws Exception {
        RankingMetrics at10 = new RankingMetrics(10, train.itemCount());
        RankingMetrics at20 = new RankingMetrics(20, train.itemCount());
        for (int p = first; p < train.personCount(); p += threads) {
            int[] relevant = split.test()[p];
            if (relevant.length == 0) {
                continue;
            }
            String person = java.net.URLEncoder.encode(train.personId(p), StandardCharsets.UTF_8);
            AttuneClient.Answer answer = client.get("/v1/recommendations?model=" + modelId + "&userId=" + person
                    + "&count=" + MAX_K);
            if (!answer.ok()) {
                throw new IllegalStateException("GET /v1/recommendations for " + train.personId(p) + " answered "
                        + answer.status() + ": " + answer.body());
            }
            JsonNode items = answer.body().path("items");
            int[] ranked = new int[items.size()];
            for (int i = 0; i < ranked.length; i++) {
                Integer index = itemIndex.get(items.get(i).path("id").asText());
                if (index == null) {
                    throw new IllegalStateException("the server recommended " + items.get(i).path("id")
                            + ", which is not in the training part");
                }
                ranked[i] = index;
            }
            int[] sorted = relevant.clone();
            Arrays.sort(sorted);
            at10.add(ranked, sorted);
            at20.add(ranked, sorted);
        }
        return new RankingMetrics[] {at10, at20};
    }

    @Override
    public void close() {
        app.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
