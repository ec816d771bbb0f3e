package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.model.CatalogView;
import org.attune.core.model.ModelService;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.model.ModelStatus;
import org.attune.core.popularity.Popularity;
import org.attune.core.popularity.RecommendationSettings;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.ProfileSnapshot;
import org.attune.core.profile.Symbols;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.training.EventSource;
import org.attune.core.training.ModelRecommender;
import org.attune.core.training.ModelTraining;

/**
 * A tiny real shop for decisioning tests: a catalog of six products in memory, live profiles
 * and popularity fed by the events a test sends, models trained from the same events, and
 * the catalog's decisioning definitions. Close it after the test (model training threads).
 *
 * <pre>
 * boot-1 Nordpeak Shoes 120   boot-2 Nordpeak Shoes 90   boot-3 Alva Shoes 150
 * coat-1 Alva Coats 200       hat-1 Kesto Hats 30        sock-1 Kesto Socks 10 (unavailable)
 * </pre>
 */
public final class DecisioningFixture implements AutoCloseable {
    public static final String CATALOG = "shop";
    /** The time of the test: events are sent in the hour before. */
    public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    public final InMemoryStorage storage = new InMemoryStorage();
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(), clock);
    public final Symbols names = new Symbols();
    public final CatalogProductFacts facts = new CatalogProductFacts(catalogs, names,
            ProfileSettings.DEFAULTS.eventWeights());
    public final LiveProfiles profiles = new LiveProfiles(facts, names, ProfileSettings.DEFAULTS);
    public final Popularity popularity = new Popularity(catalogs, facts, RecommendationSettings.DEFAULTS, "purchase");
    public final ModelService models = new ModelService(storage.models(), catalogs::exists, BuiltInKinds.ALL, clock);
    public final DecisioningDefinitions definitions = new DecisioningDefinitions(storage.decisioning(), catalogs,
            models, clock);
    public final ModelTraining training;
    public final ModelRecommender modelRecommender;
    private final Path artifacts;
    private final List<Event> log = new ArrayList<>();

    public DecisioningFixture() {
        try {
            artifacts = Files.createTempDirectory("decisioning-fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventSource events = new EventSource() {
            @Override
            public long lastSeq() {
                return log.size();
            }

            @Override
            public void read(long throughSeq, Consumer<Event> sink) {
                log.stream().filter(e -> e.seq() <= throughSeq).forEach(sink);
            }
        };
        training = new ModelTraining(models, storage.modelVersions(), artifacts, events, Event::anonymousId,
                catalog -> new CatalogView(List.of(), id -> List.of()), BuiltInKinds.ALL, clock);
        modelRecommender = new ModelRecommender(training, models, profiles, catalogs, clock);
        catalogs.create(json("""
                {"id": "shop", "name": "Test shop", "language": "en",
                 "schema": {"attributes": [
                   {"name": "title", "type": "string", "role": "title", "required": true},
                   {"name": "brand", "type": "string", "role": "brand"},
                   {"name": "category", "type": "string", "role": "category"},
                   {"name": "price", "type": "number", "role": "price"},
                   {"name": "available", "type": "boolean", "role": "availability"}]}}"""));
        byte[] products = """
                {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120}
                {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
                {"id":"boot-3","title":"Winter boot","brand":"Alva","category":"Shoes","price":150}
                {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
                {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30}
                {"id":"sock-1","title":"Socks","brand":"Kesto","category":"Socks","price":10,"available":false}
                """.getBytes(StandardCharsets.UTF_8);
        catalogs.upsert(CATALOG, products, products.length);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shoppers most tests start from: a-1 views the three boots, a-2 boot-1 and boot-2,
     * a-3 coat-1 and hat-1 (boots are viewed together, and so are coat-1 and hat-1).
     */
    public void sendBrowsing() {
        send("view", "a-1", "boot-1");
        send("view", "a-1", "boot-2");
        send("view", "a-1", "boot-3");
        send("view", "a-2", "boot-1");
        send("view", "a-2", "boot-2");
        send("view", "a-3", "coat-1");
        send("view", "a-3", "hat-1");
    }

    /** {@link #sendBrowsing}, then a-4 views and buys boot-1, making it the only best seller. */
    public void sendBrowsingAndASale() {
        sendBrowsing();
        send("view", "a-4", "boot-1");
        send("purchase", "a-4", "boot-1");
    }

    /**
     * Sends one event a second, oldest first, to the profiles, popularity and the log models
     * train from. Send them all before the first decision: best sellers are ranked once.
     */
    public void send(String type, String person, String... products) {
        long seq = log.size() + 1;
        long time = NOW.toEpochMilli() - 3_600_000 + seq * 1_000;
        Event event = new Event(seq, "e-" + seq, type, time, person, null, CATALOG, List.of(products),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), time);
        log.add(event);
        profiles.apply(event);
        popularity.apply(event);
    }

    /** Ranks popularity again from the events sent so far. */
    public void rankPopularity() {
        popularity.refresh();
    }

    /** Saves a collection, strategy, placement or rule of the shop. */
    public void define(Definitions.Kind kind, String id, String body) {
        definitions.put(kind, CATALOG, id, json(body));
    }

    /** Creates a co-occurrence model of views and trains it on the events sent so far; returns its id. */
    public String coOccurrenceModel() throws InterruptedException {
        String id = models.create(json("""
                {"name": "Viewed together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
                 "params": {"minSupport": 1}}""")).id();
        training.provision(id);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (models.get(id).status() != ModelStatus.RUNNING || training.progress(id).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the model was not trained within 30 s: " + models.get(id));
            }
            Thread.sleep(5);
        }
        return id;
    }

    /** The shop's compiled definitions. */
    public DecisioningDefinitions.Compiled compiled() {
        return definitions.compiled(CATALOG);
    }

    public Product product(String id) {
        return catalogs.product(CATALOG, id).orElseThrow();
    }

    /** A request of the shop as candidate sources read it, for the person known by {@code personId} (or nobody). */
    public CandidateRequest request(String personId, Map<String, String> context) {
        LiveProfiles.Person person = personId == null ? null : profiles.person(personId).orElse(null);
        ProfileSnapshot profile = person == null ? null : person.snapshot(NOW);
        DecisioningDefinitions.Compiled compiled = definitions.compiled(CATALOG);
        return new CandidateRequest() {
            @Override
            public String catalog() {
                return CATALOG;
            }

            @Override
            public DecisioningDefinitions.Compiled definitions() {
                return compiled;
            }

            @Override
            public LiveProfiles.Person person() {
                return person;
            }

            @Override
            public ProfileSnapshot profile() {
                return profile;
            }

            @Override
            public List<String> recentlyViewed() {
                return profile == null ? List.of() : profile.recentlyViewed();
            }

            @Override
            public String contextProduct() {
                return context.get("product");
            }

            @Override
            public String category() {
                return context.get("category");
            }
        };
    }

    @Override
    public void close() {
        training.close();
        try (var files = Files.walk(artifacts)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
