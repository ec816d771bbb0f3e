package org.attune.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.event.Event;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.storage.failure.UnstorableDataException;
import org.attune.core.storage.memory.InMemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreLoaderTest {
    @TempDir
    Path dir;

    private FileEventLog log;
    private final InMemoryStorage storage = new InMemoryStorage();
    private final EventStore store = storage.events();

    @BeforeEach
    void openLog() {
        log = new FileEventLog(dir, 500);
    }

    @AfterEach
    void closeLog() {
        log.close();
        storage.close();
    }

    @Test
    void catchUpLoadsEveryEventExactlyOnce() throws Exception {
        List<Event> appended = append("a", 3, 4, 1, 5);
        EventStoreLoader loader = new EventStoreLoader(log, store);

        loader.catchUp();
        loader.catchUp();

        assertThat(store.count()).isEqualTo(appended.size());
        assertThat(store.loadedThrough()).isEqualTo(appended.size());
        assertThat(loader.loadedThrough()).isEqualTo(appended.size());
        assertThat(loader.lag()).isZero();
        assertThat(scanAll()).isEqualTo(sequenced(appended, 1));
    }

    @Test
    void aLoaderStartedLaterLoadsOnlyTheNewEvents() throws Exception {
        List<Event> early = append("early", 2, 3);
        new EventStoreLoader(log, store).catchUp();
        List<Event> late = append("late", 4, 1, 2);

        EventStoreLoader second = new EventStoreLoader(log, store);
        assertThat(second.loadedThrough()).isEqualTo(early.size());
        assertThat(second.lag()).isEqualTo(late.size());
        second.catchUp();

        List<Event> expected = new ArrayList<>(sequenced(early, 1));
        expected.addAll(sequenced(late, early.size() + 1));
        assertThat(scanAll()).isEqualTo(expected);
        assertThat(store.count()).isEqualTo(expected.size());
        assertThat(second.lag()).isZero();
    }

    @Test
    void loadingResumesInsideAFrameWithoutStoringItsEarlierEventsTwice() throws Exception {
        List<Event> appended = append("f", 5, 2);
        // The store already holds the first three events of the five-event frame.
        store.append(sequenced(appended, 1).subList(0, 3));

        new EventStoreLoader(log, store).catchUp();

        assertThat(store.count()).isEqualTo(appended.size());
        assertThat(scanAll()).isEqualTo(sequenced(appended, 1));
    }

    @Test
    void theBackgroundLoaderFollowsTheLog() throws Exception {
        List<Event> appended = new ArrayList<>(append("bg", 2));
        try (EventStoreLoader loader = new EventStoreLoader(log, store)) {
            loader.start();
            appended.addAll(append("bg-more", 3, 3));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (store.loadedThrough() < appended.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(scanAll()).isEqualTo(sequenced(appended, 1));
            assertThat(loader.lastError()).isNull();
        }
    }

    /**
     * A store with a narrower range than the log, as DuckDB's microsecond timestamps are: it
     * refuses, as data, every load that holds an event timed before the epoch.
     */
    private static final class EpochOnwardStore implements EventStore {
        private final EventStore target;
        int loads;

        EpochOnwardStore(EventStore target) {
            this.target = target;
        }

        @Override
        public void append(List<Event> events) {
            loads++;
            if (events.stream().anyMatch(e -> e.seq() > target.loadedThrough() && e.timestamp() < 0)) {
                throw new UnstorableDataException("time out of range",
                        new IllegalArgumentException("before the epoch"));
            }
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
        public void scan(long fromSeq, int limit, java.util.function.Consumer<Event> sink) {
            target.scan(fromSeq, limit, sink);
        }
    }

    private static Event at(long timestamp) {
        return new Event(0, null, "view", timestamp, "anon", null, null, List.of("p"),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 5L);
    }

    @Test
    void eventsTheStoreRefusesAreSetAsideAloneWithFewLoads() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(at(i == 100 || i == 700 ? Long.MIN_VALUE : 1_000L + i));
        }
        log.append(events).get(30, TimeUnit.SECONDS);
        EpochOnwardStore limited = new EpochOnwardStore(store);
        EventStoreLoader loader = new EventStoreLoader(log, limited);

        loader.catchUp();

        assertThat(loader.setAside()).isEqualTo(2);
        assertThat(loader.lag()).isZero();
        assertThat(store.count()).isEqualTo(998);
        assertThat(scanAll()).extracting(Event::seq).doesNotContain(101L, 701L);
        assertThat(limited.loads).as("halving finds two bad events among 1,000 in a few dozen loads")
                .isLessThan(50);
    }

    @Test
    void aDeletionTheStoreRefusesIsNeverSetAside() throws Exception {
        log.append(List.of(at(1_000L), org.attune.core.event.Tombstone.of(List.of("anon"), -1L), at(2_000L)))
                .get(30, TimeUnit.SECONDS);
        EventStoreLoader loader = new EventStoreLoader(log, new EpochOnwardStore(store));

        org.assertj.core.api.Assertions.assertThatThrownBy(loader::catchUp)
                .isInstanceOf(UnstorableDataException.class);
        assertThat(loader.setAside()).isZero();
        assertThat(store.loadedThrough()).as("stopped before the deletion, so that it is retried").isEqualTo(1);
    }

    /** Appends one batch per size given, waiting for each. */
    private List<Event> append(String prefix, int... batchSizes) throws Exception {
        List<Event> all = new ArrayList<>();
        for (int b = 0; b < batchSizes.length; b++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < batchSizes[b]; i++) {
                batch.add(new Event(0, prefix + "-" + b + "-" + i, "view", 1_000L * b + i, "anon", null, null,
                        List.of("p" + i), JsonNodeFactory.instance.objectNode().put("b", b),
                        JsonNodeFactory.instance.objectNode(), 5L));
            }
            log.append(batch).get(30, TimeUnit.SECONDS);
            all.addAll(batch);
        }
        return all;
    }

    private List<Event> scanAll() {
        List<Event> events = new ArrayList<>();
        store.scan(1, Integer.MAX_VALUE, events::add);
        return events;
    }

    private static List<Event> sequenced(List<Event> events, long firstSeq) {
        List<Event> result = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            result.add(events.get(i).withSeq(firstSeq + i));
        }
        return result;
    }
}
