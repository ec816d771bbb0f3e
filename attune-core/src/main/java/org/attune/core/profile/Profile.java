package org.attune.core.profile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * The live state of one person, updated event by event, in a compact form: every id is an
 * interned int, times are seconds, and collections are plain arrays that grow to their
 * bounds. Beyond its recent events a profile takes well under a kilobyte of heap
 * (measured by {@code attune-bench profiles}, figures in {@code docs/benchmarks.md}).
 *
 * <p>Affinity scores decay exponentially with one half-life. Instead of decaying every
 * score at every event, a score is kept scaled to a reference time {@code affinityBase}:
 * an event at time t adds {@code weight * 2^((t - base) / halfLife)}, and reading divides
 * by {@code 2^((now - base) / halfLife)}. Adding and reading stay O(1) per value, and the
 * order of values never changes without an event. When the scale grows large the scores
 * are rebased. Time differences are taken in double arithmetic (two epoch times far apart
 * overflow a long), and a reading never grows a score by more than
 * {@link #MAX_READ_GROWTH} half-lives, so scores stay finite whatever times the log holds.
 * Each value is one long: the key's symbol in the high half, the float score's
 * bits in the low half.
 *
 * <p>The product lists (recently viewed, recently purchased, cart) are int arrays holding
 * their size, then (product, seconds) pairs, oldest first.
 *
 * <p>Thread-safe: updates and reads synchronise on the profile.
 */
final class Profile {
    private static final long DAY_MILLIS = 86_400_000L;
    /** Times in the product lists are seconds since 2000-01-01 in an int (good until 2068). */
    private static final long EPOCH_SECONDS = 946_684_800L;
    private static final double REBASE_AT = 40;
    /** The most half-lives a reading may scale a score up by (a reference time ahead of now). */
    static final double MAX_READ_GROWTH = 64;
    /** Spend saturates here instead of becoming Infinity. */
    static final double MAX_SPEND = Double.MAX_VALUE;

    private RecentEvents recent;
    /** Pairs of (type symbol, count). */
    private int[] counts;
    /** Whether any event was applied: {@code firstSeen} and {@code lastSeen} are valid only then. */
    private boolean seen;
    private long firstSeen;
    private long lastSeen;

    private long[] affinities;
    private int affinitySize;
    private long affinityBase;

    /** Purchase times (seconds), oldest first, within 90 days of the latest. */
    private int[] purchases;
    private int purchasesSize;
    /** Whether a purchase was recorded: {@code lastPurchase} is valid only then. */
    private boolean purchasedOnce;
    private long lastPurchase;
    private double spend;

    private int[] viewed;
    private int[] purchased;
    private int[] cart;

    static int seconds(long millis) {
        long seconds = Math.floorDiv(millis, 1000) - EPOCH_SECONDS;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, seconds));
    }

    static long millis(int seconds) {
        return (seconds + EPOCH_SECONDS) * 1000;
    }

    /** Applies one event (in log order). */
    synchronized void apply(AppliedEvent event, ProfileSettings settings) {
        if (settings.recentEvents() > 0) {
            if (recent == null) {
                recent = new RecentEvents(settings.recentEvents());
            }
            recent.add(event, settings.recentEvents());
        }
        count(event.type, 1);
        // Events normally arrive in time order; an older one (a late upload) must not look newest.
        seen(event.time, event.time);
        int time = seconds(event.time);
        if (event.weight > 0) {
            double scaled = scaledWeight(event.weight, event.time, settings.affinityHalfLife().toMillis());
            for (int i = 0; i < event.itemCount; i++) {
                for (int key : event.affinityKeys[i]) {
                    addAffinity(key, scaled, settings.maxAffinityValues());
                }
            }
        }
        int limit = settings.recentProducts();
        switch (event.kind) {
            case PURCHASE -> {
                recordPurchase(time, event.revenue);
                for (int i = 0; i < event.itemCount; i++) {
                    removeIfNotLater(cart, event.items[i], time);
                    purchased = touch(purchased, event.items[i], time, ProfileSettings.MAX_PURCHASED_PRODUCTS);
                }
            }
            case ADD_TO_CART -> {
                for (int i = 0; i < event.itemCount; i++) {
                    cart = touch(cart, event.items[i], time, ProfileSettings.MAX_CART_PRODUCTS);
                }
            }
            case REMOVE_FROM_CART -> {
                for (int i = 0; i < event.itemCount; i++) {
                    removeIfNotLater(cart, event.items[i], time);
                }
            }
            case VIEW -> {
                for (int i = 0; i < event.itemCount; i++) {
                    viewed = touch(viewed, event.items[i], time, limit);
                }
            }
            case OTHER -> { }
        }
    }

    private void seen(long first, long last) {
        firstSeen = seen ? Math.min(firstSeen, first) : first;
        lastSeen = seen ? Math.max(lastSeen, last) : last;
        seen = true;
    }

    private void count(int type, int n) {
        if (counts == null) {
            counts = new int[4];
        }
        int i = 0;
        for (; i < counts.length && (counts[i] != 0 || counts[i + 1] != 0); i += 2) {
            if (counts[i] == type) {
                counts[i + 1] += n;
                return;
            }
        }
        if (i == counts.length) {
            counts = Arrays.copyOf(counts, counts.length + 4);
        }
        counts[i] = type;
        counts[i + 1] = n;
    }

    /** The weight as it counts against {@code affinityBase}, rebasing first when the scale grows large. */
    private double scaledWeight(double weight, long time, double halfLife) {
        if (affinities == null) {
            affinities = new long[8];
            affinityBase = time;
        }
        double exponent = ((double) time - (double) affinityBase) / halfLife;
        if (exponent > REBASE_AT) {
            float factor = (float) Math.pow(2, -exponent);
            for (int i = 0; i < affinitySize; i++) {
                affinities[i] = pack(key(affinities[i]), score(affinities[i]) * factor);
            }
            affinityBase = time;
            exponent = 0;
        }
        return weight * Math.pow(2, exponent);
    }

    private static long pack(int key, float score) {
        return ((long) key << 32) | (Float.floatToRawIntBits(score) & 0xFFFF_FFFFL);
    }

    private static int key(long value) {
        return (int) (value >>> 32);
    }

    private static float score(long value) {
        return Float.intBitsToFloat((int) value);
    }

    private void addAffinity(int key, double scaled, int maxValues) {
        for (int i = 0; i < affinitySize; i++) {
            if (key(affinities[i]) == key) {
                affinities[i] = pack(key, (float) (score(affinities[i]) + scaled));
                return;
            }
        }
        if (affinitySize == maxValues) {
            int weakest = 0;
            for (int i = 1; i < affinitySize; i++) {
                if (score(affinities[i]) < score(affinities[weakest])) {
                    weakest = i;
                }
            }
            if (score(affinities[weakest]) < scaled) {
                affinities[weakest] = pack(key, (float) scaled);
            }
            return;
        }
        if (affinitySize == affinities.length) {
            affinities = Arrays.copyOf(affinities, Math.min(maxValues, affinitySize * 2));
        }
        affinities[affinitySize++] = pack(key, (float) scaled);
    }

    private void recordPurchase(int time, double revenue) {
        addSpend(revenue);
        lastPurchase = purchasedOnce ? Math.max(lastPurchase, millis(time)) : millis(time);
        purchasedOnce = true;
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

    /** Adds to spend, ignoring a value that is not a number and saturating instead of overflowing. */
    private void addSpend(double amount) {
        if (Double.isFinite(amount)) {
            spend = Math.max(-MAX_SPEND, Math.min(MAX_SPEND, spend + amount));
        }
    }

    // Product lists: list[0] is the size n; list[1 + 2i] the product, list[2 + 2i] its time, oldest first.

    private static int indexOf(int[] list, int item) {
        for (int i = list[0] - 1; i >= 0; i--) {
            if (list[1 + 2 * i] == item) {
                return i;
            }
        }
        return -1;
    }

    private static void removeAt(int[] list, int index) {
        int size = list[0];
        System.arraycopy(list, 1 + 2 * (index + 1), list, 1 + 2 * index, 2 * (size - index - 1));
        list[0] = size - 1;
    }

    /**
     * Puts the item where its time places it (at the end for the newest), keeping at most
     * {@code limit}; returns the list, grown or created when needed.
     */
    private static int[] touch(int[] list, int item, int time, int limit) {
        if (limit == 0) {
            return list;
        }
        if (list == null) {
            list = new int[1 + 2 * Math.min(limit, 2)];
        }
        int existing = indexOf(list, item);
        if (existing >= 0) {
            if (list[2 + 2 * existing] > time) {
                return list;
            }
            removeAt(list, existing);
        }
        int size = list[0];
        int at = size;
        while (at > 0 && list[2 + 2 * (at - 1)] > time) {
            at--;
        }
        if (size == limit) {
            if (at == 0) {
                return list;
            }
            removeAt(list, 0);
            size--;
            at--;
        }
        if (1 + 2 * size == list.length) {
            list = Arrays.copyOf(list, 1 + 2 * Math.min(limit, size * 2));
        }
        System.arraycopy(list, 1 + 2 * at, list, 1 + 2 * (at + 1), 2 * (size - at));
        list[1 + 2 * at] = item;
        list[2 + 2 * at] = time;
        list[0] = size + 1;
        return list;
    }

    /** Removes the item if it was touched no later than {@code time}. */
    private static void removeIfNotLater(int[] list, int item, int time) {
        if (list == null) {
            return;
        }
        int index = indexOf(list, item);
        if (index >= 0 && list[2 + 2 * index] <= time) {
            removeAt(list, index);
        }
    }

    private static int[] merge(int[] into, int[] from, int limit) {
        for (int i = 0; from != null && i < from[0]; i++) {
            into = touch(into, from[1 + 2 * i], from[2 + 2 * i], limit);
        }
        return into;
    }

    private static int[] newestFirst(int[] list) {
        return newestFirst(list, Integer.MAX_VALUE);
    }

    private static int[] newestFirst(int[] list, int max) {
        if (list == null) {
            return new int[0];
        }
        int size = list[0];
        int[] items = new int[Math.min(size, max)];
        for (int i = 0; i < items.length; i++) {
            items[i] = list[1 + 2 * (size - 1 - i)];
        }
        return items;
    }

    /** Takes over another person's state when identities are merged. */
    synchronized void absorb(Profile other, ProfileSettings settings) {
        synchronized (other) {
            for (int i = 0; other.counts != null && i < other.counts.length; i += 2) {
                if (other.counts[i] != 0 || other.counts[i + 1] != 0) {
                    count(other.counts[i], other.counts[i + 1]);
                }
            }
            if (other.seen) {
                seen(other.firstSeen, other.lastSeen);
            }
            double halfLife = settings.affinityHalfLife().toMillis();
            for (int i = 0; i < other.affinitySize; i++) {
                // other's score is scaled to its base: as a weight at that time it adds the same amount.
                double scaled = scaledWeight(score(other.affinities[i]), other.affinityBase, halfLife);
                addAffinity(key(other.affinities[i]), scaled, settings.maxAffinityValues());
            }
            for (int i = 0; i < other.purchasesSize; i++) {
                recordPurchase(other.purchases[i], 0);
            }
            addSpend(other.spend);
            if (other.purchasedOnce) {
                lastPurchase = purchasedOnce ? Math.max(lastPurchase, other.lastPurchase) : other.lastPurchase;
                purchasedOnce = true;
            }
            viewed = merge(viewed, other.viewed, settings.recentProducts());
            purchased = merge(purchased, other.purchased, ProfileSettings.MAX_PURCHASED_PRODUCTS);
            cart = merge(cart, other.cart, ProfileSettings.MAX_CART_PRODUCTS);
            if (settings.recentEvents() > 0 && (recent != null || other.recent != null)) {
                recent = RecentEvents.merge(recent, other.recent, settings.recentEvents());
            }
        }
    }

    /** Affinity keys with their scores at {@code now}, strongest first; at most {@code limit}. */
    synchronized List<Map.Entry<Integer, Double>> strongestAffinities(long now, double halfLife, int limit) {
        List<Map.Entry<Integer, Double>> list = new ArrayList<>(affinitySize);
        double scale = Math.pow(2, Math.min(MAX_READ_GROWTH, -((double) now - (double) affinityBase) / halfLife));
        for (int i = 0; i < affinitySize; i++) {
            list.add(Map.entry(key(affinities[i]), score(affinities[i]) * scale));
        }
        list.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        return list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    /** The remembered events, newest first. */
    synchronized List<RecentEvents.Entry> recentEntries() {
        List<RecentEvents.Entry> entries = new ArrayList<>(recent == null ? 0 : recent.size());
        for (int i = 0; recent != null && i < recent.size(); i++) {
            entries.add(recent.get(i));
        }
        return entries;
    }

    /** Recently viewed product symbols, newest first. */
    synchronized int[] recentlyViewed() {
        return newestFirst(viewed);
    }

    /** Product symbols viewed at or after {@code sinceMillis}, newest first. */
    synchronized int[] viewedSince(long sinceMillis) {
        int since = seconds(sinceMillis);
        int size = viewed == null ? 0 : viewed[0];
        int from = size;
        while (from > 0 && viewed[2 + 2 * (from - 1)] >= since) {
            from--;
        }
        int[] items = new int[size - from];
        for (int i = 0; i < items.length; i++) {
            items[i] = viewed[1 + 2 * (size - 1 - i)];
        }
        return items;
    }

    /** The newest {@code max} of the products bought, newest first. */
    synchronized int[] recentlyPurchased(int max) {
        return newestFirst(purchased, max);
    }

    /** Every product bought (up to {@link ProfileSettings#MAX_PURCHASED_PRODUCTS}, the newest), newest first. */
    synchronized int[] purchased() {
        return newestFirst(purchased);
    }

    synchronized int[] cart() {
        return newestFirst(cart);
    }

    /** Everything about the person as of {@code now}. */
    synchronized ProfileSnapshot snapshot(long personId, Instant now, ProfileSettings settings, Symbols names,
                                          Symbols catalogs, Symbols products) {
        long nowMillis = now.toEpochMilli();
        Map<String, List<ProfileSnapshot.Affinity>> byAttribute = new TreeMap<>();
        for (Map.Entry<Integer, Double> entry : strongestAffinities(nowMillis, settings.affinityHalfLife().toMillis(),
                Integer.MAX_VALUE)) {
            String key = names.name(entry.getKey());
            int split = key.indexOf('\u001F');
            byAttribute.computeIfAbsent(key.substring(0, split), a -> new ArrayList<>())
                    .add(new ProfileSnapshot.Affinity(key.substring(split + 1), entry.getValue()));
        }
        byAttribute.replaceAll((attribute, list) -> List.copyOf(list));
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
        Double daysSinceLastPurchase = !purchasedOnce ? null
                : (double) Math.max(0, nowMillis - lastPurchase) / DAY_MILLIS;
        Map<String, Long> countsByType = new TreeMap<>();
        for (int i = 0; counts != null && i < counts.length; i += 2) {
            if (counts[i] != 0 || counts[i + 1] != 0) {
                countsByType.put(names.name(counts[i]), (long) counts[i + 1]);
            }
        }
        List<ProfileSnapshot.RecentEvent> recentEvents = new ArrayList<>(recent == null ? 0 : recent.size());
        for (int i = 0; recent != null && i < recent.size(); i++) {
            RecentEvents.Entry e = recent.get(i);
            recentEvents.add(new ProfileSnapshot.RecentEvent(e.seq(), names.name(e.type()),
                    Instant.ofEpochMilli(e.time()), e.catalog() < 0 ? null : catalogs.name(e.catalog()),
                    names(e.items(), products)));
        }
        return new ProfileSnapshot(personId, List.copyOf(recentEvents), countsByType,
                seen ? Instant.ofEpochMilli(firstSeen) : null,
                seen ? Instant.ofEpochMilli(lastSeen) : null, byAttribute,
                new ProfileSnapshot.Rfm(daysSinceLastPurchase, in30, in90, spend),
                names(newestFirst(viewed), products), names(newestFirst(purchased, settings.recentProducts()), products),
                names(newestFirst(cart), products));
    }

    private static List<String> names(int[] symbols, Symbols table) {
        List<String> list = new ArrayList<>(symbols.length);
        for (int symbol : symbols) {
            list.add(table.name(symbol));
        }
        return List.copyOf(list);
    }

    /** Writes the whole state, arrays with their spare room, so that a restored profile is the same. */
    synchronized void save(SnapshotOutput out) throws IOException {
        out.writeBoolean(recent != null);
        if (recent != null) {
            recent.save(out);
        }
        out.writeInts(counts);
        out.writeBoolean(seen);
        out.writeLong(firstSeen);
        out.writeLong(lastSeen);
        out.writeLongs(affinities);
        out.writeInt(affinitySize);
        out.writeLong(affinityBase);
        out.writeInts(purchases);
        out.writeInt(purchasesSize);
        out.writeBoolean(purchasedOnce);
        out.writeLong(lastPurchase);
        out.writeDouble(spend);
        out.writeInts(viewed);
        out.writeInts(purchased);
        out.writeInts(cart);
    }

    static Profile restore(SnapshotInput in) throws IOException {
        Profile profile = new Profile();
        if (in.readBoolean()) {
            profile.recent = RecentEvents.restore(in);
        }
        profile.counts = in.readInts();
        profile.seen = in.readBoolean();
        profile.firstSeen = in.readLong();
        profile.lastSeen = in.readLong();
        profile.affinities = in.readLongs();
        profile.affinitySize = in.readInt();
        profile.affinityBase = in.readLong();
        profile.purchases = in.readInts();
        profile.purchasesSize = in.readInt();
        profile.purchasedOnce = in.readBoolean();
        profile.lastPurchase = in.readLong();
        profile.spend = in.readDouble();
        profile.viewed = in.readInts();
        profile.purchased = in.readInts();
        profile.cart = in.readInts();
        int affinityRoom = profile.affinities == null ? 0 : profile.affinities.length;
        if (profile.affinitySize < 0 || profile.affinitySize > affinityRoom || profile.purchasesSize < 0
                || profile.purchasesSize > (profile.purchases == null ? 0 : profile.purchases.length)
                || (profile.counts != null && profile.counts.length % 2 != 0)
                || !validList(profile.viewed) || !validList(profile.purchased) || !validList(profile.cart)) {
            throw new IOException("a profile is damaged");
        }
        return profile;
    }

    private static boolean validList(int[] list) {
        return list == null || (list.length >= 1 && list[0] >= 0 && 1 + 2L * list[0] <= list.length);
    }
}
