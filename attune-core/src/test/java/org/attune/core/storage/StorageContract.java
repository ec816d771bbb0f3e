package org.attune.core.storage;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.catalog.ProductChange;
import org.attune.core.catalog.ProductStore.ChangeCounts;
import org.attune.core.catalog.ProductStore;
import org.attune.core.decisioning.DecisioningStore;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.Tombstone;
import org.attune.core.ingest.EventStore.EncodedFrame;
import org.attune.core.ingest.EventStore;
import org.attune.core.json.Json;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelDefinitionReader;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.StoredModel;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.personalization.DailySchedule;
import org.attune.core.personalization.PersonalizationSetup;
import org.attune.core.personalization.SetupRun;
import org.attune.core.personalization.SetupStatus;
import org.attune.core.personalization.ViabilityReport;
import org.attune.core.personalization.ViabilityThresholds;
import org.attune.core.security.Account;
import org.attune.core.security.ApiKey;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.validation.ConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link Storage} implementation must show. A test class per
 * implementation extends this and says how to open one; persistent implementations also
 * say so, which turns on the tests that close and reopen the same directory.
 */
public abstract class StorageContract {
    protected static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** A fresh, empty directory for the storage under test; {@link #reopen()} uses it again. */
    @TempDir
    protected Path dir;

    /** The storage under test, open during each test. */
    protected Storage storage;

    /** Opens (creating when empty) the storage kept in {@code dir}. */
    protected abstract Storage openStorage(Path dir);

    /** Whether what is stored survives {@link Storage#close()} and a new open of the same directory. */
    protected boolean persistent() {
        return false;
    }

    @BeforeEach
    void openFreshStorage() {
        storage = openStorage(dir);
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    /** Closes the storage and opens it again on the same directory. */
    protected final Storage reopen() {
        storage.close();
        storage = null;
        storage = openStorage(dir);
        return storage;
    }

    @Test
    void kindIsAShortName() {
        assertThat(storage.kind()).matches("[a-z0-9-]+");
    }

    @Nested
    class Catalogs {
        @Test
        void createdCatalogIsFoundWithItsWholeSchema() {
            Catalog shoes = catalog("shoes");
            storage.catalogs().create(shoes);

            assertThat(storage.catalogs().find("shoes")).contains(shoes);
        }

        @Test
        void unknownCatalogIsEmpty() {
            assertThat(storage.catalogs().find("nope")).isEmpty();
            assertThat(storage.catalogs().list()).isEmpty();
        }

        @Test
        void listIsOrderedById() {
            storage.catalogs().create(catalog("shoes"));
            storage.catalogs().create(catalog("bags"));
            storage.catalogs().create(catalog("hats"));

            assertThat(storage.catalogs().list()).extracting(Catalog::id).containsExactly("bags", "hats", "shoes");
        }

        @Test
        void takenIdIsAConflictAndKeepsTheFirstCatalog() {
            Catalog first = catalog("shoes");
            storage.catalogs().create(first);
            Catalog second = new Catalog("shoes", "Other", "de", first.schema(), T0.plusSeconds(60));

            assertThatThrownBy(() -> storage.catalogs().create(second)).isInstanceOf(ConflictException.class);
            assertThat(storage.catalogs().find("shoes")).contains(first);
            assertThat(storage.catalogs().list()).containsExactly(first);
        }
    }

    @Nested
    class Products {
        @Test
        void writtenProductsAreFound() {
            Product red = product("p1", "{\"title\":\"Red shoe\",\"price\":12.50}");
            Product sold = new Product("p2", json("{\"title\":\"Sold out\",\"inStock\":false}"), false, T0);
            storage.products().write("shoes", List.of(red, sold), List.of(), List.of());

            assertThat(storage.products().find("shoes", "p1")).contains(red);
            assertThat(storage.products().find("shoes", "p2")).contains(sold);
        }

        @Test
        void unknownProductOrCatalogIsEmpty() {
            storage.products().write("shoes", List.of(product("p1", "{}")), List.of(), List.of());

            assertThat(storage.products().find("shoes", "p9")).isEmpty();
            assertThat(storage.products().find("bags", "p1")).isEmpty();
            assertThat(storage.products().page("bags", null, 10)).isEmpty();
            assertThat(scanIds("bags")).isEmpty();
        }

        @Test
        void attributesRoundTripExactly() {
            Product odd = product("p1", """
                    {"title":"Grüße aus Zürich 😀 日本","price":12.50,"big":12345678901234567890,
                     "small":-0.001,"tags":["a","b\\"c","d\\\\e\\nf"],"none":null,"flag":true,
                     "nested":{"deeper":{"list":[1,2.0,{"x":"y"}]}}}""");
            storage.products().write("shoes", List.of(odd), List.of(), List.of());

            Product found = storage.products().find("shoes", "p1").orElseThrow();
            assertThat(found).isEqualTo(odd);
            assertThat(found.attributes().get("price").decimalValue()).hasToString("12.50");
        }

        @Test
        void upsertReplacesTheEarlierVersion() {
            storage.products().write("shoes", List.of(product("p1", "{\"title\":\"Old\"}")), List.of(), List.of());
            Product newer = new Product("p1", json("{\"title\":\"New\"}"), false, T0.plusSeconds(5));
            storage.products().write("shoes", List.of(newer), List.of(), List.of());

            assertThat(storage.products().find("shoes", "p1")).contains(newer);
            assertThat(storage.products().page("shoes", null, 10)).containsExactly(newer);
        }

        @Test
        void lastUpsertOfAnIdInOneBatchWins() {
            Product first = product("p1", "{\"title\":\"First\"}");
            Product last = product("p1", "{\"title\":\"Last\"}");
            storage.products().write("shoes", List.of(first, last), List.of(), List.of());

            assertThat(storage.products().page("shoes", null, 10)).containsExactly(last);
        }

        @Test
        void removedProductIsNeitherFoundNorPagedNorScanned() {
            storage.products().write("shoes", List.of(product("p1", "{}"), product("p2", "{}")), List.of(), List.of());
            storage.products().write("shoes", List.of(), List.of("p1"), List.of());

            assertThat(storage.products().find("shoes", "p1")).isEmpty();
            assertThat(storage.products().page("shoes", null, 10)).extracting(Product::id).containsExactly("p2");
            assertThat(scanIds("shoes")).containsExactly("p2");
        }

        @Test
        void removedProductUpsertedAgainIsLive() {
            storage.products().write("shoes", List.of(product("p1", "{\"title\":\"Old\"}")), List.of(), List.of());
            storage.products().write("shoes", List.of(), List.of("p1"), List.of());
            Product back = product("p1", "{\"title\":\"Back\"}");
            storage.products().write("shoes", List.of(back), List.of(), List.of());

            assertThat(storage.products().find("shoes", "p1")).contains(back);
            assertThat(scanIds("shoes")).containsExactly("p1");
        }

        @Test
        void removingAnUnknownIdChangesNothing() {
            storage.products().write("shoes", List.of(product("p1", "{}")), List.of(), List.of());
            storage.products().write("shoes", List.of(), List.of("p9"), List.of());

            assertThat(scanIds("shoes")).containsExactly("p1");
        }

        @Test
        void catalogsKeepTheirOwnProducts() {
            Product shoe = product("p1", "{\"title\":\"Shoe\"}");
            Product bag = product("p1", "{\"title\":\"Bag\"}");
            storage.products().write("shoes", List.of(shoe), List.of(), List.of());
            storage.products().write("bags", List.of(bag), List.of(), List.of());
            storage.products().write("bags", List.of(), List.of("p1"), List.of());

            assertThat(storage.products().find("shoes", "p1")).contains(shoe);
            assertThat(storage.products().find("bags", "p1")).isEmpty();
        }

        @Test
        void pagesFollowTheCursorInIdOrder() {
            List<Product> written = new ArrayList<>();
            for (String id : List.of("p3", "p1", "p5", "p2", "p4")) {
                written.add(product(id, "{\"title\":\"" + id + "\"}"));
            }
            storage.products().write("shoes", written, List.of(), List.of());

            assertThat(pageIds(null, 2)).containsExactly("p1", "p2");
            assertThat(pageIds("p2", 2)).containsExactly("p3", "p4");
            assertThat(pageIds("p4", 2)).containsExactly("p5");
            assertThat(pageIds("p5", 2)).isEmpty();
            assertThat(pageIds("p25", 2)).as("the cursor need not be a stored id").containsExactly("p3", "p4");
            assertThat(pageIds(null, 100)).containsExactly("p1", "p2", "p3", "p4", "p5");
        }

        @Test
        void largeBatchIsPagedAndScannedWhole() {
            List<Product> written = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                written.add(new Product(String.format("p%05d", i), json("{\"n\":" + i + "}"), i % 3 != 0, T0));
            }
            storage.products().write("shoes", written, List.of("p00007", "p02000"), List.of());

            List<Product> paged = new ArrayList<>();
            String after = null;
            List<Product> page;
            while (!(page = storage.products().page("shoes", after, 1_000)).isEmpty()) {
                paged.addAll(page);
                after = page.get(page.size() - 1).id();
            }
            List<Product> expected = written.stream()
                    .filter(p -> !p.id().equals("p00007") && !p.id().equals("p02000")).toList();
            assertThat(paged).containsExactlyElementsOf(expected);
            List<Product> scanned = new ArrayList<>();
            storage.products().scan("shoes", scanned::add);
            assertThat(scanned).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        void changesAreCountedByKindFromTheGivenInstantOn() {
            Instant later = T0.plus(Duration.ofHours(1));
            Instant latest = T0.plus(Duration.ofHours(2));
            storage.products().write("shoes", List.of(product("p1", "{}"), product("p2", "{}")), List.of(), List.of(
                    new ProductChange("p1", ProductChange.Kind.ADDED, T0),
                    new ProductChange("p2", ProductChange.Kind.ADDED, T0)));
            storage.products().write("shoes", List.of(product("p1", "{\"title\":\"x\"}")), List.of(), List.of(
                    new ProductChange("p1", ProductChange.Kind.CHANGED, later)));
            storage.products().write("shoes", List.of(), List.of("p2"), List.of(
                    new ProductChange("p2", ProductChange.Kind.REMOVED, latest)));
            storage.products().write("bags", List.of(), List.of(), List.of(
                    new ProductChange("b1", ProductChange.Kind.ADDED, latest)));

            assertThat(storage.products().changesSince("shoes", T0.minusSeconds(1))).isEqualTo(new ChangeCounts(2, 1, 1));
            assertThat(storage.products().changesSince("shoes", T0)).isEqualTo(new ChangeCounts(2, 1, 1));
            assertThat(storage.products().changesSince("shoes", later)).isEqualTo(new ChangeCounts(0, 1, 1));
            assertThat(storage.products().changesSince("shoes", later.plusMillis(1))).isEqualTo(new ChangeCounts(0, 0, 1));
            assertThat(storage.products().changesSince("shoes", latest.plusSeconds(1))).isEqualTo(new ChangeCounts(0, 0, 0));
            assertThat(storage.products().changesSince("bags", T0)).isEqualTo(new ChangeCounts(1, 0, 0));
            assertThat(storage.products().changesSince("hats", T0)).isEqualTo(new ChangeCounts(0, 0, 0));
        }

        private List<String> pageIds(String afterId, int limit) {
            return storage.products().page("shoes", afterId, limit).stream().map(Product::id).toList();
        }

        private List<String> scanIds(String catalog) {
            List<String> ids = new ArrayList<>();
            storage.products().scan(catalog, p -> ids.add(p.id()));
            return ids;
        }
    }

    @Nested
    class Models {
        private StoredModel model(String id, ModelStatus status, Instant createdAt) {
            ModelDefinition definition = new ModelDefinitionReader(c -> true, BuiltInKinds.ALL).read(json("""
                    {"name": "Model %s", "catalog": "shoes", "kind": "collaborative",
                     "signals": [{"name": "buys", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                                  "weight": 8, "valuePath": "properties.items[*].quantity"}],
                     "params": {"easeLambda": 300}}""".formatted(id)));
            return new StoredModel(id, definition, status, status == ModelStatus.FAILED ? "out of memory" : null,
                    null, createdAt, createdAt.plusSeconds(5));
        }

        @Test
        void modelsAreStoredReplacedListedOldestFirstAndDeleted() {
            StoredModel second = model("mdl_b", ModelStatus.DRAFT, T0.plusSeconds(60));
            StoredModel first = model("mdl_a", ModelStatus.FAILED, T0);
            storage.models().put(second);
            storage.models().put(first);

            assertThat(storage.models().find("mdl_a")).contains(first);
            assertThat(storage.models().list()).containsExactly(first, second);
            StoredModel running = new StoredModel("mdl_b", second.definition(), ModelStatus.RUNNING, null, 3,
                    second.createdAt(), second.updatedAt().plusSeconds(60));
            storage.models().put(running);
            assertThat(storage.models().list()).containsExactly(first, running);
            assertThat(storage.models().find("mdl_b").orElseThrow().activeVersion()).isEqualTo(3);

            assertThat(storage.models().delete("mdl_a")).isTrue();
            assertThat(storage.models().delete("mdl_a")).isFalse();
            assertThat(storage.models().find("mdl_a")).isEmpty();
            assertThat(storage.models().list()).containsExactly(running);
        }
    }

    @Nested
    class Personalization {
        private PersonalizationSetup setup(String catalog, SetupStatus status, ViabilityReport report) {
            return new PersonalizationSetup(catalog, "co_occurrence", "mdl_" + catalog, status, "done", 100,
                    ViabilityThresholds.DEFAULTS.with(json("{\"criteria\": {\"event_volume\": {\"minimum\": 10}}}")),
                    report, status == SetupStatus.ASSESSMENT_FAILED ? "no events" : null, false, null,
                    new DailySchedule(java.time.LocalTime.of(2, 30), java.time.ZoneId.of("Europe/Prague")), T0,
                    T0.plusSeconds(5));
        }

        private ViabilityReport report() {
            return new ViabilityReport(SetupStatus.NOT_VIABLE, T0, 1, List.of(new ViabilityReport.Criterion(
                    "event_volume", 2, true, 12, 10_000, 10, ViabilityReport.Rating.YELLOW, "Events.", "Send more.")),
                    "40% changed", new ModelVersion.OfflineMetrics("time split", 5, 0.4, 0.25, 0.2, 0.1),
                    "known: scored");
        }

        private SetupRun run(String id, String catalog, long second, String outcome) {
            return new SetupRun(id, catalog, "mdl_" + catalog, "daily", T0.plusSeconds(second),
                    outcome.equals(SetupRun.RUNNING) ? null : T0.plusSeconds(second + 3), outcome,
                    outcome.equals(SetupRun.FAILED) ? "boom" : null, null);
        }

        @Test
        void setupsAreOnePerCatalogReplacedAndReadBackWhole() {
            PersonalizationSetup failed = setup("shoes", SetupStatus.ASSESSMENT_FAILED, null);
            storage.personalization().put(failed);
            storage.personalization().put(setup("bags", SetupStatus.VIABLE, null));
            assertThat(storage.personalization().find("shoes")).contains(failed);
            PersonalizationSetup assessed = setup("shoes", SetupStatus.NOT_VIABLE, report());
            storage.personalization().put(assessed);

            assertThat(storage.personalization().find("shoes")).contains(assessed);
            assertThat(storage.personalization().find("hats")).isEmpty();
            assertThat(storage.personalization().list()).extracting(PersonalizationSetup::catalog)
                    .containsExactly("bags", "shoes");
            assertThat(storage.personalization().find("shoes").orElseThrow().thresholds()
                    .limit(ViabilityThresholds.EVENTS).minimum()).isEqualTo(10);
        }

        @Test
        void runsAreListedNewestFirstPerCatalogAndReplacedById() {
            storage.personalization().putRun(run("run_1", "shoes", 0, SetupRun.SUCCEEDED));
            storage.personalization().putRun(run("run_2", "shoes", 60, SetupRun.RUNNING));
            storage.personalization().putRun(run("run_3", "bags", 30, SetupRun.RUNNING));
            SetupRun ended = run("run_2", "shoes", 60, SetupRun.FAILED);
            storage.personalization().putRun(ended);

            assertThat(storage.personalization().runs("shoes")).containsExactly(ended,
                    run("run_1", "shoes", 0, SetupRun.SUCCEEDED));
            assertThat(storage.personalization().runs("bags")).extracting(SetupRun::id).containsExactly("run_3");
            assertThat(storage.personalization().runs("hats")).isEmpty();
        }

        @Test
        void setupsAndRunsSurviveReopening() {
            assumeTrue(persistent(), "only persistent storage keeps data across close and open");
            PersonalizationSetup assessed = setup("shoes", SetupStatus.NOT_VIABLE, report());
            storage.personalization().put(assessed);
            storage.personalization().putRun(run("run_1", "shoes", 0, SetupRun.RUNNING));

            reopen();

            assertThat(storage.personalization().find("shoes")).contains(assessed);
            assertThat(storage.personalization().runs("shoes")).containsExactly(run("run_1", "shoes", 0,
                    SetupRun.RUNNING));
        }
    }

    @Nested
    class ModelVersions {
        private ModelVersion version(String modelId, int number) {
            java.util.SortedMap<String, java.util.Map<String, Double>> byDay = new java.util.TreeMap<>();
            byDay.put("2026-11-20", java.util.Map.of("buys", 16.0));
            byDay.put("2026-11-21", java.util.Map.of("buys", 8.0, "views", 3.0));
            java.util.Map<String, Double> bySignal = new java.util.LinkedHashMap<>();
            bySignal.put("buys", 24.0);
            bySignal.put("views", 3.0);
            return new ModelVersion(modelId, number, T0.plusSeconds(number), json("""
                    {"name": "m", "catalog": "shoes", "kind": "trending", "signals": []}"""), "ease lambda=500",
                    new ModelVersion.DataWindow(900 + number, T0.minusSeconds(86_400), T0, 40, 7, 12, 30, 12), 1_234,
                    number == 1 ? null : new ModelVersion.OfflineMetrics("time split", 5, 0.4, 0.25, 0.2, 0.1),
                    new ModelVersion.SignalAnalytics(7, 41, bySignal, byDay), 4_096);
        }

        @Test
        void versionsAreKeptNewestFirstReadBackWholeAndDeletedWithTheirModel() {
            ModelVersion first = version("mdl_a", 1);
            ModelVersion second = version("mdl_a", 2);
            storage.modelVersions().add(first);
            storage.modelVersions().add(second);
            storage.modelVersions().add(version("mdl_b", 1));

            assertThat(storage.modelVersions().list("mdl_a")).containsExactly(second, first);
            assertThat(storage.modelVersions().find("mdl_a", 2)).contains(second);
            assertThat(storage.modelVersions().find("mdl_a", 3)).isEmpty();
            ModelVersion read = storage.modelVersions().find("mdl_a", 1).orElseThrow();
            assertThat(read.metrics()).isNull();
            assertThat(read.analytics().weightByDay().get("2026-11-21")).containsEntry("views", 3.0);
            assertThat(read.analytics().weightShares()).containsEntry("buys", 24.0 / 27);

            assertThat(storage.modelVersions().deleteAll("mdl_a")).isEqualTo(2);
            assertThat(storage.modelVersions().list("mdl_a")).isEmpty();
            assertThat(storage.modelVersions().list("mdl_b")).hasSize(1);
        }
    }

    @Nested
    class Events {
        @Test
        void emptyStoreHasNothingLoaded() {
            assertThat(storage.events().loadedThrough()).isZero();
            assertThat(storage.events().count()).isZero();
            assertThat(scan(storage.events(), 1, 10)).isEmpty();
        }

        @Test
        void appendedEventsAreCountedAndScannedInSeqOrder() {
            List<Event> events = List.of(view(1, "p1"), view(2, "p2"), purchase(3));
            storage.events().append(events);

            assertThat(storage.events().loadedThrough()).isEqualTo(3);
            assertThat(storage.events().count()).isEqualTo(3);
            assertThat(scan(storage.events(), 1, 10)).containsExactlyElementsOf(events);
        }

        @Test
        void eventsAtOrBelowLoadedThroughAreSkipped() {
            storage.events().append(List.of(view(1, "p1"), view(2, "p2"), view(3, "p3")));
            List<Event> overlapping = List.of(purchase(2), purchase(3), purchase(4), purchase(5));
            storage.events().append(overlapping);

            assertThat(storage.events().loadedThrough()).isEqualTo(5);
            assertThat(storage.events().count()).isEqualTo(5);
            assertThat(scan(storage.events(), 1, 10)).extracting(Event::type)
                    .containsExactly("view", "view", "view", "purchase", "purchase");
        }

        @Test
        void anEventSetAsideIsCountedAndLoadingGoesOnAfterIt() {
            storage.events().append(List.of(view(1, "p1"), view(2, "p2")));
            storage.events().setAside(3, "refused for its data");
            storage.events().setAside(2, "already stored: ignored");
            storage.events().append(List.of(purchase(3), view(4, "p4")));

            assertThat(storage.events().setAsideCount()).isEqualTo(1);
            assertThat(storage.events().loadedThrough()).isEqualTo(4);
            assertThat(scan(storage.events(), 1, 10)).extracting(Event::seq).containsExactly(1L, 2L, 4L);
        }

        @Test
        void appendingTheSameBatchTwiceStoresItOnce() {
            List<Event> events = List.of(view(1, "p1"), view(2, "p2"));
            storage.events().append(events);
            storage.events().append(events);
            storage.events().append(List.of());

            assertThat(storage.events().count()).isEqualTo(2);
            assertThat(scan(storage.events(), 1, 10)).containsExactlyElementsOf(events);
        }

        @Test
        void scanStartsAtTheGivenSeqAndStopsAtTheLimit() {
            List<Event> events = new ArrayList<>();
            for (int seq = 1; seq <= 10; seq++) {
                events.add(view(seq, "p" + seq));
            }
            storage.events().append(events);

            assertThat(scanSeqs(4, 3)).containsExactly(4L, 5L, 6L);
            assertThat(scanSeqs(9, 5)).containsExactly(9L, 10L);
            assertThat(scanSeqs(0, 2)).containsExactly(1L, 2L);
            assertThat(scanSeqs(11, 5)).isEmpty();
            assertThat(scanSeqs(1, 0)).isEmpty();
        }

        @Test
        void everyFieldRoundTripsExactly() {
            List<Event> events = List.of(richEvent(1), bareEvent(2));
            storage.events().append(events);

            List<Event> scanned = scan(storage.events(), 1, 10);
            assertThat(scanned).containsExactlyElementsOf(events);
            Event rich = scanned.get(0);
            assertThat(rich.properties().get("price").decimalValue()).hasToString("12.50");
            assertThat(rich.itemIds()).containsExactly("p1", "p2", "p-ü");
            Event bare = scanned.get(1);
            assertThat(bare.eventId()).isNull();
            assertThat(bare.userId()).isNull();
            assertThat(bare.catalog()).isNull();
            assertThat(bare.itemIds()).isEmpty();
            assertThat(bare.properties().isEmpty()).isTrue();
            assertThat(bare.context().isEmpty()).isTrue();
        }

        @Test
        void framesAreStoredLikeTheEventsTheyEncode() {
            List<Event> events = List.of(richEvent(1), bareEvent(2), view(3, "p3"), purchase(4), view(5, "p5"));
            storage.events().appendFrames(List.of(frame(events.subList(0, 3)), frame(events.subList(3, 5))));

            assertThat(storage.events().loadedThrough()).isEqualTo(5);
            assertThat(storage.events().count()).isEqualTo(5);
            assertThat(scan(storage.events(), 1, 10)).containsExactlyElementsOf(events);
        }

        @Test
        void overriddenAppendFramesAgreesWithTheDefault() {
            List<Event> events = new ArrayList<>(List.of(richEvent(1), bareEvent(2)));
            for (int seq = 3; seq <= 300; seq++) {
                events.add(seq % 7 == 0 ? purchase(seq) : view(seq, "p" + (seq % 13)));
            }
            List<EncodedFrame> frames = List.of(frame(events.subList(0, 100)), frame(events.subList(100, 300)));

            storage.events().appendFrames(frames);
            try (Storage other = openStorage(dir.resolve("default-appendFrames"))) {
                EventStore viaDefault = new DefaultFramesEventStore(other.events());
                viaDefault.appendFrames(frames);

                assertThat(scan(storage.events(), 1, 1_000)).containsExactlyElementsOf(events)
                        .containsExactlyElementsOf(scan(other.events(), 1, 1_000));
                assertThat(storage.events().loadedThrough()).isEqualTo(other.events().loadedThrough()).isEqualTo(300);
            }
        }

        @Test
        void aTombstoneDeletesTheEarlierEventsOfItsIdsAndIsNotStored() {
            // anon-1 holds seqs 1 and 4, anon-2 holds 2, user-7 made the purchase at 3.
            storage.events().append(List.of(view(1, "p1"), view(2, "p2"), purchase(3), view(4, "p4")));
            Event tombstone = Tombstone.of(List.of("user-7", "anon-1"), 1_714_557_700_000L).withSeq(5);
            storage.events().appendFrames(List.of(frame(List.of(tombstone))));
            storage.events().append(List.of(view(6, "p6"), view(7, "p7")));

            assertThat(storage.events().loadedThrough()).isEqualTo(7);
            assertThat(scan(storage.events(), 1, 10)).extracting(Event::seq)
                    .as("later events under a forgotten id belong to a new person and stay").containsExactly(2L, 6L, 7L);
            assertThat(storage.events().count()).isEqualTo(3);

            storage.events().appendFrames(List.of(frame(List.of(Tombstone.redacted(view(8, "p8"))))));
            assertThat(storage.events().loadedThrough()).as("a redacted record is passed over").isEqualTo(8);
            assertThat(storage.events().count()).isEqualTo(3);
        }

        @Test
        void framePartlyBelowLoadedThroughStoresOnlyItsNewEvents() {
            List<Event> events = List.of(view(1, "p1"), view(2, "p2"), view(3, "p3"), purchase(4), purchase(5));
            storage.events().appendFrames(List.of(frame(events.subList(0, 2))));
            storage.events().appendFrames(List.of(frame(events.subList(0, 4))));
            storage.events().appendFrames(List.of(frame(events.subList(0, 4)), frame(events.subList(4, 5))));

            assertThat(storage.events().loadedThrough()).isEqualTo(5);
            assertThat(storage.events().count()).isEqualTo(5);
            assertThat(scan(storage.events(), 1, 10)).containsExactlyElementsOf(events);
        }

        @Test
        void manyEventsArriveWhole() {
            List<Event> events = new ArrayList<>();
            for (int seq = 1; seq <= 5_000; seq++) {
                events.add(view(seq, "p" + (seq % 97)));
            }
            storage.events().appendFrames(List.of(frame(events.subList(0, 2_048)), frame(events.subList(2_048, 5_000))));

            assertThat(storage.events().count()).isEqualTo(5_000);
            assertThat(scan(storage.events(), 1, 10_000)).containsExactlyElementsOf(events);
            assertThat(scan(storage.events(), 4_990, 100)).containsExactlyElementsOf(events.subList(4_989, 5_000));
        }

        private List<Long> scanSeqs(long fromSeq, int limit) {
            return scan(storage.events(), fromSeq, limit).stream().map(Event::seq).toList();
        }
    }

    @Nested
    class ApiKeys {
        @Test
        void noKeysAtFirst() {
            assertThat(storage.apiKeys().list()).isEmpty();
        }

        @Test
        void savedKeysAreListedOldestFirst() {
            ApiKey admin = key("k1", Role.ADMIN, T0);
            ApiKey ingest = key("k2", Role.INGEST, T0.plusSeconds(10));
            ApiKey another = key("k0", Role.INGEST, T0.plusSeconds(20));
            storage.apiKeys().save(admin);
            storage.apiKeys().save(ingest);
            storage.apiKeys().save(another);

            assertThat(storage.apiKeys().list()).containsExactly(admin, ingest, another);
        }

        @Test
        void aBrowserKeyKeepsItsOriginsCatalogsPlacementsAndRateAlsoOnceRevoked() {
            BrowserAccess access = new BrowserAccess(List.of("https://shop.example.com", "https://*.example.org"),
                    List.of("shop", "books"), List.of("home.recommended_for_you"), 35);
            ApiKey browser = new ApiKey("k3", "shop pages", Role.BROWSER, "b".repeat(64), "atk_abcd", T0, null,
                    access);
            storage.apiKeys().save(browser);
            storage.apiKeys().save(key("k4", Role.INGEST, T0.plusSeconds(1)));

            assertThat(storage.apiKeys().list().get(0)).isEqualTo(browser);
            storage.apiKeys().revoke("k3", T0.plusSeconds(5));
            assertThat(storage.apiKeys().list().get(0).browser()).isEqualTo(access);
            assertThat(storage.apiKeys().list().get(1).browser()).isNull();
        }

        @Test
        void revokedKeyStaysListedWithItsRevocationTime() {
            ApiKey admin = key("k1", Role.ADMIN, T0);
            storage.apiKeys().save(admin);
            storage.apiKeys().save(key("k2", Role.INGEST, T0.plusSeconds(1)));
            Instant at = T0.plusSeconds(3_600);

            assertThat(storage.apiKeys().revoke("k1", at)).isTrue();
            List<ApiKey> keys = storage.apiKeys().list();
            assertThat(keys.get(0)).isEqualTo(new ApiKey("k1", admin.name(), Role.ADMIN, admin.secretHash(),
                    admin.prefix(), T0, at, null));
            assertThat(keys.get(0).active()).isFalse();
            assertThat(keys.get(1).active()).isTrue();
        }

        @Test
        void revokingAgainKeepsTheFirstRevocationTime() {
            storage.apiKeys().save(key("k1", Role.ADMIN, T0));
            storage.apiKeys().revoke("k1", T0.plusSeconds(60));

            assertThat(storage.apiKeys().revoke("k1", T0.plusSeconds(120))).isTrue();
            assertThat(storage.apiKeys().list().get(0).revokedAt()).isEqualTo(T0.plusSeconds(60));
        }

        @Test
        void revokingAnUnknownKeyIsFalse() {
            storage.apiKeys().save(key("k1", Role.ADMIN, T0));

            assertThat(storage.apiKeys().revoke("nope", T0)).isFalse();
            assertThat(storage.apiKeys().list().get(0).active()).isTrue();
        }
    }

    @Nested
    class Accounts {
        @Test
        void noAccountsAtFirst() {
            assertThat(storage.accounts().list()).isEmpty();
        }

        @Test
        void savedAccountsAreListedOldestFirstAndByNameWhenCreatedTogether() {
            Account maria = account("maria", Role.ADMIN, T0.plusSeconds(10));
            Account bob = account("bob", Role.EDITOR, T0.plusSeconds(10));
            Account zoe = account("zoe@shop.example", Role.EDITOR, T0);
            storage.accounts().save(maria);
            storage.accounts().save(bob);
            storage.accounts().save(zoe);

            assertThat(storage.accounts().list()).containsExactly(zoe, bob, maria);
        }

        @Test
        void aTakenNameIsAConflictAndKeepsTheFirstAccount() {
            Account first = account("maria", Role.ADMIN, T0);
            storage.accounts().save(first);

            assertThatThrownBy(() -> storage.accounts().save(account("maria", Role.EDITOR, T0.plusSeconds(60))))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo("account_exists"));
            assertThat(storage.accounts().list()).containsExactly(first);
        }

        @Test
        void anUpdateReplacesTheHashAndDisabledTimeOfThatAccountOnly() {
            Account maria = account("maria", Role.ADMIN, T0);
            Account bob = account("bob", Role.EDITOR, T0.plusSeconds(1));
            storage.accounts().save(maria);
            storage.accounts().save(bob);
            Account changed = maria.withPasswordHash("pbkdf2-sha256$600000$bmV3$bmV3").disabled(T0.plusSeconds(60));

            assertThat(storage.accounts().update(changed)).isTrue();

            assertThat(storage.accounts().list()).containsExactly(changed, bob);
            assertThat(storage.accounts().list().get(0).active()).isFalse();
        }

        @Test
        void updatingAnUnknownAccountIsFalseAndStoresNothing() {
            assertThat(storage.accounts().update(account("nobody", Role.EDITOR, T0))).isFalse();
            assertThat(storage.accounts().list()).isEmpty();
        }

        @Test
        void accountsSurviveReopening() {
            assumeTrue(persistent(), "only persistent storage keeps data across close and open");
            Account disabled = account("maria", Role.ADMIN, T0).disabled(T0.plusSeconds(1));
            Account editor = account("bob", Role.EDITOR, T0.plusSeconds(2));
            storage.accounts().save(disabled);
            storage.accounts().save(editor);

            Storage reopened = reopen();

            assertThat(reopened.accounts().list()).containsExactly(disabled, editor);
        }
    }

    @Nested
    class Decisioning {
        private DecisioningStore.Stored definition(String kind, String catalog, String id, String json) {
            try {
                return new DecisioningStore.Stored(kind, catalog, id, org.attune.core.json.Json.MAPPER.readTree(json),
                        T0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Test
        void definitionsAreFoundListedByIdPerKindAndCatalogReplacedAndDeleted() {
            DecisioningStore store = storage.decisioning();
            store.put(definition("strategy", "shop", "b", "{\"id\":\"b\"}"));
            store.put(definition("strategy", "shop", "a", "{\"id\":\"a\"}"));
            store.put(definition("strategy", "other", "a", "{\"id\":\"a\",\"other\":true}"));
            store.put(definition("placement", "shop", "a", "{\"id\":\"a\",\"items\":4}"));

            assertThat(store.list("strategy", "shop")).extracting(DecisioningStore.Stored::id).containsExactly("a", "b");
            assertThat(store.find("placement", "shop", "a").orElseThrow().definition().path("items").asInt())
                    .isEqualTo(4);
            assertThat(store.find("placement", "other", "a")).isEmpty();
            store.put(new DecisioningStore.Stored("strategy", "shop", "a",
                    definition("strategy", "shop", "a", "{\"id\":\"a\",\"v\":2}").definition(), T0.plusSeconds(5)));
            DecisioningStore.Stored replaced = store.find("strategy", "shop", "a").orElseThrow();
            assertThat(replaced.definition().path("v").asInt()).isEqualTo(2);
            assertThat(replaced.updatedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(store.all()).hasSize(4);

            assertThat(store.delete("strategy", "shop", "a")).isTrue();
            assertThat(store.delete("strategy", "shop", "a")).isFalse();
            assertThat(store.list("strategy", "shop")).extracting(DecisioningStore.Stored::id).containsExactly("b");
            assertThat(store.find("strategy", "other", "a")).isPresent();
        }

        @Test
        void definitionsSurviveReopening() {
            assumeTrue(persistent(), "only persistent storage keeps data across close and open");
            storage.decisioning().put(definition("rule", "shop", "r1", "{\"id\":\"r1\",\"strength\":0.5}"));

            Storage reopened = reopen();

            assertThat(reopened.decisioning().all()).containsExactly(
                    definition("rule", "shop", "r1", "{\"id\":\"r1\",\"strength\":0.5}"));
        }
    }

    @Nested
    class Threads {
        @Test
        void storesCanBeUsedFromSeveralThreadsAtOnce() throws Exception {
            int writers = 4;
            int batches = 20;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String catalog = "c" + w;
                    work.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            storage.products().write(catalog, List.of(product("p" + b, "{\"batch\":" + b + "}")),
                                    List.of(), List.of(new ProductChange("p" + b, ProductChange.Kind.ADDED, T0)));
                            storage.products().page(catalog, null, 5);
                        }
                    }));
                }
                work.add(pool.submit(() -> {
                    for (int seq = 1; seq <= batches; seq++) {
                        storage.events().append(List.of(view(seq, "p1")));
                        scan(storage.events(), 1, 100);
                    }
                }));
                for (Future<?> done : work) {
                    done.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            for (int w = 0; w < writers; w++) {
                assertThat(storage.products().page("c" + w, null, 100)).hasSize(batches);
                assertThat(storage.products().changesSince("c" + w, T0)).isEqualTo(new ChangeCounts(batches, 0, 0));
            }
            assertThat(storage.events().count()).isEqualTo(batches);
        }
    }

    @Nested
    class Reopening {
        @Test
        void everythingSurvivesReopening() {
            assumeTrue(persistent(), "only persistent storage keeps data across close and open");
            Catalog shoes = catalog("shoes");
            storage.catalogs().create(shoes);
            Product kept = product("p1", "{\"title\":\"Kept\",\"price\":12.50}");
            storage.products().write("shoes", List.of(kept, product("p2", "{}")), List.of(), List.of(
                    new ProductChange("p1", ProductChange.Kind.ADDED, T0)));
            storage.products().write("shoes", List.of(), List.of("p2"), List.of(
                    new ProductChange("p2", ProductChange.Kind.REMOVED, T0)));
            List<Event> events = List.of(richEvent(1), bareEvent(2), view(3, "p1"));
            storage.events().append(events);
            ApiKey key = key("k1", Role.ADMIN, T0);
            storage.apiKeys().save(key);
            storage.apiKeys().revoke("k1", T0.plusSeconds(1));

            Storage reopened = reopen();

            assertThat(reopened.catalogs().list()).containsExactly(shoes);
            assertThat(reopened.products().find("shoes", "p1")).contains(kept);
            assertThat(reopened.products().find("shoes", "p2")).isEmpty();
            assertThat(reopened.products().changesSince("shoes", T0)).isEqualTo(new ChangeCounts(1, 0, 1));
            assertThat(reopened.events().loadedThrough()).isEqualTo(3);
            assertThat(scan(reopened.events(), 1, 10)).containsExactlyElementsOf(events);
            assertThat(reopened.apiKeys().list()).containsExactly(new ApiKey("k1", key.name(), Role.ADMIN,
                    key.secretHash(), key.prefix(), T0, T0.plusSeconds(1), null));
        }

        @Test
        void loadedThroughSurvivesSoAReloadAfterRestartStoresNothingTwice() {
            assumeTrue(persistent(), "only persistent storage keeps data across close and open");
            List<Event> events = List.of(view(1, "p1"), view(2, "p2"), view(3, "p3"), purchase(4));
            storage.events().appendFrames(List.of(frame(events.subList(0, 3))));

            Storage reopened = reopen();
            reopened.events().appendFrames(List.of(frame(events)));

            assertThat(reopened.events().count()).isEqualTo(4);
            assertThat(scan(reopened.events(), 1, 10)).containsExactlyElementsOf(events);
        }
    }

    // ---- fixtures ----------------------------------------------------------------------

    protected static Catalog catalog(String id) {
        return new Catalog(id, "Catalog " + id, "de-CH", new CatalogSchema(List.of(
                new AttributeDefinition("title", AttributeType.STRING, AttributeRole.TITLE, true),
                new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false),
                new AttributeDefinition("tags", AttributeType.STRING_LIST, AttributeRole.TAGS, false),
                new AttributeDefinition("inStock", AttributeType.BOOLEAN, AttributeRole.AVAILABILITY, false),
                new AttributeDefinition("link", AttributeType.URL, AttributeRole.URL, false),
                new AttributeDefinition("launched", AttributeType.TIMESTAMP, null, false))), T0);
    }

