package org.attune.core.popularity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.event.Event;
import org.attune.core.profile.ProductFacts;
import org.attune.core.profile.Symbols;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;
import org.attune.core.snapshot.SnapshotPart;

/**
 * Time-decayed popularity per catalog, kept live from durable events: a trending score
 * (every event weighted by its type, as for affinities, halving every
 * {@link RecommendationSettings#trendingHalfLife()}) and a sales score (purchases, halving every
 * {@link RecommendationSettings#salesHalfLife()}).
 *
 * <p>Scores are kept scaled to a per-catalog reference time (see {@code Profile}): all
 * products decay at the same rate, so their order changes only when events arrive, and
 * rankings are rebuilt by {@link #refresh} only then. Events are applied on one thread
 * (the fanout or the replay); {@link #refresh} runs on a scheduler; readers take the
 * latest immutable {@link Ranking}. Thread-safe.
 */
public final class Popularity {
    private static final double REBASE_AT = 40;
    /**
     * The most a score may grow when read: a reference time far ahead of the reading (an
     * event from the far future, which ingestion now refuses but an old log may hold) would
     * otherwise scale scores to Infinity. 64 half-lives keeps every float score finite.
     */
    static final double MAX_READ_GROWTH = 64;

    private final CatalogService catalogs;
    private final ProductFacts facts;
    private final RecommendationSettings settings;
    private final String purchaseType;
    private final Symbols products = new Symbols();
    private final Map<String, CatalogPopularity> byCatalog = new ConcurrentHashMap<>();

    /**
     * A catalog's products in popularity order, immutable.
     *
     * @param trending products with any trending score, strongest first
     * @param trendingScores their scaled scores (see {@link #trendingScore})
     * @param bestSellers every live product of the catalog: by sales score, then trending score, then id
     * @param affinityKeys for each best seller, its affinity keys
     * @param postings for each affinity key, the indexes in {@code bestSellers} of the products
     *     having it, ascending (best sellers first)
     * @param base reference time of the scaled trending scores, epoch ms
     * @param trendingHalfLifeMillis the half-life they decay with
     */
    public record Ranking(String[] trending, float[] trendingScores, String[] bestSellers, int[][] affinityKeys,
                          Map<Integer, int[]> postings, long base, double trendingHalfLifeMillis) {
        static final Ranking EMPTY = new Ranking(new String[0], new float[0], new String[0], new int[0][],
                Map.of(), 0, 1);

        /** The trending score of the i-th trending product at time {@code now}; always finite. */
        public double trendingScore(int i, long now) {
            return trendingScores[i] * Math.pow(2, Math.min(MAX_READ_GROWTH,
                    -halfLives(base, now, trendingHalfLifeMillis)));
        }
    }

    /** One catalog's scores; guarded by itself. */
    private static final class CatalogPopularity {
        float[] trending = new float[64];
        float[] sales = new float[64];
        /** Reference time of {@code trending}, valid once {@code hasTrendingBase}. */
        long trendingBase;
        boolean hasTrendingBase;
        /** Reference time of {@code sales}, valid once {@code hasSalesBase}. */
        long salesBase;
        boolean hasSalesBase;
        boolean trendingChanged;
        boolean salesChanged;
        long rankedRevision = -1;
        long bestSellersBuiltAt;
        volatile Ranking ranking = Ranking.EMPTY;

        void ensure(int product) {
            if (product >= trending.length) {
                int capacity = Math.max(product + 1, trending.length * 2);
                trending = Arrays.copyOf(trending, capacity);
                sales = Arrays.copyOf(sales, capacity);
            }
        }
    }

    /**
     * @param facts affinity keys of products (for top_affinity's index) and event weights
     * @param purchaseType the event type that counts as a sale
     */
    public Popularity(CatalogService catalogs, ProductFacts facts, RecommendationSettings settings,
                      String purchaseType) {
        this.catalogs = catalogs;
        this.facts = facts;
        this.settings = settings;
        this.purchaseType = purchaseType;
    }

    public RecommendationSettings settings() {
        return settings;
    }

    /** Applies durable events, in log order, from one thread. */
    public void applyAll(List<Event> events) {
        for (Event event : events) {
            apply(event);
        }
    }

