package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forgotten person's ids leave the database's own files at once, not at DuckDB's next
 * checkpoint. (Events checkpointed before the erasure are overwritten and deleted too, but DuckDB
 * does not scrub the blocks it frees or shares: see docs/api.md.)
 */
class ErasureBytesApiTest {
    private static final String GONE = "anon-to-forget-7f3a9c";
    private static final String GONE_USER = "user-to-forget-58d1e0";
    private static final String STAYS = "anon-who-stays-41b2d7";

    @TempDir
    Path dataDir;

    @Test
    void theDatabaseFileAndItsWalNoLongerHoldAForgottenPersonsIds() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes("""
                    {"type":"view","anonymousId":"%1$s","itemId":"p-1"}
                    {"type":"identify","anonymousId":"%1$s","userId":"%2$s"}
                    {"type":"view","anonymousId":"%3$s","itemId":"p-2"}
                    """.formatted(GONE, GONE_USER, STAYS)));
            server.app.awaitEventStore();
            assertThat(databaseText()).as("the check below can see ids in these files").contains(GONE);

            assertThat(server.admin.send("DELETE", "/v1/profiles/" + GONE, "application/json", new byte[0])
                    .body().path("eventStoreDeleted").asBoolean()).isTrue();

            assertThat(databaseText()).doesNotContain(GONE).doesNotContain(GONE_USER).contains(STAYS);
        }
        assertThat(databaseText()).as("after a clean stop too").doesNotContain(GONE).doesNotContain(GONE_USER);
    }

    /** The bytes of the DuckDB database file and its write-ahead log, read as text. */
    private String databaseText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("attune\\.duckdb(\\.wal)?"))
                    .toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