    protected static Product product(String id, String attributes) {
        return new Product(id, json(attributes), true, T0);
    }

    /** Parses JSON the way ingestion does, so numbers keep their exact decimal form. */
    protected static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    protected static Event view(long seq, String itemId) {
        return new Event(seq, "e" + seq, "view", 1_714_557_600_000L + seq, "anon-" + (seq % 3), null, "shoes",
                List.of(itemId), json("{\"position\":" + seq + "}"), json("{\"surface\":\"web\"}"),
                1_714_557_600_500L + seq);
    }

    protected static Event purchase(long seq) {
        return new Event(seq, "e" + seq, "purchase", 1_714_557_600_000L + seq, null, "user-7", "shoes",
                List.of("p1", "p2"), json("{\"revenue\":99.90,\"currency\":\"CHF\"}"),
                json("{\"surface\":\"app\",\"recId\":\"r-1\"}"), 1_714_557_600_500L + seq);
    }

    /** Every field set, with values that trip naive encodings. */
    protected static Event richEvent(long seq) {
        return new Event(seq, "evt-ü-" + seq, "add_to_cart", 1_714_557_600_123L, "anon-😀", "user \"q\"", "shoes",
                List.of("p1", "p2", "p-ü"),
                json("""
                        {"price":12.50,"qty":3,"big":12345678901234567890,"ratio":0.1,"neg":-7.25e-3,
                         "label":"Grüße 日本 😀 \\"quoted\\" back\\\\slash\\nnewline\\ttab","none":null,"ok":false,
                         "nested":{"level":{"deep":[1,"two",{"three":3.00}]}},"empty":{},"list":[]}"""),
                json("""
                        {"surface":"web","page":"/shoes?color=red&size=42","referrer":"https://example.org/ä",
                         "device":{"type":"mobile","screen":{"w":390,"h":844}}}"""),
                1_714_557_601_000L);
    }

