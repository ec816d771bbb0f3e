package org.attune.core.ingest;

import java.util.ArrayList;
import java.util.List;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.storage.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the event log into the queryable event store in large transactions, at its
 * own pace, resuming from {@link EventStore#loadedThrough()} after a restart. Its lag
 * is reported so operators can see when queries trail ingestion.
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

    private final EventLog log;
    private final EventStore store;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long loadedThrough;
    private volatile String lastError;

    public EventStoreLoader(EventLog log, EventStore store) {
        this.log = log;
        this.store = store;
        this.loadedThrough = store.loadedThrough();
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

    /** Loads until the store has caught up with the log as it is now. For tests and shutdown. */
    public void catchUp() {
        try (EventLogCursor cursor = log.openCursor(store.loadedThrough() + 1)) {
            while (loadOnce(cursor) > 0) {
                // keep loading
            }
        }
    }

    private void run() {
        EventLogCursor cursor = log.openCursor(store.loadedThrough() + 1);
        try {
            while (!closed) {
                int loaded;
                try {
                    loaded = loadOnce(cursor);
                    lastError = null;
                } catch (RuntimeException e) {
                    lastError = e.getMessage();
                    LOG.error("loading events into the store failed; retrying", e);
                    cursor.close();
                    cursor = log.openCursor(store.loadedThrough() + 1);
                    loaded = 0;
                    sleep(1_000);
                }
                if (loaded < MAX_EVENTS_PER_LOAD) {
                    sleep(loaded == 0 ? 200 : PAUSE_WHEN_CAUGHT_UP_MILLIS);
                }
            }
        } finally {
            cursor.close();
        }
    }

    private synchronized int loadOnce(EventLogCursor cursor) {
        List<EventStore.EncodedFrame> frames = new ArrayList<>();
        int events = cursor.readFrames(MAX_EVENTS_PER_LOAD,
                (firstSeq, count, payload) -> frames.add(new EventStore.EncodedFrame(firstSeq, count, payload)));
        if (!frames.isEmpty()) {
            store.appendFrames(frames);
            loadedThrough = store.loadedThrough();
        }
        return events;
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
