package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.storage.EventStore.EncodedFrame;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Streams events into the temporary {@code event_staging} table through DuckDB's appender,
 * from which one {@code INSERT ... SELECT} moves them into {@code events}. Staging item
 * ids as JSON text and converting them in SQL is about twice as fast as appending a
 * {@code VARCHAR[]} per row, which the appender does element by element.
 *
 * <p>Events are staged only in rising sequence order: one at or below the highest sequence
 * number seen so far (starting from the store's {@code loaded_through}) is skipped, which
 * is what makes a load exactly-once. Not thread-safe: one instance serves one transaction.
 */
final class EventStaging implements AutoCloseable {
    static final String CREATE_TABLE = """
            CREATE TEMP TABLE event_staging (
                seq BIGINT, event_id VARCHAR, type VARCHAR, ts TIMESTAMP, anonymous_id VARCHAR, user_id VARCHAR,
                catalog VARCHAR, item_ids JSON, properties JSON, context JSON, received_at TIMESTAMP)""";

    /** Moves the staged rows into {@code events}; absent item ids and JSON become empty ones. */
    static final String MOVE_TO_EVENTS = """
            INSERT INTO events
            SELECT seq, event_id, type, ts, anonymous_id, user_id, catalog,
                   coalesce(CAST(item_ids AS VARCHAR[]), CAST([] AS VARCHAR[])),
                   coalesce(properties, '{}'), coalesce(context, '{}'), received_at
            FROM event_staging""";

    private static final String EMPTY_OBJECT = "{}";

    private final DuckDBAppender appender;
    private long highestSeq;
    private int staged;

    /** Empties the staging table and starts staging events above {@code loadedThrough}. */
    EventStaging(DuckDBConnection connection, long loadedThrough) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM event_staging");
        }
        this.appender = connection.createAppender("temp", "main", "event_staging");
        this.highestSeq = loadedThrough;
    }

    /** The highest sequence number staged, or the starting {@code loadedThrough} when none was. */
    long highestSeq() {
        return highestSeq;
    }

    /** Number of events staged. */
    int staged() {
        return staged;
    }

    void add(Event event) throws SQLException, IOException {
        if (event.seq() <= highestSeq) {
            return;
        }
        stage(event.seq(), event.eventId(), event.type(), event.timestamp(), event.anonymousId(), event.userId(),
                event.catalog(),
                event.itemIds().isEmpty() ? null : Json.MAPPER.writeValueAsString(event.itemIds()),
                json(event.properties()), json(event.context()), event.receivedAt());
    }

    /**
     * Stages the events of one log frame straight from its bytes: lines are split on
     * {@code '\n'} (the codec escapes newlines inside strings), lines already loaded are
     * skipped without parsing, and the JSON values of {@code it}, {@code p} and {@code x}
     * are copied as the exact text the log holds instead of being rebuilt as trees.
     */
    void add(EncodedFrame frame) throws SQLException, IOException {
        byte[] payload = frame.payload();
        long seq = frame.firstSeq();
        int lineStart = 0;
        while (lineStart < payload.length) {
            int lineEnd = lineStart;
            while (lineEnd < payload.length && payload[lineEnd] != '\n') {
                lineEnd++;
            }
            if (seq > highestSeq && lineEnd > lineStart) {
                stageLine(payload, lineStart, lineEnd - lineStart, seq);
            }
            if (lineEnd > lineStart) {
                seq++;
            }
            lineStart = lineEnd + 1;
        }
    }

    /** Reads one codec line (fields i, t, ts, a, u, c, it, p, x, r; see EventCodec). */
    private void stageLine(byte[] payload, int offset, int length, long seq) throws SQLException, IOException {
        String eventId = null;
        String type = null;
        long timestamp = 0;
        String anonymousId = null;
        String userId = null;
        String catalog = null;
        String itemIds = null;
        String properties = null;
        String context = null;
        long receivedAt = 0;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(payload, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("event log line " + seq + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "i" -> eventId = parser.getText();
                    case "t" -> type = parser.getText();
                    case "ts" -> timestamp = parser.getLongValue();
                    case "a" -> anonymousId = parser.getText();
                    case "u" -> userId = parser.getText();
                    case "c" -> catalog = parser.getText();
                    case "it" -> itemIds = rawValue(parser, payload, offset);
                    case "p" -> properties = rawValue(parser, payload, offset);
                    case "x" -> context = rawValue(parser, payload, offset);
                    case "r" -> receivedAt = parser.getLongValue();
                    default -> parser.skipChildren();
                }
            }
        }
        stage(seq, eventId, type, timestamp, anonymousId, userId, catalog, itemIds, properties, context, receivedAt);
    }

    /** The exact text of the array or object the parser is on, leaving the parser after it. */
    private static String rawValue(JsonParser parser, byte[] payload, int offset) throws IOException {
        // Locations count bytes from the start of the parsed range, not of the array.
        int start = offset + (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = offset + (int) parser.currentLocation().getByteOffset();
        return new String(payload, start, end - start, StandardCharsets.UTF_8);
    }

    private void stage(long seq, String eventId, String type, long timestamp, String anonymousId, String userId,
                       String catalog, String itemIdsJson, String propertiesJson, String contextJson,
                       long receivedAt) throws SQLException {
        appender.beginRow()
                .append(seq)
                .append(eventId)
                .append(type)
                .appendEpochMicros(Timestamps.millisToMicros(timestamp))
                .append(anonymousId)
                .append(userId)
                .append(catalog)
                .append(itemIdsJson)
                .append(propertiesJson)
                .append(contextJson)
                .appendEpochMicros(Timestamps.millisToMicros(receivedAt))
                .endRow();
        highestSeq = seq;
        staged++;
    }

    private static String json(ObjectNode node) throws IOException {
        return node == null || node.isEmpty() ? EMPTY_OBJECT : Json.MAPPER.writeValueAsString(node);
    }

    /**
     * Flushes what is staged into the table. The explicit flush matters: the appender's
     * {@code close()} alone swallows a failed flush, leaving an aborted transaction that
     * "commits" nothing without an error.
     */
    @Override
    public void close() throws SQLException {
        try {
            appender.flush();
        } finally {
            appender.close();
        }
    }
}
