package org.attune.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.event.Event;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.storage.EventStore;
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
