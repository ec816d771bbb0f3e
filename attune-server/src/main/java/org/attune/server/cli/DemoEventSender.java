package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.server.importing.AttuneClient;

/**
 * Sends the demo shop's generated events through {@code POST /v1/events} in NDJSON batches of
 * 5,000 over one connection, printing progress every 500,000, and waits on request until the
 * server has applied what it accepted (so that a decision made next knows it). A rejected
 * event stops the demo: the generator's events must all be valid. Not thread-safe.
 */
final class DemoEventSender {
    private static final int BATCH = 5_000;
    private static final long APPLY_TIMEOUT_NANOS = 600_000_000_000L;

    private final AttuneClient client;
    private final List<ObjectNode> batch = new ArrayList<>(BATCH);
    private long sent;

    DemoEventSender(AttuneClient client) {
        this.client = client;
    }

    /** Events accepted so far. */
    long sent() {
        return sent;
    }

    void add(ObjectNode event) {
        batch.add(event);
        if (batch.size() == BATCH) {
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
            long before = sent;
            sent += answer.path("accepted").asLong();
            if (sent / 500_000 != before / 500_000) {
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

    /**
     * Sends what is held, then waits until the live profiles and the attribution have applied
     * every event the log holds (the {@code /health} figures {@code profilesAppliedThrough} and
     * {@code attributedThroughSeq} against {@code eventLogLastSeq}).
     */
    void flushAndAwaitApplied() {
        flush();
        long deadline = System.nanoTime() + APPLY_TIMEOUT_NANOS;
        try {
            while (true) {
                JsonNode health = client.get("/health").body();
                long last = health.path("eventLogLastSeq").asLong();
                if (health.path("profilesAppliedThrough").asLong() >= last
                        && health.path("attributedThroughSeq").asLong() >= last) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server still trails its event log after 10 minutes: "
                            + health);
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] ndjson(List<? extends JsonNode> records) {
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

    static void requireNoRejections(JsonNode answer, String what) {
        if (answer.path("rejected").size() > 0) {
            throw new IllegalStateException("the server rejected generated " + what + ": "
                    + answer.path("rejected").get(0));
        }
    }
}
