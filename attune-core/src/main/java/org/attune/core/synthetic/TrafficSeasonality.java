package org.attune.core.synthetic;

import java.util.SplittableRandom;

/**
 * When people shop: a daily curve in shop-local time (quiet at night, a lunch bump, the
 * evening peak), a weekly one (Sunday and Monday strongest, Saturday weakest) and a
 * slight growth of the shop over the period. The shop's clock is UTC+1.
 */
final class TrafficSeasonality {
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long SHOP_UTC_OFFSET_MILLIS = HOUR_MILLIS;
    private static final double[] BY_LOCAL_HOUR = {0.30, 0.18, 0.11, 0.08, 0.08, 0.12, 0.25, 0.45, 0.62, 0.72,
            0.80, 0.90, 1.00, 0.95, 0.85, 0.85, 0.90, 0.95, 1.05, 1.25, 1.40, 1.35, 1.00, 0.58};
    /** Monday first. */
    private static final double[] BY_WEEKDAY = {1.08, 1.00, 0.97, 0.96, 0.92, 0.84, 1.15};
    private static final double GROWTH_OVER_PERIOD = 0.15;
    private static final double MAX_WEIGHT = 1.40 * 1.15 * (1 + GROWTH_OVER_PERIOD);

    private final long start;
    private final long end;

    TrafficSeasonality(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /** Relative traffic at an instant. */
    double weight(long epochMillis) {
        long local = epochMillis + SHOP_UTC_OFFSET_MILLIS;
        int hour = (int) Math.floorMod(Math.floorDiv(local, HOUR_MILLIS), 24L);
        // Epoch day 0, 1970-01-01, was a Thursday: index 3 when Monday is 0.
        int weekday = (int) Math.floorMod(Math.floorDiv(local, SyntheticCatalog.DAY_MILLIS) + 3, 7L);
        double growth = 1 + GROWTH_OVER_PERIOD * (epochMillis - start) / (double) Math.max(1, end - start);
        return BY_LOCAL_HOUR[hour] * BY_WEEKDAY[weekday] * growth;
    }

    /** An instant in [from, to) drawn in proportion to traffic, by rejection. */
    long draw(SplittableRandom random, long from, long to) {
        while (true) {
            long candidate = from + (long) (random.nextDouble() * (to - from));
            if (random.nextDouble() * MAX_WEIGHT < weight(candidate)) {
                return candidate;
            }
        }
    }
}
