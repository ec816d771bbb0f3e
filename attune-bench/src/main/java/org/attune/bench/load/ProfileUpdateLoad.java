package org.attune.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.attune.core.catalog.CatalogService;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.Symbols;
import org.attune.core.snapshot.SnapshotPolicy;
import org.attune.core.snapshot.StateSnapshots;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Profile update cost and heap per profile, in process: a million people with fifty
 * events each, applied on one thread to {@link LiveProfiles} over the real catalog facts
 * of a synthetic shop (20,000 products with brand, colour, size and category).
 *
 * <p>Each person keeps to a taste (a slice of the catalog) for most events and follows
 * popularity for the rest; event types follow a shop's mix (views, clicks, add-to-cart,
 * removals, purchases), and every fourth person logs in once, which links a user id.
 * Events are applied in rounds (every person's n-th event, then every person's n+1-th),
 * so the working set is all profiles at once, as in live traffic. Every event carries
 * fresh String objects for its ids and type, as events decoded from the log do.
 *
 * <p>Only the {@code apply} calls are timed: events are made in chunks before each timed
 * pass, and both measured runs follow warm-up runs with a tenth of the people. Heap is measured after repeated full collections, against the heap before the
 * profiles existed; the run is repeated with no recent events kept, and the difference is
 * what the recent events cost. Run it pinned to one core (see docs/benchmarks.md) to read
 * the result as updates per second on one core, collector included.
 *
 * <p>Last, the profiles with recent events are written as a state snapshot (what a running
 * server does between two event batches, while new events wait) and read back into fresh
 * profiles (what a restart does instead of replaying the log): both times and the size are
 * reported.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Profile updates per second on one thread and heap per profile.")
public final class ProfileUpdateLoad implements Callable<Integer> {
    private static final String[] TYPES = {"view", "click", "add_to_cart", "remove_from_cart", "purchase"};
    /** Cumulative shares of TYPES: 70% views, 12% clicks, 10% add-to-cart, 2% removals, 6% purchases. */
    private static final double[] TYPE_SHARES = {0.70, 0.82, 0.92, 0.94, 1.0};
    private static final int CHUNK = 1_000_000;

    @Option(names = "--people", defaultValue = "1000000")
    int people;

    @Option(names = "--events-per-person", defaultValue = "50")
    int eventsPerPerson;

    @Option(names = "--products", defaultValue = "20000")
    int productCount;

    private String[] productIds;

    @Override
    public Integer call() throws Exception {
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(productCount).withShoppers(100)
                .withDays(1).withEnd(end));
        CatalogService catalogs = new CatalogService(new InMemoryStorage().catalogs(), new InMemoryStorage().products(),
                Clock.fixed(end, ZoneOffset.UTC));
        catalogs.create(shop.catalogDefinition());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<ObjectNode> products = shop.products();
        productIds = new String[products.size()];
        for (int i = 0; i < products.size(); i++) {
            body.write(Json.MAPPER.writeValueAsBytes(products.get(i)));
            body.write('\n');
            productIds[i] = products.get(i).get("id").asText();
        }
        catalogs.upsert(ShopSpec.DEFAULT_CATALOG_ID, body.toByteArray(), body.size());
        System.out.printf("%,d people x %,d events over %,d products; %d cores visible to the JVM%n", people,
                eventsPerPerson, productIds.length, Runtime.getRuntime().availableProcessors());

