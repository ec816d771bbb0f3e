package org.attune.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The schema of the database file, as an ordered list of versioned migrations. Each is
 * applied once, in its own transaction, and recorded in {@code schema_migrations}; opening
 * a file runs the ones it has not seen yet. To change the schema, append a migration with
 * the next version; never edit one that has shipped, since files in the field already
 * carry it.
 */
final class Migrations {

    /**
     * One step of the schema.
     *
     * @param version 1, 2, ... in the order the steps are applied
     * @param description what the step does, for people reading the code
     * @param statements the SQL, run in order in one transaction
     */
    record Migration(int version, String description, List<String> statements) {
        Migration {
            if (version < 1) {
                throw new IllegalArgumentException("migration versions start at 1, got " + version);
            }
            Objects.requireNonNull(description, "description");
            statements = List.copyOf(statements);
        }
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "catalogs, products and their changes, events, API keys", List.of(
                    """
                    CREATE TABLE catalogs (
                        id VARCHAR PRIMARY KEY,
                        definition JSON NOT NULL,
                        created_at TIMESTAMP NOT NULL)""",
                    // (catalog, id) is unique but deliberately not a PRIMARY KEY: DuckDB's index makes
                    // repeated bulk upserts of the same products 30 to 50 times slower with every round,
                    // while the store's delete-then-insert under its single writer keeps ids unique.
                    """
                    CREATE TABLE products (
                        catalog VARCHAR NOT NULL,
                        id VARCHAR NOT NULL,
                        attributes JSON NOT NULL,
                        available BOOLEAN NOT NULL,
                        updated_at TIMESTAMP NOT NULL,
                        removed BOOLEAN NOT NULL)""",
                    """
                    CREATE TABLE product_changes (
                        catalog VARCHAR NOT NULL,
                        product_id VARCHAR NOT NULL,
                        kind VARCHAR NOT NULL,
                        "at" TIMESTAMP NOT NULL)""",
                    // No primary key on seq: the loader only ever appends above loaded_through,
                    // and an index would slow the bulk load that this table exists for.
                    """
                    CREATE TABLE events (
                        seq BIGINT NOT NULL,
                        event_id VARCHAR,
                        type VARCHAR NOT NULL,
                        ts TIMESTAMP NOT NULL,
                        anonymous_id VARCHAR,
                        user_id VARCHAR,
                        catalog VARCHAR,
                        item_ids VARCHAR[] NOT NULL,
                        properties JSON NOT NULL,
                        context JSON NOT NULL,
                        received_at TIMESTAMP NOT NULL)""",
                    "CREATE TABLE event_load_state (loaded_through BIGINT NOT NULL)",
                    "INSERT INTO event_load_state VALUES (0)",
                    """
                    CREATE TABLE api_keys (
                        id VARCHAR PRIMARY KEY,
                        name VARCHAR NOT NULL,
                        role VARCHAR NOT NULL,
                        secret_hash VARCHAR NOT NULL,
                        prefix VARCHAR NOT NULL,
                        created_at TIMESTAMP NOT NULL,
                        revoked_at TIMESTAMP)""")),
            new Migration(2, "model definitions and their lifecycle state", List.of(
                    """
                    CREATE TABLE models (
                        id VARCHAR PRIMARY KEY,
                        definition JSON NOT NULL,
                        status VARCHAR NOT NULL,
                        failure VARCHAR,
                        created_at TIMESTAMP NOT NULL,
                        updated_at TIMESTAMP NOT NULL)""")),
            new Migration(3, "model versions and the version each model serves", List.of(
                    "ALTER TABLE models ADD COLUMN active_version INTEGER",
                    """
                    CREATE TABLE model_versions (
                        model_id VARCHAR NOT NULL,
                        version INTEGER NOT NULL,
                        trained_at TIMESTAMP NOT NULL,
                        info JSON NOT NULL,
                        PRIMARY KEY (model_id, version))""")),
            new Migration(4, "personalization setups (one per catalog) and their runs", List.of(
                    """
                    CREATE TABLE personalization_setups (
                        catalog VARCHAR PRIMARY KEY,
                        info JSON NOT NULL)""",
                    """
                    CREATE TABLE personalization_runs (
                        id VARCHAR PRIMARY KEY,
                        catalog VARCHAR NOT NULL,
                        started_at TIMESTAMP NOT NULL,
                        info JSON NOT NULL)""")),
            new Migration(5, "decisioning definitions: collections, strategies, placements, rules", List.of(
                    """
                    CREATE TABLE decisioning_definitions (
                        kind VARCHAR NOT NULL,
                        catalog VARCHAR NOT NULL,
                        id VARCHAR NOT NULL,
                        updated_at TIMESTAMP NOT NULL,
                        info JSON NOT NULL,
                        PRIMARY KEY (kind, catalog, id))""")),
            new Migration(6, "people's studio accounts, with password hashes only", List.of(
                    """
                    CREATE TABLE accounts (
                        name VARCHAR PRIMARY KEY,
                        role VARCHAR NOT NULL,
                        password_hash VARCHAR NOT NULL,
                        created_at TIMESTAMP NOT NULL,
                        disabled_at TIMESTAMP)""")),
            new Migration(7, "events of the log the events table could not hold, set aside with the reason", List.of(
                    """
                    CREATE TABLE events_set_aside (
                        seq BIGINT PRIMARY KEY,
                        reason VARCHAR NOT NULL,
                        set_aside_at TIMESTAMP NOT NULL)""")),
            // Keys stored before this kept the first 8 characters of every secret, those the
            // operator chose too (ATTUNE_ADMIN_KEY): drop them where the secret was not generated.
            new Migration(8, "no prefix kept of API key secrets the operator chose", List.of(
                    "UPDATE api_keys SET prefix = '' WHERE name = 'bootstrap admin (ATTUNE_ADMIN_KEY)'"
                            + " OR prefix NOT LIKE 'atk!_%' ESCAPE '!'")),
            new Migration(9, "browser keys' origins, catalogs, placements and rate (JSON)", List.of(
                    "ALTER TABLE api_keys ADD COLUMN browser VARCHAR")));

    static {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).version() != i + 1) {
                throw new IllegalStateException("migration versions must be 1, 2, 3, ... without gaps");
            }
        }
    }

    private Migrations() {
    }

    /** The version a file has once every known migration is applied. */
    static int latestVersion() {
        return ALL.size();
    }

    /**
     * Applies every migration the file has not seen yet, each in its own transaction.
     *
     * @return the versions applied now, in order; empty when the file was up to date
     * @throws IllegalStateException when the file was written by a newer version of Attune
     */
    static List<Integer> apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY,
                        applied_at TIMESTAMP NOT NULL)""");
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new IllegalStateException("the database has schema version " + current
                    + " but this Attune knows versions up to " + latestVersion() + "; use a newer Attune");
        }
        List<Integer> applied = new ArrayList<>();
        for (Migration migration : ALL.subList(current, ALL.size())) {
            applyOne(connection, migration);
            applied.add(migration.version());
        }
        return applied;
    }

    /** The highest version recorded in the file, 0 for a new file. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void applyOne(Connection connection, Migration migration) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             PreparedStatement record = connection.prepareStatement(
                     "INSERT INTO schema_migrations VALUES (?, make_timestamp(?))")) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            record.setInt(1, migration.version());
            record.setLong(2, Timestamps.micros(Instant.now()));
            record.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
