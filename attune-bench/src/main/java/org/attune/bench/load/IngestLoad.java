package org.attune.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained event ingestion over ONE keep-alive HTTP/1.1 connection: NDJSON batches of
 * synthetic shop events, each request waiting for the server's durable acknowledgement
 * before the next is sent. Event ids stay unique across the whole run (the server
 * de-duplicates by id, so repeating ids would measure the duplicate path instead).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingestion throughput over one keep-alive connection, durable on acknowledgement.")
public final class IngestLoad implements Callable<Integer> {
    private static final String CYCLE_MARK = "#CYCLE#";

    @Option(names = "--server-jar", defaultValue = "attune-server/target/attune-server.jar")
    Path serverJar;

    @Option(names = "--data-dir", description = "Server data directory (default: a new temporary directory)")
    Path dataDir;

    @Option(names = "--batch-size", defaultValue = "1000")
    int batchSize;

    @Option(names = "--batches", defaultValue = "3000", description = "Measured batches (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--warmup-batches", defaultValue = "500")
    int warmupBatches;

    @Option(names = "--server-heap", defaultValue = "2g")
    String serverHeap;

    @Option(names = "--server-jvm-arg", description = "Extra JVM argument for the server (repeatable)")
    List<String> serverJvmArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("attune-bench-ingest");
        List<byte[]> templates = templates();
        try (ServerProcess server = ServerProcess.start(serverJar, dir.resolve("data"), serverHeap, serverJvmArgs)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            post(http, server, "/v1/catalogs", "application/json", Json.MAPPER.writeValueAsBytes(
                    new ShopGenerator(spec()).catalogDefinition()));
            KeepAliveConnection connection = new KeepAliveConnection("127.0.0.1", server.port());
            for (int i = 0; i < warmupBatches; i++) {
                send(connection, templates, i);
            }
            LatencyRecorder latency = new LatencyRecorder();
            long events = 0;
            long started = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                int index = warmupBatches + i;
                long t0 = System.nanoTime();
                events += send(connection, templates, index);
                latency.record(System.nanoTime() - t0);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            connection.close();
            long[] memory = server.residentMemoryMiB();
            long catchUpStart = System.nanoTime();
            String health = awaitStoreCaughtUp(http, server);
            double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
            System.out.printf("ingest: %d batches x %d events over one connection (after %d warm-up batches)%n",
                    batches, batchSize, warmupBatches);
            System.out.printf("  events/s      %,.0f%n", events / seconds);
            System.out.printf("  batch latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latency.percentileMillis(50),
                    latency.percentileMillis(99), latency.percentileMillis(100));
            System.out.printf("  server RSS    %d MiB (peak %d MiB), heap limit %s%n", memory[0], memory[1], serverHeap);
            System.out.printf("  event store caught up %.1f s after the last acknowledgement: %s%n", catchUp, health);
        }
        return 0;
    }

    private ShopSpec spec() {
        return ShopSpec.demo().withProducts(5_000).withShoppers(20_000).withDays(28)
                .withEnd(Instant.now().truncatedTo(ChronoUnit.HOURS));
    }

    /** 200 distinct NDJSON batches whose event ids carry a cycle marker to be overwritten per use. */
    private List<byte[]> templates() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        int wanted = 200 * batchSize;
        new ShopGenerator(spec()).events(e -> {
            if (events.size() < wanted) {
                e.put("eventId", CYCLE_MARK + e.path("eventId").asText());
                events.add(e);
            }
        });
        if (events.size() < wanted) {
            throw new IllegalStateException("the generator made only " + events.size() + " events");
        }
        List<byte[]> batchesOut = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ObjectNode e : events.subList(b * batchSize, (b + 1) * batchSize)) {
                out.write(Json.MAPPER.writeValueAsBytes(e));
                out.write('\n');
            }
            batchesOut.add(out.toByteArray());
        }
        return batchesOut;
    }

    private int send(KeepAliveConnection connection, List<byte[]> templates, int index) throws Exception {
        byte[] template = templates.get(index % templates.size());
        int cycle = index / templates.size();
        byte[] body = template.clone();
        byte[] mark = String.format("%07d", cycle).getBytes(StandardCharsets.US_ASCII);
        byte[] pattern = CYCLE_MARK.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + pattern.length <= body.length; i++) {
            if (body[i] == '#' && matches(body, i, pattern)) {
                System.arraycopy(mark, 0, body, i, mark.length);
                i += pattern.length - 1;
            }
        }
        KeepAliveConnection.Answer answer = connection.post("/v1/events", "application/x-ndjson",
                ServerProcess.ADMIN_KEY, body);
        int accepted = Json.MAPPER.readTree(answer.body()).path("accepted").asInt();
        if (answer.status() != 200 || accepted != batchSize) {
            throw new IllegalStateException("batch " + index + " answered " + answer.status() + ", accepted "
                    + accepted + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return accepted;
    }

    private static boolean matches(byte[] body, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (body[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private static String awaitStoreCaughtUp(HttpClient http, ServerProcess server) throws Exception {
        for (int i = 0; i < 1200; i++) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (Json.MAPPER.readTree(health.body()).path("eventStoreLag").asLong() == 0) {
                return health.body();
            }
            Thread.sleep(100);
        }
        return "still lagging after 120 s";
    }

    static HttpResponse<String> post(HttpClient http, ServerProcess server, String path, String type, byte[] body)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
