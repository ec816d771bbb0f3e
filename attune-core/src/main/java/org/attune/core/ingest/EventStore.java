package org.attune.core.ingest;

import java.util.List;
import java.util.function.Consumer;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.storage.failure.UnstorableDataException;

/**
 * The queryable copy of the event log. It is loaded from the log in sequence order;
 * {@link #loadedThrough()} says how far, so that a restart resumes exactly where the
 * last committed load stopped (no event is lost or stored twice).
 */
public interface EventStore {

    /**
     * Stores events that carry sequence numbers, in rising order, in one transaction
     * together with the new {@link #loadedThrough()}; throws {@link UnstorableDataException}
     * when an event's own data is what the store refuses (see {@link #setAside}). Events with a sequence number at or
     * below the current {@link #loadedThrough()} are skipped. A
     * {@link org.attune.core.event.Tombstone tombstone} is not stored: it deletes the stored
     * events with a lower sequence number whose anonymous id or user id it names.
     */
    void append(List<Event> events);

    /**
     * Stores raw log frames (see {@link EventCodec}); the default decodes and calls
     * {@link #append}. Implementations may load the payload more directly.
     */
    default void appendFrames(List<EncodedFrame> frames) {
        EventCodec codec = new EventCodec();
        List<Event> events = new java.util.ArrayList<>();
        for (EncodedFrame frame : frames) {
            codec.decode(frame.payload(), 0, frame.payload().length, frame.firstSeq(), events::add);
        }
        append(events);
    }

    /** Highest sequence number stored, 0 when none. */
    long loadedThrough();

    /**
     * Sets the event with sequence number {@code seq} aside: records that it cannot be stored,
     * with the reason, and moves {@link #loadedThrough()} to {@code seq} in one transaction, so
     * that loading goes on after it instead of failing on it forever. The event stays in the
     * event log, the source of truth; only this queryable copy lacks it. Call it only once every
     * event below {@code seq} is stored; a {@code seq} at or below {@link #loadedThrough()} is
     * ignored.
     *
     * @param reason why the store refused it, for operators
     */
    void setAside(long seq, String reason);

    /** How many events were set aside so far, over the store's whole life. */
    long setAsideCount();

    /** Number of stored events. */
    long count();

    /** Stored events with seq &ge; {@code fromSeq}, in sequence order, at most {@code limit}. */
    void scan(long fromSeq, int limit, Consumer<Event> sink);

    /**
     * A frame of the event log as written.
     *
     * @param firstSeq sequence number of the frame's first event
     * @param count number of events in the frame
     * @param payload one compact JSON line per event
     */
    record EncodedFrame(long firstSeq, int count, byte[] payload) {
    }
}
