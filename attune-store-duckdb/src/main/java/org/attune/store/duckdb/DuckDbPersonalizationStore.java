package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSetup;
import org.attune.core.personalization.PersonalizationStore;
import org.attune.core.personalization.SetupRun;

/**
 * Setups in {@code personalization_setups} and runs in {@code personalization_runs}, each
 * as the JSON the API shows. Thread-safe.
 */
final class DuckDbPersonalizationStore implements PersonalizationStore {
    private final GuardedConnection db;

    DuckDbPersonalizationStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void put(PersonalizationSetup setup) {
        db.transaction("saving the personalization setup of catalog " + setup.catalog(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO personalization_setups VALUES (?, ?)")) {
                upsert.setString(1, setup.catalog());
                upsert.setString(2, Json.MAPPER.writeValueAsString(setup.toJson()));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<PersonalizationSetup> find(String catalog) {
        return db.read("reading the personalization setup of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info FROM personalization_setups WHERE catalog = ?")) {
                select.setString(1, catalog);
                List<PersonalizationSetup> found = rows(select, PersonalizationSetup::fromJson);
                return found.isEmpty() ? Optional.<PersonalizationSetup>empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<PersonalizationSetup> list() {
        return db.read("listing personalization setups", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info FROM personalization_setups ORDER BY catalog")) {
                return rows(select, PersonalizationSetup::fromJson);
            }
        });
    }

    @Override
    public void putRun(SetupRun run) {
        db.transaction("saving personalization run " + run.id(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO personalization_runs VALUES (?, ?, make_timestamp(?), ?)")) {
                upsert.setString(1, run.id());
                upsert.setString(2, run.catalog());
                upsert.setLong(3, Timestamps.micros(run.startedAt()));
                upsert.setString(4, Json.MAPPER.writeValueAsString(run.toJson()));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<SetupRun> runs(String catalog) {
        return db.read("listing the personalization runs of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info FROM personalization_runs WHERE catalog = ? ORDER BY started_at DESC, id DESC")) {
                select.setString(1, catalog);
                return rows(select, SetupRun::fromJson);
            }
        });
    }

    private static <T> List<T> rows(PreparedStatement select, Function<JsonNode, T> read) throws SQLException {
        List<T> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    found.add(read.apply(Json.MAPPER.readTree(rows.getString(1))));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a stored personalization record is not JSON", e);
                }
            }
        }
        return List.copyOf(found);
    }
}
