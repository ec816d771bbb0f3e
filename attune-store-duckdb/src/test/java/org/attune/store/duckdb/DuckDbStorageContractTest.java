package org.attune.store.duckdb;

import org.attune.core.catalog.ProductStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.attune.core.catalog.ProductChange;
import org.attune.core.catalog.ProductStore.ChangeCounts;
import org.attune.core.event.Event;
import org.attune.core.storage.Storage;
import org.attune.core.storage.StorageContract;
import org.attune.core.storage.failure.UnstorableDataException;
import org.junit.jupiter.api.Test;

class DuckDbStorageContractTest extends StorageContract {
    @Override
    protected Storage openStorage(Path dir) {
        return new DuckDbStorage(dir);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Test
    void failedProductWriteStoresNothingOfTheBatch() {
        ProductChange broken = new ProductChange("p2", null, T0);

        assertThatThrownBy(() -> storage.products().write("shoes", List.of(product("p1", "{}")), List.of(),
                List.of(new ProductChange("p1", ProductChange.Kind.ADDED, T0), broken)))
                .isInstanceOf(DuckDbStorageException.class);
        assertThat(storage.products().find("shoes", "p1")).isEmpty();
        assertThat(storage.products().changesSince("shoes", T0)).isEqualTo(new ChangeCounts(0, 0, 0));

        storage.products().write("shoes", List.of(product("p1", "{}")), List.of(), List.of());
        assertThat(storage.products().find("shoes", "p1")).isPresent();
    }

    @Test
    void failedEventLoadStoresNothingAndKeepsLoadedThrough() {
        storage.events().append(List.of(view(1, "p1")));
        Event untyped = new Event(3, null, null, 0L, "anon", null, null, List.of(), json("{}"), json("{}"), 0L);

        assertThatThrownBy(() -> storage.events().append(List.of(view(2, "p2"), untyped)))
                .isInstanceOf(DuckDbStorageException.class);
        assertThat(storage.events().loadedThrough()).isEqualTo(1);
        assertThat(storage.events().count()).isEqualTo(1);

        storage.events().append(List.of(view(2, "p2")));
        assertThat(storage.events().loadedThrough()).isEqualTo(2);
    }

    @Test
    void anEventTimeBeyondDuckDbsRangeIsRefusedAsDataAndCanBeSetAside() {
        storage.events().append(List.of(view(1, "p1")));
        Event ancient = new Event(3, null, "view", Long.MIN_VALUE, "anon", null, null, List.of(), json("{}"),
                json("{}"), 0L);

        assertThatThrownBy(() -> storage.events().append(List.of(view(2, "p2"), ancient)))
                .isInstanceOf(UnstorableDataException.class).hasMessageContaining("Overflow");
        assertThat(storage.events().loadedThrough()).isEqualTo(1);
        assertThat(storage.events().count()).isEqualTo(1);

        storage.events().append(List.of(view(2, "p2")));
        storage.events().setAside(3, "Overflow in multiplication of INT64");
        storage.events().append(List.of(view(4, "p4")));
        assertThat(storage.events().loadedThrough()).isEqualTo(4);
        assertThat(storage.events().count()).isEqualTo(3);
        reopen();
        assertThat(storage.events().setAsideCount()).as("the count survives a restart").isEqualTo(1);
    }

    @Test
    void tsIsQueryableAsATimestamp() throws Exception {
        storage.events().append(List.of(view(1, "p1")));
        storage.close();
        storage = null;
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.DATABASE_FILE));
             var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT CAST(ts AS VARCHAR), typeof(ts), properties->>'position' FROM events")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("2024-05-01 10:00:00.001");
            assertThat(rows.getString(2)).isEqualTo("TIMESTAMP");
            assertThat(rows.getString(3)).isEqualTo("1");
        }
    }

    @Test
    void theDataDirectoryGetsATmpFolderThatOpeningClearsOfLoadFiles() throws Exception {
        assertThat(dir.resolve(DuckDbStorage.TMP_DIR)).isDirectory();
        assertThat(dir.resolve(DuckDbStorage.DATABASE_FILE)).isRegularFile();
        java.nio.file.Path leftover = java.nio.file.Files.writeString(
                dir.resolve(DuckDbStorage.TMP_DIR).resolve("events-load-123.ndjson"), "{\"s\":1}\n");

        reopen();

        assertThat(leftover).doesNotExist();
    }
}
