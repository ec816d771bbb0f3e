package org.attune.core.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.storage.failure.UnstorableDataException;
import org.attune.core.validation.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the event log into the queryable event store in large transactions, at its
 * own pace, resuming from {@link EventStore#loadedThrough()} after a restart. Its lag
 * is reported so operators can see when queries trail ingestion.
 *
 * <p>An event the store refuses for its own data ({@link UnstorableDataException}, e.g. a
 * time out of the store's range written by an older version) must not stop the copy for
 * good: the failed load is split in halves until the refused events stand alone, the others
 * are stored, and each refused one is {@link EventStore#setAside set aside} and counted
 * (never a {@link Tombstone}: the store would keep a forgotten person's events).
 * Any other failure (disk, database) is retried with a growing pause, up to
 * {@link #MAX_RETRY_PAUSE_MILLIS}, logged in full once and then briefly once a minute.
 */
public final class EventStoreLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStoreLoader.class);
    /** Most events per store transaction. */
    static final int MAX_EVENTS_PER_LOAD = 200_000;
    /**
     * Pause after a load that emptied the backlog: fewer, larger transactions cost the
     * store far less CPU and I/O than many small ones, at the price of the queryable copy
     * trailing the log by about this much.
     */
    static final long PAUSE_WHEN_CAUGHT_UP_MILLIS = 1_000;
    /** The longest pause between two tries while the store keeps failing. */
    static final long MAX_RETRY_PAUSE_MILLIS = 30_000;
    /**
     * How long the store may go without catching up with the log before it counts as lagging
     * (see {@link #lagging}): long enough for the backlog of a bulk import (the loader keeps
     * within about a second of 130,000 ingested events a second, see docs/benchmarks.md),
     * short enough that stale queries are noticed.
     */
    public static final Duration LAGGING_AFTER = Duration.ofMinutes(5);
    private static final long REPEAT_LOG_NANOS = Duration.ofMinutes(1).toNanos();

    private final EventLog log;
    private final EventStore store;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long loadedThrough;
    private volatile String lastError;
    private volatile long setAside;
    /** When the store last held everything the log held (System.nanoTime). */
    private volatile long caughtUpAt = System.nanoTime();

    public EventStoreLoader(EventLog log, EventStore store) {
        this.log = log;
        this.store = store;
        this.loadedThrough = store.loadedThrough();
        this.setAside = store.setAsideCount();
        this.thread = new Thread(this::run, "event-store-loader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Events durable in the log but not yet in the store. */
    public long lag() {
        return Math.max(0, log.lastSeq() - loadedThrough);
    }

    public long loadedThrough() {
        return loadedThrough;
    }

    /** The last load failure, or null while loading works. */
    public String lastError() {
        return lastError;
    }

    /** How many events of the log the store refused and set aside, over its whole life. */
    public long setAside() {
        return setAside;
    }

    /**
     * Whether the store has trailed the log for longer than {@link #LAGGING_AFTER}: events are
     * waiting and the store has not held everything the log held for that long.
     */
    public boolean lagging() {
        return lag() > 0 && System.nanoTime() - caughtUpAt > LAGGING_AFTER.toNanos();
    }

    /** Loads until the store has caught up with the log as it is now. For tests and shutdown. */
    public void catchUp() {
        try (EventLogCursor cursor = log.openCursor(store.loadedThrough() + 1)) {
            while (loadOnce(cursor) > 0) {
                // keep loading
            }
        }
    }

    private void run() {
        EventLogCursor cursor = null;
        int failures = 0;
        long retryPause = 1_000;
        long loggedAt = 0;
        try {
            while (!closed) {
                int loaded;
                try {
                    if (cursor == null) {
                        cursor = log.openCursor(store.loadedThrough() + 1);
                    }
                    loaded = loadOnce(cursor);
                    if (failures > 0) {
                        LOG.info("loading events into the store works again after {} failed tries", failures);
                    }
                    lastError = null;
                    failures = 0;
                    retryPause = 1_000;
                } catch (RuntimeException e) {
                    lastError = Echo.message(String.valueOf(e.getMessage()));
                    failures++;
                    if (failures == 1) {
                        LOG.error("loading events into the store failed; retrying", e);
                        loggedAt = System.nanoTime();
                    } else if (System.nanoTime() - loggedAt > REPEAT_LOG_NANOS) {
                        LOG.error("loading events into the store still fails after {} tries: {}", failures,
                                lastError);
                        loggedAt = System.nanoTime();
                    }
                    if (cursor != null) {
                        cursor.close();
                        cursor = null;
                    }
                    sleep(retryPause);
                    retryPause = Math.min(MAX_RETRY_PAUSE_MILLIS, retryPause * 2);
                    continue;
                }
                if (loaded < MAX_EVENTS_PER_LOAD) {
                    sleep(loaded == 0 ? 200 : PAUSE_WHEN_CAUGHT_UP_MILLIS);
                }
            }
        } finally {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    private synchronized int loadOnce(EventLogCursor cursor) {
        List<EventStore.EncodedFrame> frames = new ArrayList<>();
        int events = cursor.readFrames(MAX_EVENTS_PER_LOAD,
                (firstSeq, count, payload) -> frames.add(new EventStore.EncodedFrame(firstSeq, count, payload)));
        if (!frames.isEmpty()) {
            try {
                store.appendFrames(frames);
            } catch (UnstorableDataException e) {
                EventCodec codec = new EventCodec();
                List<Event> decoded = new ArrayList<>(events);
                for (EventStore.EncodedFrame frame : frames) {
                    codec.decode(frame.payload(), 0, frame.payload().length, frame.firstSeq(), decoded::add);
                }
                loadSettingAside(decoded);
            }
            loadedThrough = store.loadedThrough();
        }
        if (events < MAX_EVENTS_PER_LOAD) {
            caughtUpAt = System.nanoTime();
        }
        return events;
    }

    /**
     * Stores the events, in order, halving a part the store refuses for its data until each
     * refused event stands alone and is set aside: a few refused events among many cost a few
     * dozen loads, not one per event.
     */
    private void loadSettingAside(List<Event> events) {
        try {
            store.append(events);
        } catch (UnstorableDataException e) {
            if (events.size() > 1) {
                int half = events.size() / 2;
                loadSettingAside(events.subList(0, half));
                loadSettingAside(events.subList(half, events.size()));
                return;
            }
            if (Tombstone.is(events.get(0))) {
                // Skipping a deletion would keep the person's events in the store for good: retry instead.
                throw e;
            }
            long seq = events.get(0).seq();
            String reason = Echo.message(String.valueOf(e.getMessage()));
            store.setAside(seq, reason);
            setAside = store.setAsideCount();
            LOG.warn("event {} cannot be stored in the queryable event store and is set aside (it stays in the"
                    + " event log): {}", seq, reason);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
