package org.attune.core.synthetic;

import java.util.SplittableRandom;

/**
 * The few random shapes the generator needs, built on {@link SplittableRandom}.
 * {@link StrictMath} is used throughout so that a seed gives the same shop on every
 * JVM and processor, not just on the machine that first produced it.
 */
final class Draws {
    private Draws() {
    }

    /** A standard normal value (Box-Muller; one of the pair is dropped to keep draws independent of call order). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** A log-normal value with the given median and spread of the underlying normal. */
    static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(random));
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    /** An exponential waiting time with the given mean. */
    static double exponential(SplittableRandom random, double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** A position drawn in proportion to a few weights, at least one of them positive. */
    static int index(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double target = random.nextDouble() * total;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                target -= weights[i];
                if (target < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
