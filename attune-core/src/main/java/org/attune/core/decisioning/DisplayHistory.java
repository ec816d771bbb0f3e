package org.attune.core.decisioning;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each person was shown, for frequency caps and the "shown too often" exclusion: every
 * product of every decision served (previews are not recorded), by placement, for up to
 * {@link #MAX_HOURS} hours and at most {@link #MAX_PER_PERSON} showings per person (the
 * oldest go first). Kept in memory and read back from the decision log at start. Decisions
 * record showings only in catalogs whose caps or exclusions read them, so a cap added later
 * counts from then on. A person is keyed by {@link #key}: their profile, or the id asked
 * while they have none; a forgotten person's showings go with them ({@link #forget}).
 * Thread-safe.
 */
public final class DisplayHistory {
    public static final int MAX_HOURS = DefinitionReader.MAX_HOURS;
    public static final int MAX_PER_PERSON = 2_000;
    private static final long HOUR_MILLIS = 3_600_000L;

    private record Shown(String placement, String product, long at) {
    }

    private final Map<String, Deque<Shown>> byPerson = new ConcurrentHashMap<>();

    /**
     * Whose showings these are: the profile's internal id when the person has one (so that
     * all their stitched ids count together), else the id the request named; null for neither.
     */
    public static String key(Long personId, String askedId) {
        return personId != null ? "p:" + personId : askedId != null ? "a:" + askedId : null;
    }

    /** Drops what a forgotten person was shown: under their profile's id and each of their ids. */
    public void forget(Long personId, Collection<String> ids) {
        if (personId != null) {
            byPerson.remove(key(personId, null));
        }
        for (String id : ids) {
            byPerson.remove(key(null, id));
        }
    }

    /** Records that {@code products} were shown to the person in the placement at {@code now}. */
    public void record(String person, String placement, List<String> products, long now) {
        if (person == null || products.isEmpty()) {
            return;
        }
        Deque<Shown> shown = byPerson.computeIfAbsent(person, p -> new ArrayDeque<>());
        synchronized (shown) {
            long oldest = now - MAX_HOURS * HOUR_MILLIS;
            while (!shown.isEmpty() && (shown.peekFirst().at < oldest || shown.size() + products.size()
                    > MAX_PER_PERSON)) {
                shown.pollFirst();
            }
            for (String product : products) {
                shown.addLast(new Shown(placement, product, now));
            }
        }
    }

    /**
     * How often each product was shown to the person within {@code hours} before {@code now}:
     * in the placement, or in any placement when {@code placement} is null.
     */
    public Map<String, Integer> counts(String person, String placement, int hours, long now) {
        Deque<Shown> shown = person == null ? null : byPerson.get(person);
        if (shown == null) {
            return Map.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        long since = now - hours * HOUR_MILLIS;
        synchronized (shown) {
            for (Iterator<Shown> newestFirst = shown.descendingIterator(); newestFirst.hasNext(); ) {
                Shown s = newestFirst.next();
                if (s.at < since) {
                    break;
                }
                if (placement == null || placement.equals(s.placement)) {
                    counts.merge(s.product, 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
