package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogStore;
import org.attune.core.validation.ConflictException;

/** Catalog definitions in the {@code catalogs} table. Thread-safe. */
final class DuckDbCatalogStore implements CatalogStore {
    private final GuardedConnection db;

    DuckDbCatalogStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void create(Catalog catalog) {
        String json = writeJson(catalog);
        db.transaction("creating catalog " + catalog.id(), connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM catalogs WHERE id = ?")) {
                exists.setString(1, catalog.id());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new ConflictException("catalog_exists",
                                "A catalog with id '" + catalog.id() + "' already exists");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO catalogs VALUES (?, ?, make_timestamp(?))")) {
                insert.setString(1, catalog.id());
                insert.setString(2, json);
                insert.setLong(3, Timestamps.micros(catalog.createdAt()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Catalog> find(String id) {
        return db.read("finding catalog " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM catalogs WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(CatalogJson.read(rows.getString(1))) : Optional.<Catalog>empty();
                }
            }
        });
    }

    @Override
    public List<Catalog> list() {
        return db.read("listing catalogs", connection -> {
            List<Catalog> catalogs = new ArrayList<>();
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT definition FROM catalogs ORDER BY id")) {
                while (rows.next()) {
                    catalogs.add(CatalogJson.read(rows.getString(1)));
                }
            }
            return List.copyOf(catalogs);
        });
    }

    private static String writeJson(Catalog catalog) {
        try {
            return CatalogJson.write(catalog);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("catalog " + catalog.id() + " cannot be written as JSON", e);
        }
    }
}
