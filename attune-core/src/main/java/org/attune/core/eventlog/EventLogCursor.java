package org.attune.core.eventlog;

import java.util.function.Consumer;
import org.attune.core.event.Event;

/**
 * Reads a log forward from a position. Not thread-safe: one reader, one cursor.
 * Events appended after the cursor was opened are seen by later calls.
 */
public interface EventLogCursor extends AutoCloseable {

    /**
     * Reads up to about {@code maxEvents} events (whole frames; at least one frame when
     * any is available) and hands each to {@code sink} in order.
     *
     * @return the number of events read; 0 when the cursor is at the end of the log
     */
    int read(int maxEvents, Consumer<Event> sink);

    /**
     * Like {@link #read} but hands over the raw frames: their first sequence number,
     * event count and the payload (one compact JSON line per event, see
     * {@link org.attune.core.event.EventCodec}). Events before the cursor's start position
     * are included when they share a frame with it; callers skip them by sequence number.
     */
    int readFrames(int maxEvents, FrameSink sink);

    /** Sequence number the next event read will have. */
    long position();

    @Override
    void close();

    /** Receives raw frames. */
    @FunctionalInterface
    interface FrameSink {
        void frame(long firstSeq, int count, byte[] payload);
    }
}