    /** Only what is required: no event id, no user, no catalog, no items, empty JSON. */
    protected static Event bareEvent(long seq) {
        return new Event(seq, null, "page_view", 0L, "anon-1", null, null, List.of(), json("{}"), json("{}"),
                1L);
    }

    protected static ApiKey key(String id, Role role, Instant createdAt) {
        return new ApiKey(id, "key " + id, role, "a".repeat(64), "atn_" + id, createdAt, null, null);
    }

    /** An active account with a well-formed hash of no real password. */
    protected static Account account(String name, Role role, Instant createdAt) {
        return new Account(name, role, "pbkdf2-sha256$600000$c2FsdA$aGFzaA", createdAt, null);
    }

    /** The events as the event log frames them; their seqs must be consecutive. */
    protected static EncodedFrame frame(List<Event> events) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        new EventCodec().encode(events, payload);
        return new EncodedFrame(events.get(0).seq(), events.size(), payload.toByteArray());
    }

    protected static List<Event> scan(EventStore store, long fromSeq, int limit) {
        List<Event> events = new ArrayList<>();
        store.scan(fromSeq, limit, events::add);
        return events;
    }

    /** Forwards everything but {@link EventStore#appendFrames}, so that the interface's default runs. */
    private record DefaultFramesEventStore(EventStore target) implements EventStore {
        @Override
        public void append(List<Event> events) {
            target.append(events);
        }

        @Override
        public long loadedThrough() {
            return target.loadedThrough();
        }

        @Override
        public void setAside(long seq, String reason) {
            target.setAside(seq, reason);
        }

        @Override
        public long setAsideCount() {
            return target.setAsideCount();
        }

        @Override
        public long count() {
            return target.count();
        }

        @Override
        public void scan(long fromSeq, int limit, Consumer<Event> sink) {
            target.scan(fromSeq, limit, sink);
        }
    }
}
