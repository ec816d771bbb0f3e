package org.attune.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;
import org.attune.core.validation.RecordRejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogServiceTest {
    private static final String SHOP = """
            {"id": "shop", "name": "Shop", "schema": {"attributes": [
              {"name": "title", "type": "string", "role": "title", "required": true},
              {"name": "price", "type": "number", "role": "price"},
              {"name": "in_stock", "type": "boolean", "role": "availability"}]}}
            """;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private CatalogService service;

    @BeforeEach
    void createCatalog() {
        service = new CatalogService(storage.catalogs(), storage.products(), clock);
        service.create(json(SHOP));
    }

    @Test
    void aCatalogIsCreatedOnceAndStored() {
        assertThat(service.exists("shop")).isTrue();
        assertThat(service.catalog("shop").createdAt()).isEqualTo(clock.instant());
        assertThat(storage.catalogs().find("shop")).contains(service.catalog("shop"));

        assertThatThrownBy(() -> service.create(json(SHOP)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("catalog_exists"));
        assertThat(service.exists("books")).isFalse();
    }

    @Test
    void upsertCountsAddedChangedAndUnchangedProducts() {
        CatalogService.UpsertResult first = upsert("""
                {"id": "p1", "title": "Mug", "price": 10}
                {"id": "p2", "title": "Cup", "price": 8}
                {"id": "p3", "title": "Jug", "price": 20}
                """);
        assertThat(first).isEqualTo(new CatalogService.UpsertResult(3, 3, 0, 0, List.of()));

        clock.advance(Duration.ofMinutes(5));
        CatalogService.UpsertResult second = upsert("""
                [{"id": "p1", "title": "Mug", "price": 10},
                 {"id": "p2", "title": "Cup", "price": 7.50},
                 {"id": "p4", "title": "Pot"}]
                """);

        assertThat(second).isEqualTo(new CatalogService.UpsertResult(3, 1, 1, 1, List.of()));
        assertThat(service.product("shop", "p2")).get()
                .satisfies(p -> assertThat(p.attributes().get("price").toString()).isEqualTo("7.50"))
                .satisfies(p -> assertThat(p.updatedAt()).isEqualTo(clock.instant()));
        assertThat(service.product("shop", "p1").orElseThrow().updatedAt())
                .as("an unchanged product is not rewritten").isEqualTo(clock.instant().minus(Duration.ofMinutes(5)));
        assertThat(storage.products().find("shop", "p2")).contains(service.product("shop", "p2").orElseThrow());
        assertThat(service.products("shop")).hasSize(4);
    }

    @Test
    void rejectedRecordsAreReportedByIndexWhileValidOnesAreStored() {
        CatalogService.UpsertResult result = upsert("""
                {"id": "p1", "title": "Mug"}
                {"id": "p2", "price": 3}
                {"id": "p3", "title": "Jug", "colour": "red"
                {"title": "No id"}
                {"id": "p5", "title": "Pan", "in_stock": false}
                """);

        assertThat(result.received()).isEqualTo(5);
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.rejected()).extracting(RecordRejection::index, RecordRejection::id)
                .containsExactly(tuple(1, "p2"), tuple(2, null), tuple(3, null));
        assertThat(result.rejected().get(0).problems()).extracting(Problem::path, Problem::code)
                .containsExactly(tuple("title", "required"));
        assertThat(result.rejected().get(1).problems()).extracting(Problem::code).containsExactly("malformed_json");
        assertThat(result.rejected().get(2).problems()).extracting(Problem::code).containsExactly("invalid_id");
        assertThat(storage.products().page("shop", null, 10)).extracting(Product::id).containsExactly("p1", "p5");
        assertThat(service.product("shop", "p5").orElseThrow().available()).isFalse();
    }

    @Test
    void aPatchUpdatesOneProductInMemoryAndInTheStore() {
        upsert("{\"id\": \"p1\", \"title\": \"Mug\", \"price\": 10, \"in_stock\": true}");
        clock.advance(Duration.ofHours(1));

        Product patched = service.patch("shop", "p1", json("{\"price\": null, \"in_stock\": false}"));

        assertThat(patched.attributes()).isEqualTo(json("{\"title\": \"Mug\", \"in_stock\": false}"));
        assertThat(patched.available()).isFalse();
        assertThat(patched.updatedAt()).isEqualTo(clock.instant());
        assertThat(service.product("shop", "p1")).contains(patched);
        assertThat(storage.products().find("shop", "p1")).contains(patched);
        assertThat(storage.products().changesSince("shop", clock.instant()))
                .isEqualTo(new org.attune.core.catalog.ProductStore.ChangeCounts(0, 1, 0));
    }

    @Test
    void anInvalidPatchChangesNothing() {
        upsert("{\"id\": \"p1\", \"title\": \"Mug\"}");
        Product before = service.product("shop", "p1").orElseThrow();

        assertThatThrownBy(() -> service.patch("shop", "p1", json("{\"title\": null}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_product");
                    assertThat(e.problems()).extracting(Problem::code).containsExactly("required");
                });
        assertThatThrownBy(() -> service.patch("shop", "nope", json("{\"title\": \"X\"}")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("product_not_found"));
        assertThat(service.product("shop", "p1")).contains(before);
        assertThat(storage.products().find("shop", "p1")).contains(before);
    }

    @Test
    void deleteRemovesAProductAndAnUpsertBringsItBackAsAdded() {
        upsert("{\"id\": \"p1\", \"title\": \"Mug\"}\n{\"id\": \"p2\", \"title\": \"Cup\"}");

        service.delete("shop", "p1");

        assertThat(service.product("shop", "p1")).isEmpty();
        assertThat(storage.products().find("shop", "p1")).isEmpty();
        assertThat(service.products("shop")).extracting(Product::id).containsExactly("p2");
        assertThatThrownBy(() -> service.delete("shop", "p1"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("product_not_found"));

        assertThat(upsert("{\"id\": \"p1\", \"title\": \"Mug\"}").added()).isEqualTo(1);
        assertThat(service.product("shop", "p1")).isPresent();
    }

    @Test
    void statsMeasureChurnOverTheWindow() {
        upsert("""
                {"id": "p1", "title": "A"}
                {"id": "p2", "title": "B"}
                {"id": "p3", "title": "C", "in_stock": false}
                {"id": "p4", "title": "D"}
                """);
        clock.advance(Duration.ofDays(10));
        upsert("{\"id\": \"p5\", \"title\": \"E\"}\n{\"id\": \"p2\", \"title\": \"B2\"}");
        service.delete("shop", "p1");
        clock.advance(Duration.ofDays(1));

        CatalogStats week = service.stats("shop", 7);

        assertThat(week.products()).isEqualTo(4);
        assertThat(week.availableProducts()).isEqualTo(3);
        assertThat(week.since()).isEqualTo(clock.instant().minus(Duration.ofDays(7)));
        assertThat(week.added()).isEqualTo(1);
        assertThat(week.changed()).isEqualTo(1);
        assertThat(week.removed()).isEqualTo(1);
        // Four products at the start of the window; one added and one removed within it.
        assertThat(week.churn()).isEqualTo(0.5);

        CatalogStats day = service.stats("shop", 1);
        assertThat(day.added() + day.changed() + day.removed()).as("changes exactly one window ago are inside it")
                .isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        CatalogStats laterDay = service.stats("shop", 1);
        assertThat(laterDay.added() + laterDay.changed() + laterDay.removed()).isZero();
        assertThat(laterDay.churn()).isZero();

        CatalogStats wholeLife = service.stats("shop", 30);
        assertThat(wholeLife.added()).isEqualTo(5);
        assertThat(wholeLife.churn()).as("a catalog that is new within the window turned over entirely")
                .isEqualTo(6.0 / 5);

        assertThatThrownBy(() -> service.stats("shop", 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("invalid_window"));
    }

    @Test
    void pagesFollowTheCursorInIdOrder() {
        upsert("""
                [{"id": "p3", "title": "C"}, {"id": "p1", "title": "A"}, {"id": "p5", "title": "E"},
                 {"id": "p2", "title": "B"}, {"id": "p4", "title": "D"}]
                """);

        assertThat(service.page("shop", null, 2)).extracting(Product::id).containsExactly("p1", "p2");
        assertThat(service.page("shop", "p2", 2)).extracting(Product::id).containsExactly("p3", "p4");
        assertThat(service.page("shop", "p4", 2)).extracting(Product::id).containsExactly("p5");
        assertThat(service.page("shop", "p5", 2)).isEmpty();
        assertThatThrownBy(() -> service.page("shop", null, 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("invalid_limit"));
        assertThatThrownBy(() -> service.page("shop", null, CatalogService.MAX_PAGE_SIZE + 1))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aNewServiceOverTheSameStorageSeesTheSameCatalogsAndProducts() {
        upsert("""
                {"id": "p1", "title": "Mug", "price": 12.50}
                {"id": "p2", "title": "Cup", "in_stock": false}
                {"id": "p3", "title": "Jug"}
                """);
        service.patch("shop", "p3", json("{\"price\": 4}"));
        service.delete("shop", "p1");

        CatalogService reloaded = new CatalogService(storage.catalogs(), storage.products(), clock);

        assertThat(reloaded.list()).containsExactlyElementsOf(service.list());
        assertThat(reloaded.products("shop")).containsExactlyInAnyOrderElementsOf(service.products("shop"));
        assertThat(reloaded.product("shop", "p1")).isEmpty();
        assertThat(reloaded.product("shop", "p2").orElseThrow().available()).isFalse();
        assertThat(reloaded.product("shop", "p3").orElseThrow().attributes().get("price").asInt()).isEqualTo(4);
        assertThat(upsertInto(reloaded, "{\"id\": \"p2\", \"title\": \"Cup\", \"in_stock\": false}").unchanged())
                .as("what was stored compares equal to the same product sent again").isEqualTo(1);
    }

    @Test
    void anUnknownCatalogIsReportedAsNotFound() {
        assertThatThrownBy(() -> service.product("books", "p1"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("catalog_not_found"));
        assertThatThrownBy(() -> upsertInto(service, "books", "{\"id\": \"p1\"}"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.stats("books", 7)).isInstanceOf(NotFoundException.class);
    }

    private CatalogService.UpsertResult upsert(String body) {
        return upsertInto(service, body);
    }

    private static CatalogService.UpsertResult upsertInto(CatalogService target, String body) {
        return upsertInto(target, "shop", body);
    }

    private static CatalogService.UpsertResult upsertInto(CatalogService target, String catalog, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return target.upsert(catalog, bytes, bytes.length);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock that stands still until a test moves it. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is always UTC");
        }
    }
}
