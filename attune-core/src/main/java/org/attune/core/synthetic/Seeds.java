package org.attune.core.synthetic;

/**
 * Derives independent random streams from the shop's seed. Each shopper and each of
 * their sessions gets its own stream, so a session's events do not depend on the order
 * in which sessions happen to be simulated.
 */
final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * The SplitMix64 finaliser. It is a bijection on 64-bit values, which is what makes
     * the anonymous ids derived from it unique without keeping a set of them.
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for the stream identified by {@code purpose} and two coordinates. */
    static long of(long seed, long purpose, long first, long second) {
        long z = mix(seed + GOLDEN_GAMMA * (purpose + 1));
        z = mix(z + GOLDEN_GAMMA * (first + 1));
        return mix(z + GOLDEN_GAMMA * (second + 1));
    }
}
