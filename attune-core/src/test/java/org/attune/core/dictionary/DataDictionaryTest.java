package org.attune.core.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.attune.core.dictionary.DictionarySnapshot.EventType;
import org.attune.core.dictionary.DictionarySnapshot.PropertyPath;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {
    private final DataDictionary dictionary = new DataDictionary();
    private long seq;

    @Test
    void countsEventsPerTypeMostFrequentFirst() {
        dictionary.observeAll(List.of(event("view", 10, "{}"), event("purchase", 20, "{}"), event("view", 30, "{}")));
        dictionary.observe(event("view", 40, "{}"));
        dictionary.observe(event("add_to_cart", 50, "{}"));

        DictionarySnapshot snapshot = dictionary.snapshot();

        assertThat(snapshot.events()).isEqualTo(5);
        assertThat(snapshot.lastSeq()).isEqualTo(5);
        assertThat(dictionary.events()).isEqualTo(5);
        assertThat(snapshot.types()).extracting(EventType::type, EventType::count)
                .containsExactly(tuple("view", 3L), tuple("add_to_cart", 1L), tuple("purchase", 1L));
    }

    @Test
    void firstAndLastSeenAreTheEarliestAndLatestTimestampsWhateverTheArrivalOrder() {
        dictionary.observe(event("view", 5_000, "{}"));
        dictionary.observe(event("view", 1_000, "{}"));
        dictionary.observe(event("view", 9_000, "{}"));
        dictionary.observe(event("view", 3_000, "{}"));

        EventType view = type("view");

        assertThat(view.firstSeen()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(view.lastSeen()).isEqualTo(Instant.ofEpochMilli(9_000));
    }

    @Test
    void pathsNameNestedKeysAndArrayElements() {
        dictionary.observe(event("purchase", 1, """
                {"order": {"total": 25.00, "coupon": {"code": "X1"}},
                 "items": [{"id": "p1", "qty": 1}, {"id": "p2", "qty": 2}],
                 "tags": ["a", "b"], "matrix": [[1, 2]]}
                """));

        assertThat(type("purchase").paths()).extracting(PropertyPath::path).containsExactly(
                "anonymousId",
                "catalog",
                "context.surface",
                "itemIds[*]",
                "properties.items",
                "properties.items[*]",
                "properties.items[*].id",
                "properties.items[*].qty",
                "properties.matrix",
                "properties.matrix[*]",
                "properties.matrix[*][*]",
                "properties.order",
                "properties.order.coupon",
                "properties.order.coupon.code",
                "properties.order.total",
                "properties.tags",
                "properties.tags[*]");
        assertThat(path("purchase", "properties.items").types()).containsExactly(entry("array", 1L));
        assertThat(path("purchase", "properties.items[*]").types()).containsExactly(entry("object", 2L));
        assertThat(path("purchase", "properties.order.total").types()).containsExactly(entry("number", 1L));
        assertThat(path("purchase", "properties.order.coupon.code").example()).isEqualTo("X1");
    }

    @Test
    void fillRateCountsEachEventOnceEvenWhenAnArrayRepeatsThePath() {
        dictionary.observe(event("purchase", 1, "{\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]}"));
        dictionary.observe(event("purchase", 2, "{\"items\": [{\"id\": \"d\"}]}"));
        dictionary.observe(event("purchase", 3, "{\"total\": 3}"));
        dictionary.observe(event("purchase", 4, "{}"));

        PropertyPath ids = path("purchase", "properties.items[*].id");

        assertThat(ids.events()).isEqualTo(2);
        assertThat(ids.fillRate()).isEqualTo(0.5);
        assertThat(ids.types()).as("value counts are per occurrence").containsExactly(entry("string", 4L));
        assertThat(path("purchase", "properties.total").fillRate()).isEqualTo(0.25);
        assertThat(path("purchase", "anonymousId").fillRate()).isEqualTo(1.0);
    }

    @Test
    void aPathWithMixedTypesListsEachTypeWithItsCount() {
        dictionary.observe(event("view", 1, "{\"size\": \"M\"}"));
        dictionary.observe(event("view", 2, "{\"size\": 42}"));
        dictionary.observe(event("view", 3, "{\"size\": \"L\"}"));
        dictionary.observe(event("view", 4, "{\"size\": true}"));
        dictionary.observe(event("view", 5, "{\"size\": null}"));
        dictionary.observe(event("view", 6, "{\"size\": [\"S\"]}"));

        PropertyPath size = path("view", "properties.size");

        assertThat(size.types()).containsOnly(entry("string", 2L), entry("number", 1L), entry("boolean", 1L),
                entry("null", 1L), entry("array", 1L));
        assertThat(size.events()).isEqualTo(6);
        assertThat(size.fillRate()).isEqualTo(1.0);
    }

    @Test
    void theExampleIsTheFirstValueSeenShortenedWhenLong() {
        dictionary.observe(event("view", 1, "{\"note\": null}"));
        dictionary.observe(event("view", 2, "{\"note\": \"" + "n".repeat(200) + "\", \"price\": 12.50}"));
        dictionary.observe(event("view", 3, "{\"note\": \"second\", \"price\": 9}"));

        assertThat(path("view", "properties.note").example())
                .as("null is not an example").isEqualTo("n".repeat(120) + "…");
        assertThat(path("view", "properties.price").example()).isEqualTo("12.50");
        assertThat(path("view", "anonymousId").example()).isEqualTo("anon-1");
    }

    @Test
    void pathsBeyondThePerTypeLimitAreOnlyCounted() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        // anonymousId, catalog and itemIds[*] are tracked first, then properties, then context:
        // p0000 to p0996 fill the tracked paths; p0997 to p1000 and context.surface are left over.
        for (int i = 0; i <= 1000; i++) {
            properties.put(String.format("p%04d", i), i);
        }
        dictionary.observe(event("wide", 1, properties.toString()));
        dictionary.observe(event("narrow", 2, "{\"only\": 1}"));

        EventType wide = type("wide");

        assertThat(wide.paths()).hasSize(DataDictionary.MAX_PATHS_PER_TYPE);
        assertThat(wide.untrackedPaths()).isEqualTo(5);
        assertThat(wide.paths()).extracting(PropertyPath::path)
                .contains("anonymousId", "properties.p0000", "properties.p0996")
                .doesNotContain("properties.p0997", "properties.p1000", "context.surface");
        assertThat(type("narrow").paths()).extracting(PropertyPath::path).contains("properties.only");
        assertThat(type("narrow").untrackedPaths()).isZero();
    }

    @Test
    void trackedPathsKeepCountingAfterTheLimitIsReached() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < DataDictionary.MAX_PATHS_PER_TYPE; i++) {
            properties.put(String.format("p%04d", i), i);
        }
        dictionary.observe(event("wide", 1, properties.toString()));
        dictionary.observe(event("wide", 2, "{\"p0000\": 7}"));

        assertThat(path("wide", "properties.p0000").events()).isEqualTo(2);
        assertThat(path("wide", "anonymousId").events()).isEqualTo(2);

        long before = type("wide").untrackedPaths();
        dictionary.observe(event("wide", 3, "{\"late\": [1]}"));
        long oneElement = type("wide").untrackedPaths() - before;
        dictionary.observe(event("wide", 4, "{\"late\": [1, 2, 3]}"));
        long threeElements = type("wide").untrackedPaths() - before - oneElement;
        assertThat(threeElements).as("an untracked path counts once per event, however many values it has")
                .isEqualTo(oneElement).isPositive();
    }

    @Test
    void aSnapshotDoesNotChangeWhenMoreEventsArrive() {
        dictionary.observe(event("view", 1, "{\"a\": 1}"));
        DictionarySnapshot before = dictionary.snapshot();

        dictionary.observe(event("view", 2, "{\"a\": 2, \"b\": 3}"));

        assertThat(before.events()).isEqualTo(1);
        assertThat(before.types().get(0).count()).isEqualTo(1);
        assertThat(before.types().get(0).paths()).extracting(PropertyPath::path).doesNotContain("properties.b");
        assertThat(dictionary.snapshot().types().get(0).count()).isEqualTo(2);
    }

    @Test
    void eventTypesOfACatalogAreCountedPerCatalog() {
        dictionary.observeAll(List.of(event("view", 1, "{}", "shop"), event("read", 2, "{}", "blog"),
                event("purchase", 3, "{}", "shop"), event("view", 4, "{}", "shop"), event("view", 5, "{}", "blog"),
                event("click", 6, "{}", null)));

        assertThat(dictionary.types("shop")).containsExactly(entry("view", 2L), entry("purchase", 1L));
        assertThat(dictionary.types("blog")).containsExactly(entry("read", 1L), entry("view", 1L));
        assertThat(dictionary.types("nowhere")).isEmpty();
    }

    private EventType type(String name) {
        return dictionary.snapshot().types().stream().filter(t -> t.type().equals(name)).findFirst().orElseThrow();
    }

    private PropertyPath path(String type, String path) {
        return type(type).paths().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow();
    }

    private Event event(String type, long timestamp, String properties) {
        return event(type, timestamp, properties, "shop");
    }

    private Event event(String type, long timestamp, String properties, String catalog) {
        try {
            seq++;
            return new Event(seq, "e" + seq, type, timestamp, "anon-" + seq, null, catalog, List.of("p" + seq),
                    (ObjectNode) Json.MAPPER.readTree(properties),
                    JsonNodeFactory.instance.objectNode().put("surface", "web"), timestamp);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
