package org.attune.store.duckdb;

import java.time.Instant;

/**
 * Instants as DuckDB {@code TIMESTAMP} values: microseconds since the epoch, UTC. Finer
 * precision is cut off, so an instant comes back at most a microsecond earlier.
 */
final class Timestamps {
    private Timestamps() {
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Epoch milliseconds (the unit events use) as microseconds. */
    static long millisToMicros(long millis) {
        return Math.multiplyExact(millis, 1_000L);
    }
}
