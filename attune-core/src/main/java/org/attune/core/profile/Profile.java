package org.attune.core.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live state of one person, updated event by event, in a compact form: every id is an
 * interned int, times are seconds, and collections are plain arrays that grow to their
 * bounds. Beyond its recent events a typical profile takes well under a kilobyte of heap
 * (measured in {@code ProfileUpdateBenchmark}, figures in {@code docs/benchmarks.md}).
 *
 * <p>Affinity scores decay exponentially with one half-life. Instead of decaying every
 * score at every event, a score is kept scaled to a reference time {@code affinityBase}:
 * an event at time t adds {@code weight * 2^((t - base) / halfLife)}, and reading divides
 * by {@code 2^((now - base) / halfLife)}. Adding and reading stay O(1) per value, and the
 * order of values never changes without an event. When the scale grows large the scores
 * are rebased.
 *
 * <p>Thread-safe: updates and reads synchronise on the profile.
 */
final class Profile {
    private static final long DAY_MILLIS = 86_400_000L;
    /** Times are kept as seconds since 2000-01-01 in an int (good until 2068). */
    private static final long EPOCH_SECONDS = 946_684_800L;
    private static final double REBASE_AT = 40;
    private static final int MULTIPLE_ITEMS = -2;

    // Recent events: a ring of parallel arrays, newest at head - 1.
    private long[] recentSeq;
    private long[] recentTime;
    private int[] recentType;
    private int[] recentCatalog;
    private int[] recentItem;
    /** Items of events with more than one product, by ring slot (allocated on the first such event). */
    private int[][] recentItems;
    private int recentHead;
    private int recentSize;

    /** Pairs of (type symbol, count). */
    private int[] counts = new int[4];
    private int countsSize;
    private long firstSeen = Long.MAX_VALUE;
    private long lastSeen = Long.MIN_VALUE;

    private int[] affinityKeys;
    private float[] affinityScores;
    private int affinitySize;
    private long affinityBase;

    /** Purchase times (seconds), oldest first, within 90 days of the latest. */
    private int[] purchases;
    private int purchasesSize;
    private long lastPurchase = Long.MIN_VALUE;
    private double spend;

    private RecentItems viewed;
    private RecentItems purchased;
    private RecentItems cart;

    /** Items with the time they were last touched, oldest first. */
    private static final class RecentItems {
        int[] items = new int[4];
        int[] times = new int[4];
        int size;

        int indexOf(int item) {
            for (int i = size - 1; i >= 0; i--) {
                if (items[i] == item) {
                    return i;
                }
            }
            return -1;
        }

        void removeAt(int index) {
            System.arraycopy(items, index + 1, items, index, size - index - 1);
            System.arraycopy(times, index + 1, times, index, size - index - 1);
            size--;
        }

        /** Puts the item where its time places it (at the end for the newest), at most {@code limit} kept. */
        void touch(int item, int time, int limit) {
            int existing = indexOf(item);
            if (existing >= 0) {
                if (times[existing] > time) {
                    return;
                }
                removeAt(existing);
            }
            int at = size;
            while (at > 0 && times[at - 1] > time) {
                at--;
            }
            if (size == limit) {
                if (at == 0) {
                    return;
                }
                removeAt(0);
                at--;
            }
            if (size == items.length) {
                int capacity = Math.min(limit, Math.max(4, size * 2));
                items = Arrays.copyOf(items, capacity);
                times = Arrays.copyOf(times, capacity);
            }
            System.arraycopy(items, at, items, at + 1, size - at);
            System.arraycopy(times, at, times, at + 1, size - at);
            items[at] = item;
            times[at] = time;
            size++;
        }

        /** Removes the item if it was touched no later than {@code time}. */
        void removeIfNotLater(int item, int time) {
            int index = indexOf(item);
            if (index >= 0 && times[index] <= time) {
                removeAt(index);
            }
        }

        List<String> newestFirst(Symbols products) {
            List<String> list = new ArrayList<>(size);
            for (int i = size - 1; i >= 0; i--) {
                list.add(products.name(items[i]));
            }
            return list;
        }
    }

