package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.attune.core.event.Event;
import org.attune.core.eventlog.FileEventLog;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.attune.store.duckdb.DuckDbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queryable event store may refuse an event or fail altogether: neither may stop it for
 * good, hide it from /health, or keep a deleted person's events in the log.
 */
class EventStoreFailureApiTest {
    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
    }

    private static Event view(String anonymousId, long timestamp, String item) {
        return new Event(0, null, "view", timestamp, anonymousId, null, "shop", List.of(item),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 1_700_000_000_000L);
    }

    private List<JsonNode> storedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        admin.get("/v1/events?limit=10000").body().path("events").forEach(events::add);
        return events;
    }

    private JsonNode health() throws Exception {
        return admin.get("/health").body();
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String rawLogText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dataDir.resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /** Polls the health report until it satisfies the condition (the loader works on its own thread). */
    private JsonNode awaitHealth(Predicate<JsonNode> condition) throws Exception {
        JsonNode health = health();
        for (int i = 0; i < 600 && !condition.test(health); i++) {
            Thread.sleep(100);
            health = health();
        }
        return health;
    }

    @Test
    void anEventOfAnOldLogTheStoreCannotHoldIsSetAsideAndCountedInsteadOfBlockingTheCopy() throws Exception {
        // A log written before timestamps were bounded: the middle event's time overflows DuckDB's microseconds.
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        try (FileEventLog log = new FileEventLog(dataDir.resolve("events"))) {
            log.append(List.of(view("a-1", anHourAgo, "p-1"), view("a-1", Long.MIN_VALUE, "p-2"),
                    view("a-1", anHourAgo, "p-3"))).get();
        }
        start();
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id":"p-1","title":"One"}
                {"id":"p-2","title":"Two"}
                {"id":"p-3","title":"Three"}
                {"id":"p-4","title":"Four"}
                """));
        admin.sendOrFail("POST", "/v1/events", "application/json",
                bytes("{\"type\":\"view\",\"anonymousId\":\"a-2\",\"catalog\":\"shop\",\"itemId\":\"p-4\"}"));
        server.app.awaitEventStore();

        JsonNode trending = admin.get("/v1/recommendations?catalog=shop&strategy=trending&count=10").body();
        for (int i = 0; i < 100 && trending.path("items").size() < 3; i++) {
            Thread.sleep(20);
            trending = admin.get("/v1/recommendations?catalog=shop&strategy=trending&count=10").body();
        }
        assertThat(trending.path("items").findValuesAsText("id")).as("the ancient event wiped no history")
                .containsExactlyInAnyOrder("p-1", "p-3", "p-4");
        assertThat(trending.toString()).doesNotContain("Infinity").doesNotContain("NaN");

        assertThat(storedEvents()).as("the log keeps every event").hasSize(4);
        JsonNode health = health();
        assertThat(health.path("eventStoreEvents").asLong()).as("the store all but the one set aside").isEqualTo(3);
        assertThat(health.path("status").asText()).isEqualTo("ready");
        assertThat(health.path("eventStoreSetAside").asLong()).isEqualTo(1);
        assertThat(health.path("eventStoreLag").asLong()).isZero();
        assertThat(metrics()).contains("attune_eventstore_set_aside_events 1.0", "attune_eventstore_load_failing 0.0");
        assertThat(admin.get("/v1/profiles/a-1").body().toString()).doesNotContain("Infinity");

        server.close();
        start();
        server.app.awaitEventStore();
        assertThat(health().path("eventStoreSetAside").asLong()).as("counted once, across restarts").isEqualTo(1);
        assertThat(health().path("eventStoreEvents").asLong()).isEqualTo(3);
    }

    @Test
    void aFailingStoreMakesHealthDegradedAndDoesNotKeepADeletedPersonInTheLog() throws Exception {
        start();
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        // The store loads through files in its tmp directory: with a plain file in its place every load fails.
        Path tmp = dataDir.resolve(DuckDbStorage.TMP_DIR);
        Path aside = dataDir.resolve("tmp-aside");
        Files.move(tmp, aside);
        Files.writeString(tmp, "not a directory");
        try {
            admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes("""
                    {"type":"view","anonymousId":"a-gone","itemId":"p-1","properties":{"note":"s3cr3t"}}
                    {"type":"view","anonymousId":"a-stays","itemId":"p-2"}
                    """));
            JsonNode degraded = awaitHealth(h -> h.path("status").asText().equals("degraded"));
            assertThat(degraded.path("status").asText()).isEqualTo("degraded");
            assertThat(degraded.path("reason").asText()).contains("event store");
            assertThat(degraded.path("eventStoreError").asText()).isNotEmpty();
            assertThat(degraded.path("eventStoreLag").asLong()).isEqualTo(2);
            assertThat(degraded.has("eventLogLastSeq")).isTrue();
            assertThat(metrics()).contains("attune_eventstore_load_failing 1.0");

            AttuneClient.Answer deleted = admin.send("DELETE", "/v1/profiles/a-gone", "application/json",
                    new byte[0]);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.body().path("eventStoreDeleted").asBoolean()).isFalse();
            assertThat(deleted.body().path("eventLogRedacted").asBoolean()).isTrue();
            assertThat(rawLogText()).as("the person's events are redacted although the store is stuck")
                    .doesNotContain("s3cr3t").contains("a-stays");
        } finally {
            Files.delete(tmp);
            Files.move(aside, tmp);
        }

        JsonNode recovered = awaitHealth(h -> h.path("status").asText().equals("ready")
                && h.path("eventStoreLag").asLong() == 0);
        assertThat(recovered.path("status").asText()).isEqualTo("ready");
        assertThat(recovered.has("eventStoreError")).isFalse();
        assertThat(storedEvents()).extracting(e -> e.path("anonymousId").asText()).containsExactly("a-stays");
        for (int i = 0; i < 600 && rawLogText().contains("a-gone"); i++) {
            Thread.sleep(100);
        }
        assertThat(rawLogText()).as("the deletion itself is redacted once the store has applied it")
                .doesNotContain("a-gone").contains("a-stays");
    }
}
