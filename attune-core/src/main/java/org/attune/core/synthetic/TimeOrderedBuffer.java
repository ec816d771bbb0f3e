package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds the events of sessions that overlap in time until they can be released in
 * time order. Sessions are played in order of their start, a day at a time, so the
 * buffer never holds much more than one day of events. Events with equal times keep
 * the order in which they were added, so a click stays before its view. Not
 * thread-safe.
 */
final class TimeOrderedBuffer {
    private static final int POSITION_BITS = 24;
    private static final long MAX_PACKED_OFFSET = 1L << (63 - POSITION_BITS);

    private record Pending(long time, Supplier<ObjectNode> draft) {
    }

    private List<Pending> pending = new ArrayList<>();

    /** Holds an event, rendered by {@code draft} when it is released. */
    void add(Supplier<ObjectNode> draft, long time) {
        pending.add(new Pending(time, draft));
    }

    /**
     * Passes on, in time order, every held event earlier than {@code limit}. The caller
     * promises that no event added later will be earlier than {@code limit}.
     */
    void releaseBefore(long limit, Consumer<ObjectNode> sink) {
        List<Pending> sorted = inTimeOrder();
        List<Pending> kept = new ArrayList<>();
        for (Pending event : sorted) {
            if (event.time() < limit) {
                sink.accept(event.draft().get());
            } else {
                kept.add(event);
            }
        }
        pending = kept;
    }

    /**
     * A stable sort by time. Held events span about a day, so time offset and position
     * pack into one long and a primitive sort does it; the general stable sort remains
     * for buffers too large or too wide to pack.
     */
    private List<Pending> inTimeOrder() {
        int size = pending.size();
        if (size == 0) {
            return pending;
        }
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (Pending event : pending) {
            earliest = Math.min(earliest, event.time());
            latest = Math.max(latest, event.time());
        }
        if (size >= 1 << POSITION_BITS || latest - earliest >= MAX_PACKED_OFFSET) {
            List<Pending> copy = new ArrayList<>(pending);
            copy.sort(Comparator.comparingLong(Pending::time));
            return copy;
        }
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((pending.get(i).time() - earliest) << POSITION_BITS) | i;
        }
        Arrays.sort(keys);
        List<Pending> sorted = new ArrayList<>(size);
        long positionMask = (1L << POSITION_BITS) - 1;
        for (long key : keys) {
            sorted.add(pending.get((int) (key & positionMask)));
        }
        return sorted;
    }
}
