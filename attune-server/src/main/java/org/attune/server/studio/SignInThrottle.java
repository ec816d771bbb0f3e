package org.attune.server.studio;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing at the studio's sign-in, per client address and per name
 * from that address, with delays that double after each failure beyond a few free ones.
 * It never locks a name out from everywhere: guesses from one address leave the real
 * person at another address free to sign in.
 *
 * <p>An attempt is counted as failed when it is admitted ({@link #admit}), before its
 * password is hashed, and given back when it succeeds; so parallel guesses see each other
 * and cannot together exceed the free failures. What it remembers is bounded: keys are an
 * address and at most {@value org.attune.core.security.Accounts#MAX_NAME_LENGTH} characters
 * of name, and at most {@value #MAX_TRACKED} of them are kept, the least recently tried
 * forgotten first. A client address keeps its own entry fresh with every attempt, so filling
 * the table from one address cannot wipe that address's record.
 *
 * <p>A map under one lock rather than a cache library: admitting checks and counts two keys
 * at once, which a per-key cache does not make atomic. Thread-safe.
 */
final class SignInThrottle {
    /** Failures of one name from one address before it has to wait. */
    static final int FREE_FAILURES_PER_NAME = 5;
    /** Failures from one address, over all names, before it has to wait. */
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    /** The wait after the first failure beyond the free ones; each further failure doubles it. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** The longest wait between two attempts. */
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);
    /** Failures are forgotten after this long without another one. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Addresses and name-and-address pairs remembered at most. */
    static final int MAX_TRACKED = 10_000;

    private final Map<String, Failures> tracked = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Failed (or admitted, not yet answered) attempts of one key, and when the latest was. */
    private static final class Failures {
        int count;
        Instant latest;
    }

    /**
     * Admits an attempt and counts it as failed until {@link #succeeded}
     * says otherwise, or says how long the client has to wait first (nothing is counted then).
     *
     * @param address the client's address, as {@link ClientAddress} gives it
     * @param name a name that could be an account's, or {@code null} for any other (counted
     *     for the address only)
     * @return {@link Duration#ZERO} when admitted, else the time until it may try again
     */
    synchronized Duration admit(String address, String name, Instant now) {
        Failures byAddress = current(address, now);
        Failures byName = name == null ? null : current(pairKey(address, name), now);
        Duration wait = longer(waitFor(byAddress, FREE_FAILURES_PER_ADDRESS, now),
                waitFor(byName, FREE_FAILURES_PER_NAME, now));
        if (!wait.isZero()) {
            return wait;
        }
        count(address, byAddress, now);
        if (name != null) {
            count(pairKey(address, name), byName, now);
        }
        return Duration.ZERO;
    }

    /** The admitted attempt signed in: the name's failures from this address are forgotten. */
    synchronized void succeeded(String address, String name) {
        uncount(address);
        tracked.remove(pairKey(address, name));
    }

    /** How many keys are remembered now; never more than {@value #MAX_TRACKED}. */
    synchronized int size() {
        return tracked.size();
    }

    private Failures current(String key, Instant now) {
        Failures failures = tracked.get(key);
        if (failures != null && !now.isBefore(failures.latest.plus(FORGET_AFTER))) {
            tracked.remove(key);
            return null;
        }
        return failures;
    }

    private void count(String key, Failures failures, Instant now) {
        Failures counted = failures != null ? failures : new Failures();
        counted.count++;
        counted.latest = now;
        tracked.put(key, counted);
    }

    private void uncount(String key) {
        Failures failures = tracked.get(key);
        if (failures != null && --failures.count <= 0) {
            tracked.remove(key);
        }
    }

    private static Duration waitFor(Failures failures, int free, Instant now) {
        if (failures == null || failures.count < free) {
            return Duration.ZERO;
        }
        Duration wait = delayAfter(failures.count - free);
        Instant allowed = failures.latest.plus(wait);
        return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** {@link #FIRST_DELAY} doubled {@code beyondFree} times, at most {@link #LONGEST_DELAY}. */
    static Duration delayAfter(int beyondFree) {
        if (beyondFree >= 30) {
            return LONGEST_DELAY;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << beyondFree);
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String pairKey(String address, String name) {
        // A newline is in no address and no account name, so no pair reads as another.
        return address + "\n" + name;
    }
}
