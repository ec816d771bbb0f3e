package org.attune.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.attune.core.catalog.CatalogService;
import org.attune.core.event.Event;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.event.StreamingEventReader;
import org.attune.core.json.Json;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.Outcomes;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.Symbols;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fanout's work per event with attribution, against without: 10,000 events of the
 * synthetic shop (views, carts, purchases) with an impression of four products and a click
 * on one, both naming a real recId, before a third of the views. Divide 10,000 by the time
 * for events per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttributionBenchmark {
    private static final int EVENTS = 10_000;
    private List<Event> events;
    private LiveProfiles profiles;
    private LiveProfiles profilesAlone;
    private Outcomes outcomes;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Instant end = Instant.parse("2026-11-01T00:00:00Z").truncatedTo(ChronoUnit.DAYS);
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(2_000).withShoppers(2_000).withDays(7)
                .withEnd(end));
        Clock clock = Clock.fixed(end, ZoneOffset.UTC);
        InMemoryStorage storage = new InMemoryStorage();
        CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(), clock);
        catalogs.create(shop.catalogDefinition());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> productIds = new ArrayList<>();
        for (ObjectNode product : shop.products()) {
            body.write(Json.MAPPER.writeValueAsBytes(product));
            body.write('\n');
            productIds.add(product.get("id").asText());
        }
        catalogs.upsert(ShopSpec.DEFAULT_CATALOG_ID, body.toByteArray(), body.size());
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        int[] count = {0};
        shop.events(e -> {
            if (count[0]++ < EVENTS) {
                try {
                    generated.write(Json.MAPPER.writeValueAsBytes(e));
                    generated.write('\n');
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        });
        byte[] bytes = generated.toByteArray();
        List<Event> raw = new StreamingEventReader(new EventValidator(EventLimits.DEFAULTS, c -> true))
                .read(bytes, 0, bytes.length, EVENTS, end.toEpochMilli()).valid();

        ProfileSettings settings = ProfileSettings.DEFAULTS;
        Symbols names = new Symbols();
        CatalogProductFacts facts = new CatalogProductFacts(catalogs, names, settings.eventWeights());
        profiles = new LiveProfiles(facts, names, settings);
        Symbols aloneNames = new Symbols();
        profilesAlone = new LiveProfiles(new CatalogProductFacts(catalogs, aloneNames, settings.eventWeights()),
                aloneNames, settings);
        dir = Files.createTempDirectory("attune-attribution-bench");
        outcomes = new Outcomes(dir, Duration.ofDays(30), profiles::idsOf, facts,
                catalog -> productIds.size(), settings.purchaseType(), settings.addToCartType(), clock);
        AnswerDimensions home = new AnswerDimensions(AnswerDimensions.DECISION, ShopSpec.DEFAULT_CATALOG_ID, "web",
                "home", "for-you", AnswerDimensions.PERSONALIZED, "mdl_1@1");
        Random random = new Random(7);
        events = new ArrayList<>(EVENTS * 2);
        long seq = 0;
        for (Event event : raw) {
            if (events.size() >= EVENTS) {
                break;
            }
            if (event.type().equals("view") && random.nextInt(3) == 0 && !event.itemIds().isEmpty()) {
                String recId = outcomes.issue(home, event.timestamp() - 2_000);
                ObjectNode context = Json.MAPPER.createObjectNode().put("recId", recId);
                List<String> shown = List.of(event.itemIds().get(0), productIds.get(random.nextInt(productIds.size())),
                        productIds.get(random.nextInt(productIds.size())),
                        productIds.get(random.nextInt(productIds.size())));
                events.add(new Event(++seq, null, "impression", event.timestamp() - 1_000, event.anonymousId(),
                        event.userId(), event.catalog(), shown, Json.MAPPER.createObjectNode(), context,
                        event.receivedAt()));
                events.add(new Event(++seq, null, "click", event.timestamp() - 500, event.anonymousId(),
                        event.userId(), event.catalog(), List.of(event.itemIds().get(0)),
                        Json.MAPPER.createObjectNode(), context, event.receivedAt()));
            }
            events.add(event.withSeq(++seq));
        }
        events = events.subList(0, EVENTS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        outcomes.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** What the fanout does per event now: the live profiles, then attribution. */
    @Benchmark
    public long profilesThenAttribution() {
        for (Event event : events) {
            profiles.apply(event);
            outcomes.apply(event);
        }
        return outcomes.appliedThrough();
    }

    /** The live profiles alone, as before attribution. */
    @Benchmark
    public long profilesAlone() {
        for (Event event : events) {
            profilesAlone.apply(event);
        }
        return profilesAlone.appliedThrough();
    }
}
