package org.attune.store.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.attune.core.catalog.CatalogStore;
import org.attune.core.catalog.ProductStore;
import org.attune.core.decisioning.DecisioningStore;
import org.attune.core.ingest.EventStore;
import org.attune.core.model.ModelStore;
import org.attune.core.model.ModelVersionStore;
import org.attune.core.personalization.PersonalizationStore;
import org.attune.core.security.AccountStore;
import org.attune.core.security.ApiKeyStore;
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
 * <p>DuckDB JDBC copies its 60 to 70 MB native library out of its jar into the JVM's
 * {@code java.io.tmpdir}, as it was when the JVM started, on the first connection of every
 * JVM, and a crashed JVM leaves that copy behind. Unless the system property
 * {@code attune.duckdb.tmpdir.managed} is {@code false}, opening deletes copies left by
 * earlier runs (in {@code DATA_DIR/tmp} and the JVM's temp directory) and, on Linux,
 * unlinks this JVM's copy as soon as it is loaded. Launchers should start the JVM with
 * {@code -Djava.io.tmpdir=DATA_DIR/tmp} so that the copy is made inside the data directory
 * (setting the property later has no effect). {@code NativeLibraryFiles} has the details.
 */
public final class DuckDbStorage implements Storage {
    /** Name of the database file inside the data directory. */
    public static final String DATABASE_FILE = "attune.duckdb";
    /** Folder inside the data directory for event load files and, when the JVM is told so, DuckDB's native library. */
    public static final String TMP_DIR = "tmp";

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);

    private final GuardedConnection db;
    private final DuckDbCatalogStore catalogs;
    private final DuckDbProductStore products;
    private final DuckDbEventStore events;
    private final DuckDbApiKeyStore apiKeys;
    private final DuckDbAccountStore accounts;
    private final DuckDbModelStore models;
    private final DuckDbModelVersionStore modelVersions;
    private final DuckDbPersonalizationStore personalization;
    private final DuckDbDecisioningStore decisioning;

    /**
     * Opens the store in {@code dataDir}, creating it when needed.
     *
     * @throws DuckDbStorageException when DuckDB cannot open the file, e.g. because another
     *     process has it open
     * @throws IllegalStateException when the file was written by a newer Attune
     */
    public DuckDbStorage(Path dataDir) {
        Path file = dataDir.resolve(DATABASE_FILE);
        Path tmpDir = dataDir.resolve(TMP_DIR);
        try {
            Files.createDirectories(tmpDir);
            NativeLibraryFiles.beforeConnect(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dataDir, e);
        }
        DuckDBConnection connection = connect(file);
        NativeLibraryFiles.afterConnect();
        try {
            // Only now, with DuckDB's lock on the file held, can no other process be loading from tmpDir.
            DuckDbEventStore.deleteLeftoverLoadFiles(tmpDir);
            List<Integer> applied = Migrations.apply(connection);
            if (!applied.isEmpty()) {
                LOG.info("applied schema migrations {} to {}", applied, file);
                // A table not yet in the file is written at its first checkpoint with the values
                // its rows had before updates, which an erasure's overwriting of forgotten events
                // relies on (DuckDbEventStore.forgetTombstoned): put the tables in the file now.
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("FORCE CHECKPOINT");
                }
            }
            DuckDbProductStore.createStagingTables(connection);
        } catch (SQLException | IOException | RuntimeException e) {
            closeAfterFailure(connection, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DuckDbStorageException("preparing " + file + " failed", e);
        }
        this.db = new GuardedConnection(connection);
        this.catalogs = new DuckDbCatalogStore(db);
        this.products = new DuckDbProductStore(db);
        this.events = new DuckDbEventStore(db, tmpDir);
        events.forgetLeftoverTombstones();
        this.apiKeys = new DuckDbApiKeyStore(db);
        this.accounts = new DuckDbAccountStore(db);
        this.models = new DuckDbModelStore(db);
        this.modelVersions = new DuckDbModelVersionStore(db);
        this.personalization = new DuckDbPersonalizationStore(db);
        this.decisioning = new DuckDbDecisioningStore(db);
    }

    /**
     * DuckDB's worker threads. By default half the cores (at least one): loading events
     * into the store runs beside ingestion, and on a small machine DuckDB taking every
     * core doubled the latency of durable acknowledgements. Set with
     * {@code -Dattune.duckdb.threads=N}.
     */
    static int threads() {
        String configured = System.getProperty("attune.duckdb.threads");
        if (configured != null) {
            return Math.max(1, Integer.parseInt(configured));
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static DuckDBConnection connect(Path file) {
        try {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("threads", Integer.toString(threads()));
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
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
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public ModelStore models() {
        return models;
    }

    @Override
    public org.attune.core.personalization.PersonalizationStore personalization() {
        return personalization;
    }

    @Override
    public org.attune.core.decisioning.DecisioningStore decisioning() {
        return decisioning;
    }

    @Override
    public org.attune.core.model.ModelVersionStore modelVersions() {
        return modelVersions;
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
