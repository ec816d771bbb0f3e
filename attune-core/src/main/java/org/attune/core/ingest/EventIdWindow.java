package org.attune.core.ingest;

import java.io.IOException;
import java.time.Duration;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * The event ids received within a window of time, for de-duplication with bounded memory:
 * ids are kept in generations of one window each, the current and the one before; when an id
 * arrives a whole window after the current generation began, that generation becomes the
 * previous one and the one before it is dropped. So an id is recognised for at least the
 * window after it was received (and at most two), and memory holds at most two windows' ids,
 * about 27 bytes each ({@link EventIdIndex}). A window of zero keeps every id forever. Times are
 * the events' {@code receivedAt} (the server's clock), so a replay after a restart rebuilds the
 * same generations from the log. Not thread-safe; callers synchronise.
 */
final class EventIdWindow {
    private final long windowMillis;
    private EventIdIndex current = new EventIdIndex();
    private EventIdIndex previous;
    private long currentSince = Long.MIN_VALUE;

    /** @param window how long an id is recognised at least; zero for ever */
    EventIdWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the event id window must not be negative, got " + window);
        }
        this.windowMillis = window.isZero() ? Long.MAX_VALUE : window.toMillis();
    }

    /**
     * Adds an id received at {@code receivedAtMillis}; false when it is already known.
     * Generations turn over as times move on, so times should come in about their order.
     */
    boolean add(String eventId, long receivedAtMillis) {
        turnOver(receivedAtMillis);
        if (previous != null && previous.contains(eventId)) {
            return false;
        }
        return current.add(eventId);
    }

    /** Forgets an id added to the current generation (a batch the log refused). */
    void remove(String eventId) {
        current.remove(eventId);
    }

    /** Ids held now, in both generations. */
    long size() {
        return current.size() + (previous == null ? 0L : previous.size());
    }

    /** An independent copy of both generations. */
    EventIdWindow copy() {
        EventIdWindow copy = new EventIdWindow(Duration.ZERO);
        copy.current = current.copy();
        copy.previous = previous == null ? null : previous.copy();
        copy.currentSince = currentSince;
        return copy;
    }

    /** Writes both generations and when the current one began (not the window, a setting). */
    void save(SnapshotOutput out) throws IOException {
        out.writeLong(currentSince);
        current.save(out);
        out.writeBoolean(previous != null);
        if (previous != null) {
            previous.save(out);
        }
    }

    /** Replaces both generations by those {@link #save} wrote; the window stays this one's. */
    void restore(SnapshotInput in) throws IOException {
        currentSince = in.readLong();
        current = EventIdIndex.restore(in);
        previous = in.readBoolean() ? EventIdIndex.restore(in) : null;
    }

    private void turnOver(long now) {
        if (currentSince == Long.MIN_VALUE) {
            currentSince = now;
            return;
        }
        if (windowMillis == Long.MAX_VALUE || now - currentSince < windowMillis) {
            return;
        }
        previous = now - currentSince < 2 * windowMillis ? current : null;
        current = new EventIdIndex();
        currentSince = now;
    }
}
