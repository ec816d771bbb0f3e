package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attune.core.json.Json;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.ModelVersionStore;

/**
 * Model versions in the {@code model_versions} table, each as the JSON the API shows
 * ({@link ModelVersion#toJson}). Thread-safe.
 */
final class DuckDbModelVersionStore implements ModelVersionStore {
    private final GuardedConnection db;

    DuckDbModelVersionStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void add(ModelVersion version) {
        db.transaction("saving version " + version.version() + " of model " + version.modelId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO model_versions VALUES (?, ?, make_timestamp(?), ?)")) {
                insert.setString(1, version.modelId());
                insert.setInt(2, version.version());
                insert.setLong(3, Timestamps.micros(version.trainedAt()));
                insert.setString(4, Json.MAPPER.writeValueAsString(version.toJson()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ModelVersion> find(String modelId, int version) {
        return db.read("reading version " + version + " of model " + modelId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info FROM model_versions WHERE model_id = ? AND version = ?")) {
                select.setString(1, modelId);
                select.setInt(2, version);
                List<ModelVersion> found = rows(select);
                return found.isEmpty() ? Optional.<ModelVersion>empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<ModelVersion> list(String modelId) {
        return db.read("listing versions of model " + modelId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info FROM model_versions WHERE model_id = ? ORDER BY version DESC")) {
                select.setString(1, modelId);
                return rows(select);
            }
        });
    }

    @Override
    public int deleteAll(String modelId) {
        return db.transaction("deleting the versions of model " + modelId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM model_versions WHERE model_id = ?")) {
                delete.setString(1, modelId);
                return delete.executeUpdate();
            }
        });
    }

    private static List<ModelVersion> rows(PreparedStatement select) throws SQLException {
        List<ModelVersion> versions = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    versions.add(ModelVersion.fromJson(Json.MAPPER.readTree(rows.getString(1))));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a stored model version is not JSON", e);
                }
            }
        }
        return List.copyOf(versions);
    }
}
