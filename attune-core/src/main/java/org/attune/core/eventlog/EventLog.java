package org.attune.core.eventlog;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.attune.core.event.Event;

/**
 * An ordered, durable log of events. Each event gets a sequence number (1, 2, ...) in
 * the order the log made it durable. Implementations are thread-safe.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends a batch. The future completes with the sequence number given to the first
     * event only once the whole batch is durable; it completes exceptionally when the
     * batch could not be written, in which case none of it is visible to readers.
     */
    CompletableFuture<Long> append(List<Event> events);

    /**
     * Like {@link #append(List)} for events already encoded by
     * {@link org.attune.core.event.EventCodec}, one line each, in the same order, so that
     * callers can encode in parallel. {@code encoded} must be exactly that encoding.
     */
    CompletableFuture<Long> append(List<Event> events, byte[] encoded);

    /** Sequence number of the last durable event, 0 when the log is empty. */
    long lastSeq();

    /** Opens a reader positioned at the first event with a sequence number of at least {@code fromSeq}. */
    EventLogCursor openCursor(long fromSeq);

    /**
     * Registers a listener told of each durable batch, in sequence order, on the log's
     * writer thread; it must be quick and must not block.
     */
    void onDurable(DurableBatchListener listener);

    /**
     * Ends the segment being written, so that everything durable so far is in closed
     * segments that {@link #redact} can rewrite; the next append starts a new segment.
     * Completes with {@link #lastSeq()} as of the seal.
     */
    default CompletableFuture<Long> seal() {
        return CompletableFuture.completedFuture(lastSeq());
    }

    /**
     * Replaces, in the closed segments, every event below {@code beforeSeq} that
     * {@code forget} picks by {@link org.attune.core.event.Tombstone#redacted its redacted
     * form}, keeping every sequence number. Crash-safe: a segment is rewritten to a new file
     * and renamed over the old one. Readers already positioned in a rewritten segment go on
     * reading the old bytes; new readers see the new ones.
     *
     * @return how many events were replaced
     */
    default long redact(long beforeSeq, java.util.function.Predicate<Event> forget) {
        throw new UnsupportedOperationException("this event log cannot redact");
    }

    /** Why the log refuses appends (after a failed write), or null while it is healthy. */
    default String failure() {
        return null;
    }

    @Override
    void close();

    /** Told of each batch once it is durable. */
    @FunctionalInterface
    interface DurableBatchListener {
        /** @param events the batch, each event carrying its sequence number */
        void durable(List<Event> events);
    }
}
