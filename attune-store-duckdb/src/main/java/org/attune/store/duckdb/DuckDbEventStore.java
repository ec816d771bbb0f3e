package org.attune.store.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.Tombstone;
import org.attune.core.ingest.EventStore;
import org.attune.core.json.Json;
import org.attune.core.storage.failure.UnstorableDataException;
import org.attune.core.validation.Echo;
import org.duckdb.DuckDBConnection;

/**
 * Events in the {@code events} table, with the load position in the one-row
 * {@code event_load_state} table, written in the same transaction as the events so that
 * a crash at any point neither loses nor repeats an event. {@code ts} and
 * {@code received_at} are SQL timestamps (UTC) for querying; properties and context are
 * JSON, stored as the exact text the event log holds.
 *
 * <p>Loading goes through a file: the frames' lines are rewritten into
 * {@code DATA_DIR/tmp/events-load-*.ndjson} by {@link EventLoadFile} and inserted with one
 * {@code read_json} statement, which DuckDB parses natively on all cores. Measured on the
 * project's 2-core machine, streaming the same events through DuckDB's appender took 1.5 to
 * 1.8 times the CPU (figures in the package documentation). {@link #append} encodes its
 * events with the log's own codec and takes the same path, so both entry points store the
 * same bytes. Thread-safe.
 */
final class DuckDbEventStore implements EventStore {
    /** Events fetched per lock hold while scanning, so writers are not kept waiting for a long scan. */
    private static final int SCAN_CHUNK = 10_000;
    static final String LOAD_FILE_PREFIX = "events-load";

    private final GuardedConnection db;
    private final Path tmpDir;

    DuckDbEventStore(GuardedConnection db, Path tmpDir) {
        this.db = db;
        this.tmpDir = tmpDir;
    }