    public void apply(Event event) {
        String catalog = event.catalog();
        if (catalog == null || event.itemIds().isEmpty()) {
            return;
        }
        double weight = facts.eventWeight(catalog, event.type());
        boolean sale = event.type().equals(purchaseType);
        if (weight <= 0 && !sale) {
            return;
        }
        CatalogPopularity state = byCatalog.computeIfAbsent(catalog, c -> new CatalogPopularity());
        synchronized (state) {
            long time = event.timestamp();
            double trendingScale = 0;
            if (weight > 0) {
                if (!state.hasTrendingBase) {
                    state.trendingBase = time;
                    state.hasTrendingBase = true;
                }
                double exponent = halfLives(state.trendingBase, time, settings.trendingHalfLife().toMillis());
                if (exponent > REBASE_AT) {
                    rebase(state.trending, exponent);
                    state.trendingBase = time;
                    exponent = 0;
                }
                trendingScale = weight * Math.pow(2, exponent);
                state.trendingChanged = true;
            }
            double salesScale = 0;
            if (sale) {
                if (!state.hasSalesBase) {
                    state.salesBase = time;
                    state.hasSalesBase = true;
                }
                double exponent = halfLives(state.salesBase, time, settings.salesHalfLife().toMillis());
                if (exponent > REBASE_AT) {
                    rebase(state.sales, exponent);
                    state.salesBase = time;
                    exponent = 0;
                }
                salesScale = Math.pow(2, exponent);
                state.salesChanged = true;
            }
            for (String item : event.itemIds()) {
                int product = products.id(item);
                state.ensure(product);
                state.trending[product] += (float) trendingScale;
                state.sales[product] += (float) salesScale;
            }
        }
    }

    /**
     * Half-lives from {@code from} to {@code to} (negative when {@code to} is earlier), in
     * double arithmetic: the difference of two epoch times far apart overflows a long.
     */
    static double halfLives(long from, long to, double halfLifeMillis) {
        return ((double) to - (double) from) / halfLifeMillis;
    }

    private static void rebase(float[] scores, double exponent) {
        float factor = (float) Math.pow(2, -exponent);
        for (int i = 0; i < scores.length; i++) {
            scores[i] *= factor;
        }
    }

    /** The latest ranking of a catalog, built on first use and then kept current by {@link #refresh}. */
    public Ranking ranking(String catalog) {
        CatalogPopularity state = byCatalog.get(catalog);
        if (state == null) {
            state = byCatalog.computeIfAbsent(catalog, c -> new CatalogPopularity());
        }
        if (state.rankedRevision == -1 && catalogs.exists(catalog)) {
            rebuild(catalog, state, System.nanoTime());
        }
        return state.ranking;
    }

    /**
     * Rebuilds the rankings that events or catalog changes have made stale: the trending
     * order on every call that follows new events, the best sellers and their index when the
     * catalog changed or, after new sales, at most every half second (and every 10 seconds to
     * follow trending, their tie-breaker).
     */
    public void refresh() {
        long now = System.nanoTime();
        for (Map.Entry<String, CatalogPopularity> entry : byCatalog.entrySet()) {
            if (catalogs.exists(entry.getKey())) {
                rebuild(entry.getKey(), entry.getValue(), now);
            }
        }
    }

    private void rebuild(String catalog, CatalogPopularity state, long nowNanos) {
        synchronized (this) {
            long revision = catalogs.revision(catalog);
            float[] trending;
            float[] sales;
            long base;
            boolean trendingDue;
            boolean bestSellersDue;
            synchronized (state) {
                bestSellersDue = revision != state.rankedRevision
                        || (state.salesChanged && nowNanos - state.bestSellersBuiltAt >= 500_000_000L)
                        || (state.trendingChanged && nowNanos - state.bestSellersBuiltAt >= 10_000_000_000L);
                trendingDue = state.trendingChanged || bestSellersDue;
                if (!trendingDue) {
                    return;
                }
                trending = Arrays.copyOf(state.trending, state.trending.length);
                sales = bestSellersDue ? Arrays.copyOf(state.sales, state.sales.length) : null;
                base = state.trendingBase;
                state.trendingChanged = false;
                if (bestSellersDue) {
                    state.salesChanged = false;
                    state.rankedRevision = revision;
                    state.bestSellersBuiltAt = nowNanos;
                }
            }
            Ranking previous = state.ranking;
            String[] trendingIds = previous.trending();
            float[] trendingScores = previous.trendingScores();
            if (trendingDue) {
                Integer[] order = ranked(trending);
                trendingIds = new String[order.length];
                trendingScores = new float[order.length];
                for (int i = 0; i < order.length; i++) {
                    trendingIds[i] = products.name(order[i]);
                    trendingScores[i] = trending[order[i]];
                }
            }
            String[] bestSellers = previous.bestSellers();
            int[][] keys = previous.affinityKeys();
            Map<Integer, int[]> postings = previous.postings();
            if (bestSellersDue) {
                bestSellers = bestSellers(catalog, sales, trending);
                keys = new int[bestSellers.length][];
                Map<Integer, List<Integer>> lists = new HashMap<>();
                for (int i = 0; i < bestSellers.length; i++) {
                    keys[i] = facts.affinityKeys(catalog, bestSellers[i]);
                    for (int key : keys[i]) {
                        lists.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                    }
                }
                postings = new HashMap<>(lists.size() * 2);
                for (Map.Entry<Integer, List<Integer>> entry : lists.entrySet()) {
                    postings.put(entry.getKey(), entry.getValue().stream().mapToInt(Integer::intValue).toArray());
                }
            }
            state.ranking = new Ranking(trendingIds, trendingScores, bestSellers, keys, Map.copyOf(postings), base,
                    settings.trendingHalfLife().toMillis());
        }
    }

