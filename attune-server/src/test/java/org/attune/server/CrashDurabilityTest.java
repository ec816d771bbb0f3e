package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a real server process is killed with SIGKILL while several
 * clients send events; after a restart every acknowledged event is there exactly once,
 * no batch is half-stored, and re-sending what was never acknowledged stores each event
 * once (the client's retry is safe because of eventIds).
 */
class CrashDurabilityTest {
    private static final String KEY = ChildServer.ADMIN_KEY;
    private static final int BATCH = 400;
    private static final int CLIENTS = 3;

    @TempDir
    Path dataDir;

    private record Batch(String id, byte[] body) {
    }

    @Test
    void everyAcknowledgedEventSurvivesKillMinusNineExactlyOnce() throws Exception {
        Map<String, Batch> sent = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 3; round++) {
            ChildServer server = ChildServer.start(dataDir);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                int currentRound = round;
                Thread thread = new Thread(() -> {
                    AttuneClient http = new AttuneClient(server.url(), KEY);
                    for (int b = 0; !stop.get(); b++) {
                        Batch batch = batch("r" + currentRound + "-c" + client + "-b" + b);
                        sent.put(batch.id(), batch);
                        try {
                            AttuneClient.Answer answer = http.send("POST", "/v1/events", "application/x-ndjson",
                                    batch.body());
                            if (answer.status() == 200 && answer.body().path("accepted").asInt() == BATCH) {
                                acknowledged.add(batch.id());
                            }
                        } catch (IOException e) {
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }
            long ackedBefore = acknowledged.size();
            while (acknowledged.size() < ackedBefore + 20) {
                Thread.sleep(10);
            }
            server.kill();
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(30_000);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
        assertThat(sent.size()).isGreaterThan(acknowledged.size());

        ChildServer server = ChildServer.start(dataDir);
        try {
            AttuneClient admin = new AttuneClient(server.url(), KEY);
            Map<String, Integer> perBatch = new HashMap<>();
            Set<String> ids = new HashSet<>();
            List<JsonNode> stored = readAll(admin);
            for (JsonNode event : stored) {
                String id = event.path("eventId").asText();
                assertThat(ids.add(id)).as("event %s stored once", id).isTrue();
                assertThat(event.path("type").asText()).isEqualTo("view");
                assertThat(event.path("properties").path("n").isInt()).isTrue();
                perBatch.merge(id.substring(0, id.lastIndexOf('-')), 1, Integer::sum);
            }
            for (String batch : acknowledged) {
                assertThat(perBatch.get(batch)).as("acknowledged batch %s", batch).isEqualTo(BATCH);
            }
            assertThat(perBatch.values()).as("no batch is half-stored").allMatch(n -> n == BATCH);

            // The client retries everything it never got an acknowledgement for.
            for (Batch batch : sent.values()) {
                if (!acknowledged.contains(batch.id())) {
                    JsonNode answer = admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", batch.body()).body();
                    assertThat(answer.path("accepted").asInt() + answer.path("duplicates").asInt()).isEqualTo(BATCH);
                }
            }
            List<JsonNode> afterRetry = readAll(admin);
            assertThat(afterRetry).hasSize(sent.size() * BATCH);
            assertThat(afterRetry.stream().map(e -> e.path("eventId").asText()).distinct().count())
                    .isEqualTo((long) sent.size() * BATCH);

            JsonNode health = awaitStoreCaughtUp(admin);
            assertThat(health.path("eventStoreEvents").asLong()).as("queryable store holds each event once")
                    .isEqualTo(health.path("eventLogLastSeq").asLong())
                    .isEqualTo((long) sent.size() * BATCH);
        } finally {
            server.kill();
        }
    }

    private static Batch batch(String id) {
        StringBuilder ndjson = new StringBuilder(BATCH * 120);
        for (int i = 0; i < BATCH; i++) {
            ndjson.append("{\"eventId\":\"").append(id).append('-').append(i)
                    .append("\",\"type\":\"view\",\"anonymousId\":\"a-").append(i % 50)
                    .append("\",\"itemId\":\"p-").append(i).append("\",\"properties\":{\"n\":").append(i)
                    .append("}}\n");
        }
        return new Batch(id, ndjson.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> readAll(AttuneClient admin) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = admin.get("/v1/events?limit=10000&after=" + after).body();
            page.path("events").forEach(events::add);
            if (page.path("next").isNull()) {
                return events;
            }
            after = page.path("next").asLong();
        }
    }

    private static JsonNode awaitStoreCaughtUp(AttuneClient admin) throws Exception {
        JsonNode health = null;
        for (int i = 0; i < 600; i++) {
            health = admin.get("/health").body();
            if (health.path("eventStoreLag").asLong() == 0
                    && health.path("eventStoreEvents").asLong() == health.path("eventLogLastSeq").asLong()) {
                return health;
            }
            Thread.sleep(100);
        }
        return health;
    }
}
