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