    static int seconds(long millis) {
        long seconds = Math.floorDiv(millis, 1000) - EPOCH_SECONDS;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, seconds));
    }

    static long millis(int seconds) {
        return (seconds + EPOCH_SECONDS) * 1000;
    }

    /** Applies one event (in log order). */
    synchronized void apply(AppliedEvent event, ProfileSettings settings) {
        remember(event, settings.recentEvents());
        count(event.type, 1);
        // Events normally arrive in time order; an older one (a late upload) must not look newest.
        firstSeen = Math.min(firstSeen, event.time);
        lastSeen = Math.max(lastSeen, event.time);
        int time = seconds(event.time);
        if (event.weight > 0) {
            double halfLife = settings.affinityHalfLife().toMillis();
            for (int i = 0; i < event.itemCount; i++) {
                for (int key : event.affinityKeys[i]) {
                    addAffinity(key, event.weight, event.time, halfLife, settings.maxAffinityValues());
                }
            }
        }
        switch (event.kind) {
            case PURCHASE -> {
                recordPurchase(time, event.revenue);
                for (int i = 0; i < event.itemCount; i++) {
                    if (cart != null) {
                        cart.removeIfNotLater(event.items[i], time);
                    }
                    purchased = touch(purchased, event.items[i], time, settings.recentProducts());
                }
            }
            case ADD_TO_CART -> {
                for (int i = 0; i < event.itemCount; i++) {
                    cart = touch(cart, event.items[i], time, ProfileSettings.MAX_CART_PRODUCTS);
                }
            }
            case REMOVE_FROM_CART -> {
                for (int i = 0; i < event.itemCount && cart != null; i++) {
                    cart.removeIfNotLater(event.items[i], time);
                }
            }
            case VIEW -> {
                for (int i = 0; i < event.itemCount; i++) {
                    viewed = touch(viewed, event.items[i], time, settings.recentProducts());
                }
            }
            case OTHER -> { }
        }
    }

    private static RecentItems touch(RecentItems list, int item, int time, int limit) {
        if (limit == 0) {
            return list;
        }
        RecentItems target = list == null ? new RecentItems() : list;
        target.touch(item, time, limit);
        return target;
    }

    private void remember(AppliedEvent event, int limit) {
        if (limit == 0) {
            return;
        }
        if (recentSeq == null || (recentSize == recentSeq.length && recentSize < limit)) {
            growRecent(Math.min(limit, recentSeq == null ? 4 : recentSeq.length * 2));
        }
        int slot = recentHead;
        recentSeq[slot] = event.seq;
        recentTime[slot] = event.time;
        recentType[slot] = event.type;
        recentCatalog[slot] = event.catalog;
        if (event.itemCount <= 1) {
            recentItem[slot] = event.itemCount == 0 ? AppliedEvent.NO_ITEM : event.items[0];
            if (recentItems != null) {
                recentItems[slot] = null;
            }
        } else {
            if (recentItems == null) {
                recentItems = new int[recentSeq.length][];
            }
            recentItem[slot] = MULTIPLE_ITEMS;
            recentItems[slot] = Arrays.copyOf(event.items, event.itemCount);
        }
        recentHead = (recentHead + 1) % recentSeq.length;
        recentSize = Math.min(recentSize + 1, recentSeq.length);
    }

    /** Grows the ring, laying it out oldest first from slot 0. */
    private void growRecent(int capacity) {
        long[] seq = new long[capacity];
        long[] time = new long[capacity];
        int[] type = new int[capacity];
        int[] catalog = new int[capacity];
        int[] item = new int[capacity];
        int[][] items = recentItems == null ? null : new int[capacity][];
        for (int i = 0; i < recentSize; i++) {
            int from = slot(recentSize - 1 - i);
            seq[i] = recentSeq[from];
            time[i] = recentTime[from];
            type[i] = recentType[from];
            catalog[i] = recentCatalog[from];
            item[i] = recentItem[from];
            if (items != null) {
                items[i] = recentItems[from];
            }
        }
        recentSeq = seq;
        recentTime = time;
        recentType = type;
        recentCatalog = catalog;
        recentItem = item;
        recentItems = items;
        recentHead = recentSize % capacity;
    }

    /** Ring slot of the n-th newest event (0 = newest). */
    private int slot(int newest) {
        int length = recentSeq.length;
        return ((recentHead - 1 - newest) % length + length) % length;
    }

    private void count(int type, int n) {
        for (int i = 0; i < countsSize; i += 2) {
            if (counts[i] == type) {
                counts[i + 1] += n;
                return;
            }
        }
        if (countsSize == counts.length) {
            counts = Arrays.copyOf(counts, counts.length * 2);
        }
        counts[countsSize] = type;
        counts[countsSize + 1] = n;
        countsSize += 2;
    }

    private void addAffinity(int key, double weight, long time, double halfLife, int maxValues) {
        if (affinityKeys == null) {
            affinityKeys = new int[8];
            affinityScores = new float[8];
            affinityBase = time;
        }
        double exponent = (time - affinityBase) / halfLife;
        if (exponent > REBASE_AT) {
            rebase(time, halfLife);
            exponent = 0;
        }
        double scaled = weight * Math.pow(2, exponent);
        for (int i = 0; i < affinitySize; i++) {
            if (affinityKeys[i] == key) {
                affinityScores[i] += (float) scaled;
                return;
            }
        }
        if (affinitySize == maxValues) {
            int weakest = 0;
            for (int i = 1; i < affinitySize; i++) {
                if (affinityScores[i] < affinityScores[weakest]) {
                    weakest = i;
                }
            }
            if (affinityScores[weakest] < scaled) {
                affinityKeys[weakest] = key;
                affinityScores[weakest] = (float) scaled;
            }
            return;
        }
        if (affinitySize == affinityKeys.length) {
            int capacity = Math.min(maxValues, affinitySize * 2);
            affinityKeys = Arrays.copyOf(affinityKeys, capacity);
            affinityScores = Arrays.copyOf(affinityScores, capacity);
        }
        affinityKeys[affinitySize] = key;
        affinityScores[affinitySize] = (float) scaled;
        affinitySize++;
    }

    private void rebase(long time, double halfLife) {
        float factor = (float) Math.pow(2, -(time - affinityBase) / halfLife);
        for (int i = 0; i < affinitySize; i++) {
            affinityScores[i] *= factor;
        }
        affinityBase = time;
    }

    private void recordPurchase(int time, double revenue) {
        spend += revenue;
        lastPurchase = Math.max(lastPurchase, millis(time));
        if (purchases == null) {
            purchases = new int[2];
        }
        int horizon = seconds(lastPurchase - 90 * DAY_MILLIS);
        int kept = 0;
        for (int i = 0; i < purchasesSize; i++) {
            if (purchases[i] >= horizon) {
                purchases[kept++] = purchases[i];
            }
        }
        purchasesSize = kept;
        if (time < horizon) {
            return;
        }
        if (purchasesSize == ProfileSettings.MAX_COUNTED_PURCHASES) {
            System.arraycopy(purchases, 1, purchases, 0, --purchasesSize);
        }
        if (purchasesSize == purchases.length) {
            purchases = Arrays.copyOf(purchases, Math.min(ProfileSettings.MAX_COUNTED_PURCHASES, purchasesSize * 2));
        }
        int at = purchasesSize;
        while (at > 0 && purchases[at - 1] > time) {
            at--;
        }
        System.arraycopy(purchases, at, purchases, at + 1, purchasesSize - at);
        purchases[at] = time;
        purchasesSize++;
    }

    /** Takes over another person's state when identities are merged. */
    synchronized void absorb(Profile other, ProfileSettings settings) {
        synchronized (other) {
            for (int i = 0; i < other.countsSize; i += 2) {
                count(other.counts[i], other.counts[i + 1]);
            }
            firstSeen = Math.min(firstSeen, other.firstSeen);
            lastSeen = Math.max(lastSeen, other.lastSeen);
            double halfLife = settings.affinityHalfLife().toMillis();
            for (int i = 0; i < other.affinitySize; i++) {
                // other's score is scaled to its base: as a weight at that time it adds the same amount.
                addAffinity(other.affinityKeys[i], other.affinityScores[i], other.affinityBase, halfLife,
                        settings.maxAffinityValues());
            }
            for (int i = 0; i < other.purchasesSize; i++) {
                recordPurchase(other.purchases[i], 0);
            }
            spend += other.spend;
            lastPurchase = Math.max(lastPurchase, other.lastPurchase);
            viewed = mergeItems(viewed, other.viewed, settings.recentProducts());
            purchased = mergeItems(purchased, other.purchased, settings.recentProducts());
            cart = mergeItems(cart, other.cart, ProfileSettings.MAX_CART_PRODUCTS);
            mergeRecent(other, settings.recentEvents());
        }
    }

    private static RecentItems mergeItems(RecentItems into, RecentItems from, int limit) {
        if (from == null) {
            return into;
        }
        for (int i = 0; i < from.size; i++) {
            into = touch(into, from.items[i], from.times[i], limit);
        }
        return into;
    }

    /** The recent events of both, newest first by time, then by log position. */
    private void mergeRecent(Profile other, int limit) {
        List<RecentEvent> events = new ArrayList<>(recentSize + other.recentSize);
        collectRecent(events);
        other.collectRecent(events);
        events.sort(Comparator.comparingLong(RecentEvent::time).thenComparingLong(RecentEvent::seq));
        recentSeq = null;
        recentItems = null;
        recentHead = 0;
        recentSize = 0;
        AppliedEvent replay = new AppliedEvent();
        for (RecentEvent event : events.subList(Math.max(0, events.size() - limit), events.size())) {
            replay.seq = event.seq();
            replay.time = event.time();
            replay.type = event.type();
            replay.catalog = event.catalog();
            replay.items(event.items().length);
            System.arraycopy(event.items(), 0, replay.items, 0, event.items().length);
            remember(replay, limit);
        }
    }

    private record RecentEvent(long seq, long time, int type, int catalog, int[] items) {
    }

    private void collectRecent(List<RecentEvent> into) {
        for (int i = 0; i < recentSize; i++) {
            int slot = slot(i);
            into.add(new RecentEvent(recentSeq[slot], recentTime[slot], recentType[slot], recentCatalog[slot],
                    itemsAt(slot)));
        }
    }

    private int[] itemsAt(int slot) {
        int item = recentItem[slot];
        if (item == MULTIPLE_ITEMS) {
            return recentItems[slot];
        }
        return item == AppliedEvent.NO_ITEM ? new int[0] : new int[] {item};
    }

    /** Affinity keys with their scores at {@code now}, strongest first; at most {@code limit}. */
    synchronized List<Map.Entry<Integer, Double>> strongestAffinities(long now, double halfLife, int limit) {
        List<Map.Entry<Integer, Double>> list = new ArrayList<>(affinitySize);
        double scale = Math.pow(2, -(now - affinityBase) / halfLife);
        for (int i = 0; i < affinitySize; i++) {
            list.add(Map.entry(affinityKeys[i], affinityScores[i] * scale));
        }
        list.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    /** Recently viewed product symbols, newest first. */
    synchronized int[] recentlyViewed() {
        return newestFirst(viewed);
    }

    synchronized int[] recentlyPurchased() {
        return newestFirst(purchased);
    }

    synchronized int[] cart() {
        return newestFirst(cart);
    }

    private static int[] newestFirst(RecentItems list) {
        if (list == null) {
            return new int[0];
        }
        int[] items = new int[list.size];
        for (int i = 0; i < list.size; i++) {
            items[i] = list.items[list.size - 1 - i];
        }
        return items;
    }

    /** Everything about the person as of {@code now}. */
    synchronized ProfileSnapshot snapshot(long personId, Instant now, ProfileSettings settings, Symbols names,
                                          Symbols products) {
        long nowMillis = now.toEpochMilli();
        Map<String, List<ProfileSnapshot.Affinity>> affinities = new TreeMap<>();
        for (Map.Entry<Integer, Double> entry : strongestAffinities(nowMillis, settings.affinityHalfLife().toMillis(),
                Integer.MAX_VALUE)) {
            String key = names.name(entry.getKey());
            int split = key.indexOf('\u001F');
            affinities.computeIfAbsent(key.substring(0, split), a -> new ArrayList<>())
                    .add(new ProfileSnapshot.Affinity(key.substring(split + 1), entry.getValue()));
        }
        affinities.replaceAll((attribute, list) -> List.copyOf(list));
        int in30 = 0;
        int in90 = 0;
        for (int i = 0; i < purchasesSize; i++) {
            long age = nowMillis - millis(purchases[i]);
            if (age <= 90 * DAY_MILLIS) {
                in90++;
                if (age <= 30 * DAY_MILLIS) {
                    in30++;
                }
            }
        }
        Double daysSinceLastPurchase = lastPurchase == Long.MIN_VALUE ? null
                : (double) Math.max(0, nowMillis - lastPurchase) / DAY_MILLIS;
        Map<String, Long> countsByType = new TreeMap<>();
        for (int i = 0; i < countsSize; i += 2) {
            countsByType.put(names.name(counts[i]), (long) counts[i + 1]);
        }
        List<ProfileSnapshot.RecentEvent> recent = new ArrayList<>(recentSize);
        for (int i = 0; i < recentSize; i++) {
            int slot = slot(i);
            List<String> items = new ArrayList<>(1);
            for (int item : itemsAt(slot)) {
                items.add(products.name(item));
            }
            recent.add(new ProfileSnapshot.RecentEvent(recentSeq[slot], names.name(recentType[slot]),
                    Instant.ofEpochMilli(recentTime[slot]),
                    recentCatalog[slot] < 0 ? null : names.name(recentCatalog[slot]), List.copyOf(items)));
        }
        return new ProfileSnapshot(personId, List.copyOf(recent), countsByType,
                firstSeen == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstSeen),
                lastSeen == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastSeen), affinities,
                new ProfileSnapshot.Rfm(daysSinceLastPurchase, in30, in90, spend),
                viewed == null ? List.of() : viewed.newestFirst(products),
                purchased == null ? List.of() : purchased.newestFirst(products),
                cart == null ? List.of() : cart.newestFirst(products));
    }
}
