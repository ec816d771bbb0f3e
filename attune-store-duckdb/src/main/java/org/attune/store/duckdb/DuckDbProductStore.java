package org.attune.store.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.attune.core.catalog.Product;
import org.attune.core.catalog.ProductChange;
import org.attune.core.catalog.ProductStore;
import org.attune.core.json.Json;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Products in the {@code products} table (a removed product keeps its row, marked
 * {@code removed}) and change records in {@code product_changes}. A batch is appended to
 * temporary staging tables and merged with one statement, all in one transaction.
 * Every appender is flushed explicitly: {@code close()} alone drops a failed flush without
 * an exception, and the aborted transaction would then "commit" nothing in silence.
 * Thread-safe.
 */
final class DuckDbProductStore implements ProductStore {
    /** Rows fetched per lock hold while scanning, so writers are not kept waiting for a whole catalog. */
    private static final int SCAN_CHUNK = 10_000;

    private final GuardedConnection db;

    DuckDbProductStore(GuardedConnection db) {
        this.db = db;
    }

    /** Creates this connection's staging tables; temporary tables vanish with the connection. */
    static void createStagingTables(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMP TABLE product_staging (
                        id VARCHAR, attributes JSON, available BOOLEAN, updated_at TIMESTAMP)""");
            statement.execute("CREATE TEMP TABLE product_removal_staging (id VARCHAR)");
        }
    }

    @Override
    public void write(String catalog, List<Product> upserts, List<String> removals, List<ProductChange> changes) {
        if (upserts.isEmpty() && removals.isEmpty() && changes.isEmpty()) {
            return;
        }
        // Staged ids must be unique for the merge to keep one row per product; the last version wins.
        Map<String, Product> latest = new LinkedHashMap<>();
        for (Product product : upserts) {
            latest.put(product.id(), product);
        }
        db.transaction("writing products of catalog " + catalog, connection -> {
            if (!latest.isEmpty()) {
                // A bulk catalog write is rare and large: let DuckDB use every core for it.
                boolean bulk = latest.size() >= 10_000;
                if (bulk) {
                    setThreads(connection, Runtime.getRuntime().availableProcessors());
                }
                try {
                    upsert(connection, catalog, latest.values());
                } finally {
                    if (bulk) {
                        setThreads(connection, DuckDbStorage.threads());
                    }
                }
            }
            if (!removals.isEmpty()) {
                remove(connection, catalog, removals);
            }
            if (!changes.isEmpty()) {
                appendChanges(connection, catalog, changes);
            }
            return null;
        });
    }

    private static void upsert(DuckDBConnection connection, String catalog, Iterable<Product> products)
            throws SQLException, IOException {
        clear(connection, "product_staging");
        List<Product> list = new java.util.ArrayList<>();
        products.forEach(list::add);
        // Serialising the attributes is the costly Java part of a bulk write; it needs no
        // connection, so it runs on all cores.
        String[] attributes = new String[list.size()];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, list.size());
        (list.size() >= 1_000 ? indexes.parallel() : indexes).forEach(i -> {
            try {
                attributes[i] = Json.MAPPER.writeValueAsString(list.get(i).attributes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (DuckDBAppender staging = connection.createAppender("temp", "main", "product_staging")) {
            for (int i = 0; i < list.size(); i++) {
                Product product = list.get(i);
                staging.beginRow()
                        .append(product.id())
                        .append(attributes[i])
                        .append(product.available())
                        .appendEpochMicros(Timestamps.micros(product.updatedAt()))
                        .endRow();
            }
            staging.flush();
        }
        // Delete-then-insert rather than INSERT OR REPLACE: see Migrations on why products has no key.
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM products WHERE catalog = ? AND id IN (SELECT id FROM product_staging)");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO products
                     SELECT CAST(? AS VARCHAR), id, attributes, available, updated_at, false FROM product_staging""")) {
            delete.setString(1, catalog);
            delete.executeUpdate();
            insert.setString(1, catalog);
            insert.executeUpdate();
        }
    }

    private static void remove(DuckDBConnection connection, String catalog, List<String> ids) throws SQLException {
        clear(connection, "product_removal_staging");
        try (DuckDBAppender staging = connection.createAppender("temp", "main", "product_removal_staging")) {
            for (String id : ids) {
                staging.beginRow().append(id).endRow();
            }
            staging.flush();
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE products SET removed = true
                WHERE catalog = ? AND id IN (SELECT id FROM product_removal_staging)""")) {
            update.setString(1, catalog);
            update.executeUpdate();
        }
    }

    private static void appendChanges(DuckDBConnection connection, String catalog, List<ProductChange> changes)
            throws SQLException {
        try (DuckDBAppender appender = connection.createAppender("product_changes")) {
            for (ProductChange change : changes) {
                appender.beginRow()
                        .append(catalog)
                        .append(change.productId())
                        .append(change.kind() == null ? null : change.kind().name().toLowerCase(Locale.ROOT))
                        .appendEpochMicros(Timestamps.micros(change.at()))
                        .endRow();
            }
            appender.flush();
        }
    }

    private static void setThreads(DuckDBConnection connection, int threads) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
        }
    }

    private static void clear(DuckDBConnection connection, String stagingTable) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + stagingTable);
        }
    }

    @Override
    public Optional<Product> find(String catalog, String id) {
        return db.read("finding product " + id + " of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, attributes, available, epoch_us(updated_at) FROM products
                    WHERE catalog = ? AND id = ? AND NOT removed""")) {
                select.setString(1, catalog);
                select.setString(2, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(product(rows)) : Optional.<Product>empty();
                }
            }
        });
    }

    @Override
    public List<Product> page(String catalog, String afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.read("paging products of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, attributes, available, epoch_us(updated_at) FROM products
                    WHERE catalog = ? AND NOT removed AND (CAST(? AS VARCHAR) IS NULL OR id > ?)
                    ORDER BY id LIMIT ?""")) {
                select.setString(1, catalog);
                select.setString(2, afterId);
                select.setString(3, afterId);
                select.setInt(4, limit);
                List<Product> products = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        products.add(product(rows));
                    }
                }
                return List.copyOf(products);
            }
        });
    }

    /** Pages through the catalog by id, handing each page to the sink with the lock released. */
    @Override
    public void scan(String catalog, Consumer<Product> sink) {
        String afterId = null;
        List<Product> chunk;
        do {
            chunk = page(catalog, afterId, SCAN_CHUNK);
            chunk.forEach(sink);
            if (!chunk.isEmpty()) {
                afterId = chunk.get(chunk.size() - 1).id();
            }
        } while (chunk.size() == SCAN_CHUNK);
    }

    @Override
    public ChangeCounts changesSince(String catalog, Instant since) {
        return db.read("counting product changes of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT kind, count(*) FROM product_changes
                    WHERE catalog = ? AND "at" >= make_timestamp(?) GROUP BY kind""")) {
                select.setString(1, catalog);
                select.setLong(2, Timestamps.micros(since));
                long added = 0;
                long changed = 0;
                long removed = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String kind = rows.getString(1);
                        long count = rows.getLong(2);
                        switch (ProductChange.Kind.valueOf(kind.toUpperCase(Locale.ROOT))) {
                            case ADDED -> added = count;
                            case CHANGED -> changed = count;
                            case REMOVED -> removed = count;
                            default -> throw new IllegalStateException("unknown change kind " + kind);
                        }
                    }
                }
                return new ChangeCounts(added, changed, removed);
            }
        });
    }

    private static Product product(ResultSet rows) throws SQLException, IOException {
        JsonNode attributes = Json.MAPPER.readTree(rows.getString(2));
        if (!(attributes instanceof ObjectNode object)) {
            throw new IllegalStateException("stored attributes of product " + rows.getString(1) + " are not an object");
        }
        return new Product(rows.getString(1), object, rows.getBoolean(3), Timestamps.instant(rows.getLong(4)));
    }
}
