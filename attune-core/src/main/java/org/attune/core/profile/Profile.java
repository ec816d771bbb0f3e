package org.attune.core.profile;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attune.core.event.Event;

/**
 * The live state of one person, updated event by event. Affinity scores decay
 * exponentially with the configured half-life: each score is kept with the time it was
 * last brought up to date, so adding an event and reading a score are both O(1).
 * Thread-safe: updates and reads synchronise on the profile.
 */
public final class Profile {
    private static final long DAY_MILLIS = 86_400_000L;

    private final long personId;
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final Map<String, Long> counts = new HashMap<>(4);
    private long firstSeen = Long.MAX_VALUE;
    private long lastSeen = Long.MIN_VALUE;
    private final Map<String, Map<String, DecayedScore>> affinity = new HashMap<>(4);
    private final ArrayDeque<long[]> purchases = new ArrayDeque<>();
    private double spend;
    private long lastPurchase = Long.MIN_VALUE;
    private final LinkedHashMap<String, Long> recentlyViewed = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> recentlyPurchased = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> cart = new LinkedHashMap<>();

    /** A score and the time (epoch ms) it is valid for. */
    private static final class DecayedScore {
        double score;
        long asOf;

        double at(long time, double halfLifeMillis) {
            return score * Math.pow(0.5, (time - asOf) / halfLifeMillis);
        }

        void add(double weight, long time, double halfLifeMillis) {
            if (time >= asOf) {
                score = at(time, halfLifeMillis) + weight;
                asOf = time;
            } else {
                score += weight * Math.pow(0.5, (asOf - time) / halfLifeMillis);
            }
        }
    }

    public Profile(long personId) {
        this.personId = personId;
    }

    public long personId() {
        return personId;
    }

    /** Applies one event (in log order). */
    public synchronized void apply(Event event, ProductFacts products, ProfileSettings settings) {
        if (settings.recentEvents() > 0) {
            recent.addFirst(event);
            while (recent.size() > settings.recentEvents()) {
                recent.removeLast();
            }
        }
        counts.merge(event.type(), 1L, Long::sum);
        // Events normally arrive in time order; an older one (a late upload) must not look newest.
        boolean inOrder = event.timestamp() >= lastSeen;
        firstSeen = Math.min(firstSeen, event.timestamp());
        lastSeen = Math.max(lastSeen, event.timestamp());

        double weight = settings.weight(event.type());
        double halfLife = settings.affinityHalfLife().toMillis();
        if (weight > 0 && event.catalog() != null) {
            for (String item : event.itemIds()) {
                for (ProductFacts.AttributeValue value : products.affinityValues(event.catalog(), item)) {
                    affinity.computeIfAbsent(value.attribute(), a -> new HashMap<>(8))
                            .computeIfAbsent(value.value(), v -> new DecayedScore())
                            .add(weight, event.timestamp(), halfLife);
                }
            }
        }
        String type = event.type();
        if (type.equals(settings.purchaseType())) {
            recordPurchase(event, products, settings, inOrder);
        } else if (type.equals(settings.addToCartType())) {
            event.itemIds().forEach(item -> cart.merge(item, event.timestamp(), Math::max));
        } else if (type.equals(settings.removeFromCartType())) {
            event.itemIds().forEach(item -> removeIfNotLater(cart, item, event.timestamp()));
        } else if (type.equals("view") || type.equals("click")) {
            for (String item : event.itemIds()) {
                remember(recentlyViewed, item, event.timestamp(), settings.recentProducts(), inOrder);
            }
        }
    }

    private static void removeIfNotLater(Map<String, Long> cart, String item, long time) {
        Long added = cart.get(item);
        if (added != null && added <= time) {
            cart.remove(item);
        }
    }

    private void recordPurchase(Event event, ProductFacts products, ProfileSettings settings, boolean inOrder) {
        double revenue = event.properties().path("revenue").asDouble(Double.NaN);
        if (!event.properties().path("revenue").isNumber()) {
            revenue = 0;
            for (String item : event.itemIds()) {
                double price = event.catalog() == null ? Double.NaN : products.price(event.catalog(), item);
                if (!Double.isNaN(price)) {
                    revenue += price;
                }
            }
        }
        spend += revenue;
        purchases.addLast(new long[] {event.timestamp()});
        lastPurchase = Math.max(lastPurchase, event.timestamp());
        long horizon = lastPurchase - 90 * DAY_MILLIS;
        while (!purchases.isEmpty() && purchases.peekFirst()[0] < horizon) {
            purchases.removeFirst();
        }
        for (String item : event.itemIds()) {
            removeIfNotLater(cart, item, event.timestamp());
            remember(recentlyPurchased, item, event.timestamp(), settings.recentProducts(), inOrder);
        }
    }

