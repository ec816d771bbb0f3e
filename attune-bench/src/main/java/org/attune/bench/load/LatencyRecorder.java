package org.attune.bench.load;

import java.util.Arrays;

/** Keeps every sample (nanoseconds) and answers exact percentiles. Not thread-safe. */
final class LatencyRecorder {
    private long[] samples = new long[1024];
    private int count;

    void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** The p-th percentile in milliseconds, p in [0, 100]. */
    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return sorted[index] / 1e6;
    }
}
