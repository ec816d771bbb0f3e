package org.attune.store.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.security.ApiKey;
import org.attune.core.json.Json;
import org.attune.core.security.ApiKeyStore;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.validation.ConflictException;

/** API keys in the {@code api_keys} table; roles are stored by their JSON names. Thread-safe. */
final class DuckDbApiKeyStore implements ApiKeyStore {
    private final GuardedConnection db;

    DuckDbApiKeyStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void save(ApiKey key) {
        db.transaction("saving API key " + key.id(), connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM api_keys WHERE id = ?")) {
                exists.setString(1, key.id());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new ConflictException("api_key_exists", "An API key with id '" + key.id() + "' already exists");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (id, name, role, secret_hash, prefix, created_at, revoked_at, browser)"
                            + " VALUES (?, ?, ?, ?, ?, make_timestamp(?), make_timestamp(?), ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.name());
                insert.setString(3, key.role().jsonName());
                insert.setString(4, key.secretHash());
                insert.setString(5, key.prefix());
                insert.setLong(6, Timestamps.micros(key.createdAt()));
                if (key.revokedAt() == null) {
                    insert.setNull(7, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(7, Timestamps.micros(key.revokedAt()));
                }
                insert.setString(8, key.browser() == null ? null : Json.MAPPER.writeValueAsString(key.browser()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ApiKey> list() {
        return db.read("listing API keys", connection -> {
            List<ApiKey> keys = new ArrayList<>();
            // rowid breaks ties between keys created in the same microsecond: first saved, first listed
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("""
                         SELECT id, name, role, secret_hash, prefix, epoch_us(created_at), epoch_us(revoked_at), browser
                         FROM api_keys ORDER BY created_at, rowid""")) {
                while (rows.next()) {
                    String role = rows.getString(3);
                    long revokedAt = rows.getLong(7);
                    boolean active = rows.wasNull();
                    keys.add(new ApiKey(rows.getString(1), rows.getString(2),
                            Role.fromJsonName(role).orElseThrow(
                                    () -> new IllegalStateException("stored API key has an unknown role '" + role + "'")),
                            rows.getString(4), rows.getString(5), Timestamps.instant(rows.getLong(6)),
                            active ? null : Timestamps.instant(revokedAt), browser(rows.getString(8))));
                }
            }
            return List.copyOf(keys);
        });
    }

    private static BrowserAccess browser(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, BrowserAccess.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored browser key's access is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.transaction("revoking API key " + id, connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM api_keys WHERE id = ?")) {
                exists.setString(1, id);
                try (ResultSet rows = exists.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                }
            }
            // A key revoked earlier keeps its first revocation time.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = make_timestamp(?) WHERE id = ? AND revoked_at IS NULL")) {
                update.setLong(1, Timestamps.micros(at));
                update.setString(2, id);
                update.executeUpdate();
            }
            return true;
        });
    }
}
