package org.attune.core.snapshot;

import java.time.Duration;

/**
 * When the state is snapshotted. A snapshot is due when {@code everyEvents} events were applied
 * since the last one, or when any event was and {@code atLeastEvery} has passed; never sooner
 * than {@code minSpacing} after the last one. A privacy deletion makes one due after
 * {@code minSpacing} whatever the counts, so that the forgotten person's profile leaves the
 * disk with the older snapshot. A clean shutdown always writes one.
 *
 * @param everyEvents events after which a snapshot is due; 0 turns snapshots off (every
 *     start replays the whole log)
 * @param atLeastEvery the longest time between snapshots while events arrive
 * @param minSpacing the shortest time between two snapshots
 */
public record SnapshotPolicy(long everyEvents, Duration atLeastEvery, Duration minSpacing) {
    /** A snapshot every 10 million events, or every 10 minutes while events arrive, at most one a minute. */
    public static final SnapshotPolicy DEFAULTS = new SnapshotPolicy(10_000_000, Duration.ofMinutes(10),
            Duration.ofMinutes(1));
    /** No snapshots: every start replays the whole log. */
    public static final SnapshotPolicy OFF = new SnapshotPolicy(0, Duration.ofMinutes(10), Duration.ofMinutes(1));

    public SnapshotPolicy {
        if (everyEvents < 0) {
            throw new IllegalArgumentException("everyEvents must not be negative, got " + everyEvents);
        }
        if (atLeastEvery.isNegative() || minSpacing.isNegative()) {
            throw new IllegalArgumentException("snapshot intervals must not be negative");
        }
    }

    public boolean enabled() {
        return everyEvents > 0;
    }

    public SnapshotPolicy withEveryEvents(long events) {
        return new SnapshotPolicy(events, atLeastEvery, minSpacing);
    }

    public SnapshotPolicy withAtLeastEvery(Duration interval) {
        return new SnapshotPolicy(everyEvents, interval, minSpacing);
    }

    public SnapshotPolicy withMinSpacing(Duration spacing) {
        return new SnapshotPolicy(everyEvents, atLeastEvery, spacing);
    }
}