        int measured = people;
        people = Math.max(1, measured / 10);
        System.out.println("warm-up passes with " + people + " people (not reported):");
        run(catalogs, ProfileSettings.DEFAULTS.recentEvents(), false);
        run(catalogs, 0, false);
        people = measured;
        Result withoutRecent = run(catalogs, 0, false);
        Result withRecent = run(catalogs, ProfileSettings.DEFAULTS.recentEvents(), true);
        System.out.println();
        print("recent events kept: " + ProfileSettings.DEFAULTS.recentEvents(), withRecent);
        print("recent events kept: 0", withoutRecent);
        System.out.printf("recent events cost %.0f bytes per profile (%.1f per event)%n",
                withRecent.bytesPerProfile() - withoutRecent.bytesPerProfile(),
                (withRecent.bytesPerProfile() - withoutRecent.bytesPerProfile()) / eventsPerPerson);
        return 0;
    }

    private record Result(long updates, double seconds, double gcSeconds, double bytesPerProfile, int profiles) {
        double perSecond() {
            return updates / seconds;
        }
    }

    private static void print(String title, Result r) {
        System.out.printf("%-26s %,12d updates in %6.1f s (of which GC %4.1f s) = %,10.0f updates/s (%5.0f ns each);"
                        + " %,d profiles, %,.0f bytes of heap per profile%n", title, r.updates(), r.seconds(),
                r.gcSeconds(), r.perSecond(), 1e9 / r.perSecond(), r.profiles(), r.bytesPerProfile());
    }

    private Result run(CatalogService catalogs, int recentEvents, boolean snapshot) throws Exception {
        ProfileSettings settings = ProfileSettings.DEFAULTS.withRecentEvents(recentEvents);
        Symbols names = new Symbols();
        CatalogProductFacts facts = new CatalogProductFacts(catalogs, names, settings.eventWeights());
        long baseline = settledHeap();
        LiveProfiles profiles = new LiveProfiles(facts, names, settings);
        long applyNanos = 0;
        long gcDuringApply = 0;
        long updates = 0;
        long seq = 0;
        SplittableRandom random = new SplittableRandom(7);
        Event[] chunk = new Event[CHUNK];
        long total = (long) people * eventsPerPerson;
        for (long next = 0; next < total; ) {
            int n = (int) Math.min(CHUNK, total - next);
            for (int i = 0; i < n; i++) {
                long index = next + i;
                chunk[i] = event(++seq, (int) (index % people), (int) (index / people), random);
            }
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                profiles.apply(chunk[i]);
            }
            applyNanos += System.nanoTime() - t0;
            gcDuringApply += gcMillis() - gc0;
            updates += n;
            next += n;
            System.out.printf("\r  recent=%d: %,d / %,d events", recentEvents, next, total);
        }
        java.util.Arrays.fill(chunk, null);
        long used = settledHeap() - baseline;
        int size = profiles.size();
        System.out.println();
        Result result = new Result(updates, applyNanos / 1e9, gcDuringApply / 1e3, (double) used / size, size);
        if (profiles.appliedThrough() != seq) {
            throw new IllegalStateException("not every event was applied");
        }
        if (snapshot) {
            snapshotAndRestore(catalogs, settings, profiles, seq);
        }
        return result;
    }

    private static void snapshotAndRestore(CatalogService catalogs, ProfileSettings settings, LiveProfiles profiles,
                                           long seq) throws Exception {
        Path dir = Files.createTempDirectory("attune-profile-snapshot");
        try {
            StateSnapshots writer = new StateSnapshots(dir, List.of(profiles.snapshotPart()), SnapshotPolicy.DEFAULTS,
                    Clock.systemUTC());
            long t0 = System.nanoTime();
            if (!writer.write(seq)) {
                throw new IllegalStateException("the snapshot was not written");
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            Symbols names = new Symbols();
            LiveProfiles restored = new LiveProfiles(new CatalogProductFacts(catalogs, names, settings.eventWeights()),
                    names, settings);
            StateSnapshots reader = new StateSnapshots(dir, List.of(restored.snapshotPart()), SnapshotPolicy.DEFAULTS,
                    Clock.systemUTC());
            StateSnapshots.Restored result = reader.restore(seq);
            if (result.throughSeq() != seq || restored.size() != profiles.size()) {
                throw new IllegalStateException("the snapshot did not restore: " + result);
            }
            System.out.printf("state snapshot of %,d profiles: written in %.2f s (events wait meanwhile), %,.0f MiB"
                            + " (%,.0f bytes per profile), read back in %.2f s%n", profiles.size(), writeSeconds,
                    result.bytes() / 1048576.0, (double) result.bytes() / profiles.size(), result.millis() / 1e3);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The n-th event of a person: a taste slice of the catalog 60% of the time, popular products otherwise. */
    private Event event(long seq, int person, int n, SplittableRandom random) {
        long time = 1_777_593_600_000L + (long) n * 3_600_000L + person;
        String anonymousId = new String("anon-" + person);
        if (person % 4 == 0 && n == 10) {
            return new Event(seq, null, new String("identify"), time, anonymousId, new String("user-" + person), null,
                    List.of(), Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), time);
        }
        double pick = random.nextDouble();
        int type = 0;
        while (pick > TYPE_SHARES[type]) {
            type++;
        }
        int product;
        if (random.nextDouble() < 0.6) {
            int slice = (int) ((person * 2_654_435_761L) % productIds.length);
            product = (slice + random.nextInt(200)) % productIds.length;
        } else {
            product = (int) (productIds.length * Math.pow(random.nextDouble(), 3));
        }
        return new Event(seq, null, new String(TYPES[type]), time, anonymousId, null, new String("demo"),
                List.of(new String(productIds[product])), EMPTY, EMPTY, time);
    }

    private static final ObjectNode EMPTY = Json.MAPPER.createObjectNode();

    private static long gcMillis() {
        long total = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
