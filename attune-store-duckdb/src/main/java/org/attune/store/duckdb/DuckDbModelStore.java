package org.attune.store.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attune.core.json.Json;
import org.attune.core.model.ModelDefinitionReader;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.ModelStore;
import org.attune.core.model.StoredModel;
import org.attune.core.model.kinds.BuiltInKinds;
import org.duckdb.DuckDBConnection;

/**
 * Models in the {@code models} table: the definition as the JSON the API shows, the status
 * by its JSON name. Definitions are read back with the same reader the API uses (without
 * the catalog check: a stored model's catalog existed when it was saved). Thread-safe.
 */
final class DuckDbModelStore implements ModelStore {
    private static final String COLUMNS = "id, definition, status, failure, epoch_us(created_at), epoch_us(updated_at),"
            + " active_version";

    private final GuardedConnection db;
    private final ModelDefinitionReader reader = new ModelDefinitionReader(catalog -> true, BuiltInKinds.ALL);

    DuckDbModelStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void put(StoredModel model) {
        db.transaction("saving model " + model.id(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM models WHERE id = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO models (id, definition, status, failure, created_at, updated_at,"
                                 + " active_version) VALUES (?, ?, ?, ?, make_timestamp(?), make_timestamp(?), ?)")) {
                delete.setString(1, model.id());
                delete.executeUpdate();
                insert.setString(1, model.id());
                insert.setString(2, Json.MAPPER.writeValueAsString(model.definition().toJson()));
                insert.setString(3, model.status().jsonName());
                insert.setString(4, model.failure());
                insert.setLong(5, Timestamps.micros(model.createdAt()));
                insert.setLong(6, Timestamps.micros(model.updatedAt()));
                insert.setObject(7, model.activeVersion());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredModel> find(String id) {
        return db.read("reading model " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM models WHERE id = ?")) {
                select.setString(1, id);
                List<StoredModel> found = rows(select);
                return found.isEmpty() ? Optional.<StoredModel>empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<StoredModel> list() {
        return db.read("listing models", (DuckDBConnection connection) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM models ORDER BY created_at, id")) {
                return rows(select);
            }
        });
    }

    @Override
    public boolean delete(String id) {
        return db.transaction("deleting model " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM models WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private List<StoredModel> rows(PreparedStatement select) throws SQLException {
        List<StoredModel> models = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    models.add(new StoredModel(rows.getString(1), reader.read(Json.MAPPER.readTree(rows.getString(2))),
                            ModelStatus.fromJsonName(rows.getString(3)), rows.getString(4),
                            (Integer) rows.getObject(7), Timestamps.instant(rows.getLong(5)), Timestamps.instant(rows.getLong(6))));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("stored model " + rows.getString(1) + " is not JSON", e);
                }
            }
        }
        return List.copyOf(models);
    }
}