    /** Product symbols with a positive score, highest first (ties by id for a stable order). */
    private Integer[] ranked(float[] scores) {
        List<Integer> positive = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                positive.add(i);
            }
        }
        positive.sort((a, b) -> {
            int byScore = Float.compare(scores[b], scores[a]);
            return byScore != 0 ? byScore : products.name(a).compareTo(products.name(b));
        });
        return positive.toArray(new Integer[0]);
    }

    private String[] bestSellers(String catalog, float[] sales, float[] trending) {
        List<Product> live = new ArrayList<>(catalogs.products(catalog));
        int n = live.size();
        String[] ids = new String[n];
        float[] salesOf = new float[n];
        float[] trendingOf = new float[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            ids[i] = live.get(i).id();
            int symbol = products.find(ids[i]);
            salesOf[i] = symbol >= 0 && symbol < sales.length ? sales[symbol] : 0;
            trendingOf[i] = symbol >= 0 && symbol < trending.length ? trending[symbol] : 0;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(salesOf[b], salesOf[a]);
            if (c == 0) {
                c = Float.compare(trendingOf[b], trendingOf[a]);
            }
            return c != 0 ? c : ids[a].compareTo(ids[b]);
        });
        String[] sorted = new String[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = ids[order[i]];
        }
        return sorted;
    }

    /**
     * The scores as a part of the state snapshots (rankings are rebuilt from them after a
     * restore). Saved while no event is applied.
     */
    public SnapshotPart snapshotPart() {
        return new SnapshotPart() {
            @Override
            public String name() {
                return "popularity";
            }

            @Override
            public String configuration() {
                return "v1 trendingHalfLife=" + settings.trendingHalfLife() + " salesHalfLife="
                        + settings.salesHalfLife() + " purchase=" + purchaseType;
            }

            @Override
            public void save(SnapshotOutput out) throws IOException {
                products.save(out);
                Map<String, CatalogPopularity> catalogsNow = Map.copyOf(byCatalog);
                out.writeInt(catalogsNow.size());
                for (Map.Entry<String, CatalogPopularity> entry : catalogsNow.entrySet()) {
                    CatalogPopularity state = entry.getValue();
                    synchronized (state) {
                        out.writeString(entry.getKey());
                        out.writeFloats(state.trending, state.trending.length);
                        out.writeFloats(state.sales, state.sales.length);
                        out.writeBoolean(state.hasTrendingBase);
                        out.writeLong(state.trendingBase);
                        out.writeBoolean(state.hasSalesBase);
                        out.writeLong(state.salesBase);
                    }
                }
            }

            @Override
            public void restore(SnapshotInput in) throws IOException {
                products.restore(in);
                int count = in.readCount(Integer.MAX_VALUE);
                for (int i = 0; i < count; i++) {
                    String catalog = in.readString();
                    CatalogPopularity state = new CatalogPopularity();
                    state.trending = in.readFloats();
                    state.sales = in.readFloats();
                    if (catalog == null || state.trending == null || state.sales == null
                            || state.trending.length != state.sales.length) {
                        throw new IOException("the popularity of a catalog is damaged");
                    }
                    state.hasTrendingBase = in.readBoolean();
                    state.trendingBase = in.readLong();
                    state.hasSalesBase = in.readBoolean();
                    state.salesBase = in.readLong();
                    state.trendingChanged = true;
                    state.salesChanged = true;
                    byCatalog.put(catalog, state);
                }
            }
        };
    }
}