    /** Puts the item at the newest end (in-order events) or where its time places it. */
    private static void remember(LinkedHashMap<String, Long> list, String item, long time, int limit,
                                 boolean inOrder) {
        if (inOrder) {
            touch(list, item, time, limit);
        } else {
            mergeRecent(list, item, time, limit);
        }
    }

    private static void touch(LinkedHashMap<String, Long> list, String item, long time, int limit) {
        list.remove(item);
        list.put(item, time);
        Iterator<String> oldest = list.keySet().iterator();
        while (list.size() > limit && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Takes over another person's state when identities are merged. */
    public synchronized void absorb(Profile other, ProfileSettings settings) {
        List<Event> events;
        synchronized (other) {
            events = new ArrayList<>(other.recent);
            other.counts.forEach((type, n) -> counts.merge(type, n, Long::sum));
            firstSeen = Math.min(firstSeen, other.firstSeen);
            lastSeen = Math.max(lastSeen, other.lastSeen);
            double halfLife = settings.affinityHalfLife().toMillis();
            other.affinity.forEach((attribute, values) -> values.forEach((value, score) ->
                    affinity.computeIfAbsent(attribute, a -> new HashMap<>(8))
                            .computeIfAbsent(value, v -> new DecayedScore())
                            .add(score.score, score.asOf, halfLife)));
            other.purchases.forEach(purchases::addLast);
            spend += other.spend;
            lastPurchase = Math.max(lastPurchase, other.lastPurchase);
            other.recentlyViewed.forEach((item, time) -> mergeRecent(recentlyViewed, item, time,
                    settings.recentProducts()));
            other.recentlyPurchased.forEach((item, time) -> mergeRecent(recentlyPurchased, item, time,
                    settings.recentProducts()));
            other.cart.forEach((item, time) -> cart.merge(item, time, Math::max));
        }
        events.addAll(recent);
        events.sort(Comparator.comparingLong(Event::timestamp).thenComparingLong(Event::seq).reversed());
        recent.clear();
        for (Event event : events) {
            if (recent.size() < settings.recentEvents()) {
                recent.addLast(event);
            }
        }
        List<long[]> sorted = new ArrayList<>(purchases);
        sorted.sort(Comparator.comparingLong(p -> p[0]));
        purchases.clear();
        sorted.forEach(purchases::addLast);
    }

    private static void mergeRecent(LinkedHashMap<String, Long> list, String item, long time, int limit) {
        Long existing = list.get(item);
        if (existing != null && existing >= time) {
            return;
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(list.entrySet());
        entries.removeIf(e -> e.getKey().equals(item));
        entries.add(Map.entry(item, time));
        entries.sort(Map.Entry.comparingByValue());
        list.clear();
        for (Map.Entry<String, Long> entry : entries.subList(Math.max(0, entries.size() - limit), entries.size())) {
            list.put(entry.getKey(), entry.getValue());
        }
    }

    /** Everything about the person as of {@code now}. */
    public synchronized ProfileSnapshot snapshot(Instant now, ProfileSettings settings) {
        long nowMillis = now.toEpochMilli();
        double halfLife = settings.affinityHalfLife().toMillis();
        Map<String, List<ProfileSnapshot.Affinity>> affinities = new TreeMap<>();
        affinity.forEach((attribute, values) -> {
            List<ProfileSnapshot.Affinity> list = new ArrayList<>(values.size());
            values.forEach((value, score) -> list.add(new ProfileSnapshot.Affinity(value, score.at(nowMillis, halfLife))));
            list.sort(Comparator.comparingDouble(ProfileSnapshot.Affinity::score).reversed()
                    .thenComparing(ProfileSnapshot.Affinity::value));
            affinities.put(attribute, List.copyOf(list));
        });
        int in30 = 0;
        int in90 = 0;
        for (long[] purchase : purchases) {
            long age = nowMillis - purchase[0];
            if (age <= 90 * DAY_MILLIS) {
                in90++;
                if (age <= 30 * DAY_MILLIS) {
                    in30++;
                }
            }
        }
        Double daysSinceLastPurchase = lastPurchase == Long.MIN_VALUE ? null
                : (double) Math.max(0, nowMillis - lastPurchase) / DAY_MILLIS;
        return new ProfileSnapshot(personId, List.copyOf(recent), new TreeMap<>(counts),
                firstSeen == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstSeen),
                lastSeen == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastSeen), affinities,
                new ProfileSnapshot.Rfm(daysSinceLastPurchase, in30, in90, spend),
                newestFirst(recentlyViewed), newestFirst(recentlyPurchased), newestFirst(cart));
    }

    private static List<String> newestFirst(LinkedHashMap<String, Long> list) {
        List<String> items = new ArrayList<>(list.keySet());
        java.util.Collections.reverse(items);
        return List.copyOf(items);
    }
}
