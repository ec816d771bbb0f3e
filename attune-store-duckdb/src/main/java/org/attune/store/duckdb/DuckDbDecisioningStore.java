package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attune.core.decisioning.DecisioningStore;
import org.attune.core.json.Json;

/** Definitions in {@code decisioning_definitions}, each as the JSON the API shows. Thread-safe. */
final class DuckDbDecisioningStore implements DecisioningStore {
    private static final String COLUMNS = "kind, catalog, id, epoch_us(updated_at), info";

    private final GuardedConnection db;

    DuckDbDecisioningStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void put(Stored definition) {
        db.transaction("saving " + definition.kind() + " " + definition.id(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO decisioning_definitions VALUES (?, ?, ?, make_timestamp(?), ?)")) {
                upsert.setString(1, definition.kind());
                upsert.setString(2, definition.catalog());
                upsert.setString(3, definition.id());
                upsert.setLong(4, Timestamps.micros(definition.updatedAt()));
                upsert.setString(5, Json.MAPPER.writeValueAsString(definition.definition()));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Stored> find(String kind, String catalog, String id) {
        return db.read("reading " + kind + " " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM decisioning_definitions WHERE kind = ? AND catalog = ? AND id = ?")) {
                select.setString(1, kind);
                select.setString(2, catalog);
                select.setString(3, id);
                List<Stored> found = rows(select);
                return found.isEmpty() ? Optional.<Stored>empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<Stored> list(String kind, String catalog) {
        return db.read("listing " + kind + " definitions of catalog " + catalog, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM decisioning_definitions WHERE kind = ? AND catalog = ? ORDER BY id")) {
                select.setString(1, kind);
                select.setString(2, catalog);
                return rows(select);
            }
        });
    }

    @Override
    public List<Stored> all() {
        return db.read("listing decisioning definitions", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM decisioning_definitions ORDER BY kind, catalog, id")) {
                return rows(select);
            }
        });
    }

    @Override
    public boolean delete(String kind, String catalog, String id) {
        return db.transaction("deleting " + kind + " " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM decisioning_definitions WHERE kind = ? AND catalog = ? AND id = ?")) {
                delete.setString(1, kind);
                delete.setString(2, catalog);
                delete.setString(3, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static List<Stored> rows(PreparedStatement select) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    found.add(new Stored(rows.getString(1), rows.getString(2), rows.getString(3),
                            Json.MAPPER.readTree(rows.getString(5)), Timestamps.instant(rows.getLong(4))));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a stored decisioning definition is not JSON", e);
                }
            }
        }
        return List.copyOf(found);
    }
}
