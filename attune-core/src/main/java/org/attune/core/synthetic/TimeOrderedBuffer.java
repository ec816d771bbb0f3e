package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds the events of sessions that overlap in time until they can be released in
 * time order. Sessions are played in order of their start, a day at a time, so the
 * buffer never holds much more than one day of events. Not thread-safe.
 */
final class TimeOrderedBuffer {
    private record Pending(long time, long sequence, Supplier<ObjectNode> draft) {
    }

    /** Equal times keep the order in which they were produced, so a click stays before its view. */
    private static final Comparator<Pending> IN_TIME_ORDER =
            Comparator.comparingLong(Pending::time).thenComparingLong(Pending::sequence);

    private List<Pending> pending = new ArrayList<>();
    private long sequence;

    /** Holds an event, rendered by {@code draft} when it is released. */
    void add(Supplier<ObjectNode> draft, long time) {
        pending.add(new Pending(time, sequence++, draft));
    }

    /**
     * Passes on, in time order, every held event earlier than {@code limit}. The caller
     * promises that no event added later will be earlier than {@code limit}.
     */
    void releaseBefore(long limit, Consumer<ObjectNode> sink) {
        pending.sort(IN_TIME_ORDER);
        List<Pending> kept = new ArrayList<>();
        for (Pending event : pending) {
            if (event.time() < limit) {
                sink.accept(event.draft().get());
            } else {
                kept.add(event);
            }
        }
        pending = kept;
    }
}
