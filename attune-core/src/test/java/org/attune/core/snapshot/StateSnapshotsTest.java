package org.attune.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.Event;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.ingest.IngestResult;
import org.attune.core.json.Json;
import org.attune.core.popularity.Popularity;
import org.attune.core.popularity.RecommendationSettings;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.Symbols;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that restores a snapshot and replays the rest of the log ends in the same state as a
 * start that replays the whole log: the same people and profiles, popularity, data dictionary
 * and remembered event ids, on the synthetic shop's events (identities stitched, carts, purchases).
 */
class StateSnapshotsTest {
    private static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(END, ZoneOffset.UTC);
    private static final ShopSpec SPEC = new ShopSpec("shop", 300, 400, 14, END, 11);
    private static ShopGenerator shop;
    private static List<byte[]> firstPart;
    private static List<byte[]> secondPart;
    private static Set<String> people;

    @TempDir
    Path dir;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(), CLOCK);
    private FileEventLog log;

    /** Everything a start rebuilds from the log, made fresh. */
    private final class World {
        final Symbols names = new Symbols();
        final CatalogProductFacts facts = new CatalogProductFacts(catalogs, names,
                ProfileSettings.DEFAULTS.eventWeights());
        final LiveProfiles profiles;
        final Popularity popularity = new Popularity(catalogs, facts, RecommendationSettings.DEFAULTS, "purchase");
        final DataDictionary dictionary = new DataDictionary();
        final EventIngestor ingestor = new EventIngestor(log, EventLimits.DEFAULTS,
                new EventValidator(EventLimits.DEFAULTS, catalogs::exists), CLOCK);

        World(ProfileSettings settings) {
            profiles = new LiveProfiles(facts, names, settings);
        }

        World() {
            this(ProfileSettings.DEFAULTS);
        }

        StateSnapshots snapshots(SnapshotPolicy policy) {
            return new StateSnapshots(dir.resolve("snapshots"), List.of(profiles.snapshotPart(),
                    popularity.snapshotPart(), dictionary.snapshotPart(), ingestor.snapshotPart()), policy, CLOCK);
        }

        long replayFrom(long seq) {
            return ingestor.rememberStoredIds(seq, event -> {
                dictionary.observe(event);
                profiles.apply(event);
                popularity.apply(event);
            });
        }
    }

    @BeforeAll
    static void events() {
        shop = new ShopGenerator(SPEC);
        List<ObjectNode> all = new ArrayList<>();
        shop.events(all::add);
        people = new TreeSet<>();
        for (ObjectNode event : all) {
            people.add(event.path("anonymousId").asText());
            if (event.hasNonNull("userId")) {
                people.add(event.get("userId").asText());
            }
        }
        int cut = all.size() * 6 / 10;
        firstPart = batches(all.subList(0, cut));
        secondPart = batches(all.subList(cut, all.size()));
    }

    private static List<byte[]> batches(List<ObjectNode> events) {
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += 1_000) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (ObjectNode event : events.subList(from, Math.min(events.size(), from + 1_000))) {
                body.writeBytes(event.toString().getBytes(StandardCharsets.UTF_8));
                body.write('\n');
            }
            batches.add(body.toByteArray());
        }
        return batches;
    }

    @BeforeEach
    void catalog() {
        catalogs.create(shop.catalogDefinition());
        ByteArrayOutputStream products = new ByteArrayOutputStream();
        for (ObjectNode product : shop.products()) {
            products.writeBytes(product.toString().getBytes(StandardCharsets.UTF_8));
            products.write('\n');
        }
        catalogs.upsert("shop", products.toByteArray(), products.size());
        log = new FileEventLog(dir.resolve("events"));
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private static void send(EventIngestor ingestor, List<byte[]> batches) {
        for (byte[] batch : batches) {
            IngestResult result = ingestor.ingest(batch, batch.length);
            assertThat(result.rejected()).isEmpty();
        }
    }

    @Test
    void restoringASnapshotAndReplayingTheRestEqualsReplayingTheWholeLog() {
        World before = new World();
        send(before.ingestor, firstPart);
        before.replayFrom(1);
        long snapshotSeq = log.lastSeq();
        assertThat(before.snapshots(SnapshotPolicy.DEFAULTS).write(snapshotSeq)).isTrue();
        send(before.ingestor, secondPart);

        World replayed = new World();
        long all = replayed.replayFrom(1);
        World restored = new World();
        StateSnapshots.Restored restore = restored.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq());
        long rest = restored.replayFrom(restore.throughSeq() + 1);

        assertThat(restore.skipped()).isNull();
        assertThat(restore.throughSeq()).isEqualTo(snapshotSeq);
        assertThat(rest).isEqualTo(log.lastSeq() - snapshotSeq).isLessThan(all);
        assertThat(restored.profiles.size()).isEqualTo(replayed.profiles.size()).isGreaterThan(100);
        for (String person : people) {
            assertThat(restored.profiles.find(person, END)).as(person).isEqualTo(replayed.profiles.find(person, END));
            assertThat(restored.profiles.recentActivity(person)).isEqualTo(replayed.profiles.recentActivity(person));
        }
        replayed.popularity.refresh();
        restored.popularity.refresh();
        Popularity.Ranking expected = replayed.popularity.ranking("shop");
        Popularity.Ranking actual = restored.popularity.ranking("shop");
        assertThat(actual.trending()).isNotEmpty().containsExactly(expected.trending());
        assertThat(actual.trendingScores()).containsExactly(expected.trendingScores());
        assertThat(actual.bestSellers()).containsExactly(expected.bestSellers());
        assertThat(restored.dictionary.snapshot()).isEqualTo(replayed.dictionary.snapshot());
        assertThat(restored.ingestor.rememberedIds()).isEqualTo(replayed.ingestor.rememberedIds()).isEqualTo(all);

        // Every event id is still recognised: sending everything again stores nothing.
        for (List<byte[]> part : List.of(firstPart, secondPart)) {
            for (byte[] batch : part) {
                IngestResult again = restored.ingestor.ingest(batch, batch.length);
                assertThat(again.accepted()).isZero();
                assertThat(again.duplicates()).isEqualTo(again.received());
            }
        }
    }

    @Test
    void aDeletionBeforeTheSnapshotStaysDoneAndItsRedactionIsStillDueAfterARestore() throws Exception {
        World before = new World();
        send(before.ingestor, firstPart);
        String person = people.iterator().next();
        List<String> ids = List.of(person);
        World untouched = new World();
        untouched.replayFrom(1);
        assertThat(untouched.profiles.find(person, END)).isPresent();
        log.append(List.of(Tombstone.of(ids, END.toEpochMilli()))).get();
        before.replayFrom(1);
        assertThat(before.profiles.find(person, END)).isEmpty();
        assertThat(before.snapshots(SnapshotPolicy.DEFAULTS).write(log.lastSeq())).isTrue();

        World restored = new World();
        restored.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq());
        restored.replayFrom(log.lastSeq() + 1);
        assertThat(restored.profiles.find(person, END)).isEmpty();
        assertThat(restored.profiles.forgotten()).isEqualTo(1);
        assertThat(restored.profiles.drainTombstones()).extracting(Tombstone::ids).containsExactly(ids);

        // Once redacted, the snapshot made for it no longer carries the deletion.
        restored.profiles.tombstonesRedacted(List.of(log.lastSeq()));
        StateSnapshots again = restored.snapshots(SnapshotPolicy.DEFAULTS);
        again.dueAfterRedaction();
        assertThat(again.write(log.lastSeq())).as("the same position, written again").isTrue();
        World later = new World();
        assertThat(later.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq()).throughSeq())
                .isEqualTo(log.lastSeq());
        assertThat(later.profiles.size()).isEqualTo(restored.profiles.size()).isPositive();
        assertThat(later.profiles.drainTombstones()).isEmpty();
        assertThat(later.profiles.find(person, END)).isEmpty();
    }

    @Test
    void aDamagedSnapshotIsNotRestoredAndTheLogIsReplayedWhole() throws Exception {
        World before = new World();
        send(before.ingestor, firstPart);
        before.replayFrom(1);
        before.snapshots(SnapshotPolicy.DEFAULTS).write(log.lastSeq());
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        World restored = new World();
        StateSnapshots.Restored restore = restored.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq());

        assertThat(restore.throughSeq()).isZero();
        assertThat(restore.skipped()).contains("damaged");
        assertThat(restored.profiles.size()).isZero();
        assertThat(restored.replayFrom(1)).isEqualTo(log.lastSeq());
        assertThat(restored.profiles.size()).isEqualTo(before.profiles.size());
    }

    @Test
    void aSnapshotMadeWithOtherProfileSettingsIsNotRestored() {
        World before = new World();
        send(before.ingestor, firstPart);
        before.replayFrom(1);
        before.snapshots(SnapshotPolicy.DEFAULTS).write(log.lastSeq());

        World other = new World(ProfileSettings.DEFAULTS.withRecentEvents(200));
        StateSnapshots.Restored restore = other.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq());

        assertThat(restore.throughSeq()).isZero();
        assertThat(restore.skipped()).contains("profiles").contains("recentEvents=200");
        assertThat(other.profiles.size()).isZero();
    }

    @Test
    void aSnapshotAheadOfTheLogIsNotRestored() {
        World before = new World();
        send(before.ingestor, firstPart);
        before.replayFrom(1);
        before.snapshots(SnapshotPolicy.DEFAULTS).write(log.lastSeq());

        World restored = new World();
        StateSnapshots.Restored restore = restored.snapshots(SnapshotPolicy.DEFAULTS).restore(log.lastSeq() - 1);

        assertThat(restore.throughSeq()).isZero();
        assertThat(restore.skipped()).contains("ahead of the event log");
        assertThat(restored.profiles.size()).isZero();
    }

    @Test
    void withSnapshotsOffNothingIsWrittenAndOldSnapshotsAreDeleted() throws Exception {
        World before = new World();
        send(before.ingestor, firstPart);
        before.replayFrom(1);
        before.snapshots(SnapshotPolicy.DEFAULTS).write(log.lastSeq());

        World off = new World();
        StateSnapshots snapshots = off.snapshots(SnapshotPolicy.OFF);
        assertThat(snapshots.restore(log.lastSeq()).throughSeq()).isZero();
        assertThat(snapshots.write(log.lastSeq())).isFalse();
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSnapshotIsDueByEventsByTimeOrAfterADeletionButNeverSoonerThanTheSpacing() {
        long minute = Duration.ofMinutes(1).toMillis();
        SnapshotPolicy policy = new SnapshotPolicy(1_000, Duration.ofMinutes(10), Duration.ofMinutes(1));
        StateSnapshots snapshots = new StateSnapshots(dir, List.of(), policy, CLOCK);

        assertThat(snapshots.due(END.toEpochMilli())).as("nothing applied").isFalse();
        snapshots.applied(10, 10, false);
        assertThat(snapshots.due(END.toEpochMilli())).as("the first after a start is not held back").isTrue();
        assertThat(snapshots.write(10)).isTrue();
        long written = END.toEpochMilli();

        snapshots.applied(999, 1_009, false);
        assertThat(snapshots.due(written + 2 * minute)).isFalse();
        snapshots.applied(1, 1_010, false);
        assertThat(snapshots.due(written + 30_000)).as("within the spacing").isFalse();
        assertThat(snapshots.due(written + 2 * minute)).isTrue();
        assertThat(snapshots.write(1_010)).isTrue();

        snapshots.applied(5, 1_015, false);
        assertThat(snapshots.due(written + 9 * minute)).isFalse();
        assertThat(snapshots.due(written + 10 * minute)).as("at least every 10 minutes").isTrue();
        snapshots.applied(1, 1_016, true);
        assertThat(snapshots.due(written + minute)).as("a deletion, after the spacing").isTrue();
        assertThat(snapshots.write(1_016)).isTrue();

        assertThat(snapshots.due(written + 5 * minute)).as("no new events").isFalse();
        snapshots.dueAfterRedaction();
        assertThat(snapshots.due(written + 5 * minute)).as("its redaction done, without new events").isTrue();
        assertThat(snapshots.write(1_016)).as("the same position written again").isTrue();
        assertThat(snapshots.due(written + 10 * minute)).isFalse();
    }
}
