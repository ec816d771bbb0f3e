package org.attune.store.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.attune.core.storage.ApiKeyStore;
import org.attune.core.storage.CatalogStore;
import org.attune.core.storage.EventStore;
import org.attune.core.storage.ProductStore;
import org.attune.core.storage.Storage;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All stores of one installation in the DuckDB file {@code DATA_DIR/attune.duckdb}.
 * Opening creates the directory and the file when missing and applies any pending schema
 * {@link Migrations}. The stores share one connection behind one lock: DuckDB admits one
 * writer, and the work here is bulk work, so callers simply take turns. Thread-safe; a
 * data directory may be open in only one process at a time (DuckDB locks the file).
 *
 * <p>DuckDB's native library is copied out of its jar into a temp directory when the first
 * connection of the JVM is made; {@link NativeLibraryFiles} describes where, and how this
 * class keeps those copies from piling up ({@code DATA_DIR/tmp}, the system property
 * {@value NativeLibraryFiles#MANAGED_PROPERTY}, and starting the JVM with
 * {@code -Djava.io.tmpdir=DATA_DIR/tmp}).
 */
public final class DuckDbStorage implements Storage {
    /** Name of the database file inside the data directory. */
    public static final String DATABASE_FILE = "attune.duckdb";
    /** Folder inside the data directory for DuckDB's native library and other temporary files. */
    public static final String TMP_DIR = "tmp";

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);

    private final GuardedConnection db;
    private final DuckDbCatalogStore catalogs;
    private final DuckDbProductStore products;
    private final DuckDbEventStore events;
    private final DuckDbApiKeyStore apiKeys;

    /**
     * Opens the store in {@code dataDir}, creating it when needed.
     *
     * @throws DuckDbStorageException when DuckDB cannot open the file, e.g. because another
     *     process has it open
     * @throws IllegalStateException when the file was written by a newer Attune
     */
    public DuckDbStorage(Path dataDir) {
        Path file = dataDir.resolve(DATABASE_FILE);
        try {
            Files.createDirectories(dataDir);
            NativeLibraryFiles.beforeConnect(dataDir.resolve(TMP_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dataDir, e);
        }
        DuckDBConnection connection = connect(file);
        NativeLibraryFiles.afterConnect();
        try {
            List<Integer> applied = Migrations.apply(connection);
            if (!applied.isEmpty()) {
                LOG.info("applied schema migrations {} to {}", applied, file);
            }
            DuckDbProductStore.createStagingTables(connection);
            DuckDbEventStore.createStagingTables(connection);
        } catch (SQLException | RuntimeException e) {
            closeAfterFailure(connection, e);
            if (e instanceof SQLException sql) {
                throw new DuckDbStorageException("preparing " + file + " failed", sql);
            }
            throw (RuntimeException) e;
        }
        this.db = new GuardedConnection(connection);
        this.catalogs = new DuckDbCatalogStore(db);
        this.products = new DuckDbProductStore(db);
        this.events = new DuckDbEventStore(db);
        this.apiKeys = new DuckDbApiKeyStore(db);
    }

    private static DuckDBConnection connect(Path file) {
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new DuckDbStorageException("opening " + file + " failed", e);
        }
    }

    private static void closeAfterFailure(DuckDBConnection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public CatalogStore catalogs() {
        return catalogs;
    }

    @Override
    public ProductStore products() {
        return products;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public String kind() {
        return "duckdb";
    }

    /** Closes the connection; DuckDB checkpoints its write-ahead log into the file. Idempotent. */
    @Override
    public void close() {
        db.close();
    }
}
