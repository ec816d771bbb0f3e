package org.attune.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void newFileGetsEveryMigrationOnceAndReopeningAppliesNothing() throws SQLException {
        try (Connection connection = open("migrations.duckdb")) {
            assertThat(Migrations.apply(connection)).containsExactly(versions());
            assertThat(Migrations.apply(connection)).isEmpty();
        }
        try (Connection connection = open("migrations.duckdb")) {
            assertThat(Migrations.apply(connection)).isEmpty();
            assertThat(Migrations.currentVersion(connection)).isEqualTo(Migrations.latestVersion());
            assertThat(recordedVersions(connection)).containsExactly(versions());
        }
    }

    @Test
    void openingTheStorageTwiceRecordsEachVersionOnce() throws SQLException {
        new DuckDbStorage(dir).close();
        new DuckDbStorage(dir).close();

        try (Connection connection = open(DuckDbStorage.DATABASE_FILE)) {
            assertThat(recordedVersions(connection)).containsExactly(versions());
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM event_load_state")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the load-state row is inserted once").isEqualTo(1);
            }
        }
    }

    @Test
    void versionsRunFromOneWithoutGaps() {
        for (int i = 0; i < Migrations.ALL.size(); i++) {
            assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
            assertThat(Migrations.ALL.get(i).statements()).isNotEmpty();
        }
    }

    private Connection open(String file) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(file));
    }

    private static Integer[] versions() {
        return Migrations.ALL.stream().map(Migrations.Migration::version).toArray(Integer[]::new);
    }

    private static List<Integer> recordedVersions(Connection connection) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
