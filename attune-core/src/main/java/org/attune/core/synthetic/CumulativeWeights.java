package org.attune.core.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws positions in proportion to fixed non-negative weights by binary search over
 * running totals: O(n) to build, O(log n) per draw. Immutable and thread-safe.
 */
final class CumulativeWeights {
    private final double[] totals;

    CumulativeWeights(double[] weights) {
        totals = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]
                        + "; weights must be finite and >= 0");
            }
            sum += weights[i];
            totals[i] = sum;
        }
    }

    int size() {
        return totals.length;
    }

    /** True when nothing can be drawn: no positions, or all weights zero. */
    boolean isEmpty() {
        return totals.length == 0 || totals[totals.length - 1] <= 0;
    }

    double total() {
        return totals.length == 0 ? 0 : totals[totals.length - 1];
    }

    double weight(int position) {
        return position == 0 ? totals[0] : totals[position] - totals[position - 1];
    }

    /** A position drawn in proportion to its weight; never one of weight zero. */
    int draw(SplittableRandom random) {
        if (isEmpty()) {
            throw new IllegalStateException("no positive weight to draw from");
        }
        double target = random.nextDouble() * total();
        int found = Arrays.binarySearch(totals, target);
        int position = found >= 0 ? found + 1 : -found - 1;
        // A target equal to a running total belongs to the next position with weight.
        while (position < totals.length - 1 && weight(position) == 0) {
            position++;
        }
        return Math.min(position, totals.length - 1);
    }
}