    /** Deletes load files left in {@code tmpDir} by a process that died while loading. */
    static void deleteLeftoverLoadFiles(Path tmpDir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir, LOAD_FILE_PREFIX + "*.ndjson")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Events must come in rising seq order; one at or below the highest seq seen so far is skipped. */
    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        load("appending events", loadedThrough -> framesOf(events, loadedThrough));
    }

    /** Reads the frames' bytes directly; agrees with the interface's default, which decodes them first. */
    @Override
    public void appendFrames(List<EncodedFrame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        load("appending event log frames", loadedThrough -> frames);
    }

    private void load(String what, LongFunction<List<EncodedFrame>> framesAbove) {
        // The lock is held from the load to the end of an erasure, so that no reader sees the
        // overwritten rows between the two.
        db.read(what, connection -> {
            if (loadEvents(what, framesAbove)) {
                forgetTombstoned();
            }
            return null;
        });
    }

    /**
     * Loads the frames above what the table holds in one transaction.
     *
     * @return whether the frames held a tombstone
     * @throws UnstorableDataException when DuckDB refused the events' own data, so that the
     *     loader can set the refused event aside
     */
    private boolean loadEvents(String what, LongFunction<List<EncodedFrame>> framesAbove) {
        try {
            return loadInTransaction(what, framesAbove);
        } catch (DuckDbStorageException e) {
            if (isDataError(e.getCause())) {
                throw new UnstorableDataException(what + " failed on the events' own data: "
                        + Echo.message(String.valueOf(e.getCause().getMessage())), e.getCause());
            }
            throw e;
        }
    }

    /**
     * Whether DuckDB refused the data rather than failing itself: its message names the kind
     * of error first, and these kinds come from values (an epoch time whose microseconds
     * overflow, text that is not the declared type), never from the disk or the database.
     */
    static boolean isDataError(Throwable cause) {
        String message = cause instanceof SQLException ? cause.getMessage() : null;
        if (message == null) {
            return false;
        }
        for (String kind : DATA_ERRORS) {
            if (message.startsWith(kind) || message.contains("\n" + kind)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> DATA_ERRORS = List.of("Out of Range Error", "Conversion Error",
            "Invalid Input Error");

    @Override
    public void setAside(long seq, String reason) {
        db.transaction("setting an event aside", connection -> {
            if (seq <= loadedThrough(connection)) {
                return null;
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO events_set_aside VALUES (?, ?, current_timestamp::TIMESTAMP)");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE event_load_state SET loaded_through = ?")) {
                record.setLong(1, seq);
                record.setString(2, Echo.message(reason));
                record.executeUpdate();
                update.setLong(1, seq);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long setAsideCount() {
        return db.read("counting events set aside", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM events_set_aside")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private boolean loadInTransaction(String what, LongFunction<List<EncodedFrame>> framesAbove) {
        return db.transaction(what, connection -> {
            long loadedThrough = loadedThrough(connection);
            Path loadFile = Files.createTempFile(tmpDir, LOAD_FILE_PREFIX + "-", ".ndjson");
            try {
                EventLoadFile.Written written;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(loadFile), 1 << 20)) {
                    written = EventLoadFile.write(framesAbove.apply(loadedThrough), loadedThrough, out);
                }
                if (written.events() == 0) {
                    return false;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate(String.format(EventLoadFile.INSERT_SQL, sqlString(loadFile)));
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE event_load_state SET loaded_through = ?")) {
                    update.setLong(1, written.highestSeq());
                    update.executeUpdate();
                }
                try (PreparedStatement any = connection.prepareStatement(
                        "SELECT 1 FROM events WHERE seq > ? AND type = ? LIMIT 1")) {
                    any.setLong(1, loadedThrough);
                    any.setString(2, Tombstone.TYPE);
                    try (ResultSet rows = any.executeQuery()) {
                        return rows.next();
                    }
                }
            } finally {
                Files.deleteIfExists(loadFile);
            }
        });
    }

    /**
     * Applies the stored tombstones: the earlier events of the ids they name go, then the
     * tombstones themselves, and not only from the table but from the write-ahead log and, as far
     * as DuckDB allows, the database file. Until a checkpoint the log holds the rows as they were
     * loaded, and DuckDB's own checkpoint comes only once the log has grown to 16 MB; a checkpoint
     * writes a row that is deleted as it was before updates made since the last one, and a row
     * updated in the transaction that inserted it with its old values too. So the rows are first
     * overwritten with no ids, products, properties or context in a transaction of their own,
     * checkpointed, and then deleted and checkpointed again. Tombstones stay in the table until
     * applied: a crash on the way leaves them for {@link #forgetLeftoverTombstones} at the next
     * start.
     */
    private void forgetTombstoned() {
        db.transaction("overwriting forgotten events", connection -> {
            try (PreparedStatement forget = connection.prepareStatement("""
                    UPDATE events e SET type = ?, event_id = NULL, anonymous_id = NULL, user_id = NULL,
                                        item_ids = [], properties = '{}', context = '{}'
                    WHERE EXISTS (
                        SELECT 1 FROM (SELECT seq AS tombstone_seq,
                                              unnest(from_json(json_extract(properties, '$.ids'), '["VARCHAR"]')) AS id
                                       FROM events WHERE type = ?) t
                        WHERE e.seq < t.tombstone_seq AND (e.anonymous_id = t.id OR e.user_id = t.id))""");
                 PreparedStatement scrubTombstones = connection.prepareStatement("""
                    UPDATE events SET event_id = NULL, anonymous_id = NULL, user_id = NULL, item_ids = [],
                                      properties = '{}', context = '{}'
                    WHERE type = ?""")) {
                forget.setString(1, Tombstone.TYPE);
                forget.setString(2, Tombstone.TYPE);
                forget.executeUpdate();
                scrubTombstones.setString(1, Tombstone.TYPE);
                scrubTombstones.executeUpdate();
            }
            return null;
        });
        db.read("deleting forgotten events", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("FORCE CHECKPOINT");
                try (PreparedStatement drop = connection.prepareStatement("DELETE FROM events WHERE type = ?")) {
                    drop.setString(1, Tombstone.TYPE);
                    drop.executeUpdate();
                }
                statement.execute("FORCE CHECKPOINT");
            }
            return null;
        });
    }

    /** Applies tombstones a crash left in the table between loading and applying them. */
    void forgetLeftoverTombstones() {
        boolean left = db.read("looking for tombstones not yet applied", connection -> {
            try (PreparedStatement any = connection.prepareStatement("SELECT 1 FROM events WHERE type = ? LIMIT 1")) {
                any.setString(1, Tombstone.TYPE);
                try (ResultSet rows = any.executeQuery()) {
                    return rows.next();
                }
            }
        });
        if (left) {
            forgetTombstoned();
        }
    }

    /** The events above {@code loadedThrough} as frames of consecutive seqs, as the log would hold them. */
    private static List<EncodedFrame> framesOf(List<Event> events, long loadedThrough) {
        EventCodec codec = new EventCodec();
        List<EncodedFrame> frames = new ArrayList<>();
        List<Event> run = new ArrayList<>();
        long highest = loadedThrough;
        for (Event event : events) {
            if (event.seq() <= highest) {
                continue;
            }
            if (!run.isEmpty() && event.seq() != highest + 1) {
                frames.add(encode(codec, run));
                run.clear();
            }
            run.add(event);
            highest = event.seq();
        }
        if (!run.isEmpty()) {
            frames.add(encode(codec, run));
        }
        return frames;
    }

    private static EncodedFrame encode(EventCodec codec, List<Event> run) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(run.size() * 160);
        codec.encode(run, payload);
        return new EncodedFrame(run.get(0).seq(), run.size(), payload.toByteArray());
    }

    private static String sqlString(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public long loadedThrough() {
        return db.read("reading the event load position", DuckDbEventStore::loadedThrough);
    }

    private static long loadedThrough(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT loaded_through FROM event_load_state")) {
            if (!rows.next()) {
                throw new IllegalStateException("event_load_state has no row; the database is damaged");
            }
            return rows.getLong(1);
        }
    }

    @Override
    public long count() {
        return db.read("counting events", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Fetches in chunks and hands each chunk to the sink with the lock released. */
    @Override
    public void scan(long fromSeq, int limit, Consumer<Event> sink) {
        long next = fromSeq;
        int remaining = limit;
        while (remaining > 0) {
            int wanted = Math.min(remaining, SCAN_CHUNK);
            List<Event> chunk = fetch(next, wanted);
            chunk.forEach(sink);
            if (chunk.size() < wanted) {
                return;
            }
            remaining -= chunk.size();
            next = chunk.get(chunk.size() - 1).seq() + 1;
        }
    }

    private List<Event> fetch(long fromSeq, int limit) {
        return db.read("scanning events", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT seq, event_id, type, epoch_ms(ts), anonymous_id, user_id, catalog, item_ids,
                           properties, context, epoch_ms(received_at)
                    FROM events WHERE seq >= ? ORDER BY seq LIMIT ?""")) {
                select.setLong(1, fromSeq);
                select.setInt(2, limit);
                List<Event> events = new ArrayList<>(Math.min(limit, 1_024));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(new Event(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                                rows.getString(5), rows.getString(6), rows.getString(7), itemIds(rows.getArray(8)),
                                object(rows.getString(9)), object(rows.getString(10)), rows.getLong(11)));
                    }
                }
                return events;
            }
        });
    }

    private static List<String> itemIds(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        List<String> ids = new ArrayList<>(values.length);
        for (Object value : values) {
            ids.add((String) value);
        }
        return List.copyOf(ids);
    }

    private static ObjectNode object(String json) throws IOException {
        JsonNode node = Json.MAPPER.readTree(json);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("stored event JSON is not an object: " + json);
        }
        return object;
    }
}
