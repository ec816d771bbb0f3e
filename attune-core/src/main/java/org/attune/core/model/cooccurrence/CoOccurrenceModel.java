package org.attune.core.model.cooccurrence;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.attune.core.model.Interactions;
import org.attune.core.model.NeighborListScorer;

/**
 * Products seen together ("customers who viewed or bought this also..."): for each product,
 * its most related products with a score, from baskets (a person's interactions split into
 * sessions wherever {@code sessionGapMinutes} pass without one; data without times gives one
 * basket per person). Pairs are scored by Dunning's log-likelihood ratio ({@code llr}: how
 * unlikely seeing them together this often would be by chance; only pairs seen together
 * more often than chance) or by {@code cosine} (co-count over the square root of both
 * counts); pairs seen together fewer than {@code minSupport} times are ignored and at most
 * {@code maxNeighbors} are kept per product. A person's score for a product is the sum of
 * its scores as a neighbour of each of their products, each weighted by the person's value
 * for that product (how strongly, or how recently, they interacted with it). Immutable.
 */
public final class CoOccurrenceModel extends NeighborListScorer {

    private CoOccurrenceModel(int[][] neighbors, float[][] scores) {
        super(neighbors, scores);
    }

    /** Counts the baskets and keeps each product's best neighbours; products are done in parallel. */
    public static CoOccurrenceModel train(Interactions data, CoOccurrenceParams params) {
        int n = data.itemCount();
        List<int[]> baskets = baskets(data, params.sessionGapMinutes() * 60L);
        int[] basketCount = new int[n];
        List<List<Integer>> containing = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            containing.add(new ArrayList<>());
        }
        for (int b = 0; b < baskets.size(); b++) {
            for (int item : baskets.get(b)) {
                basketCount[item]++;
                containing.get(item).add(b);
            }
        }
        long total = baskets.size();
        boolean llr = params.measure().equals("llr");
        int[][] neighbors = new int[n][];
        float[][] scores = new float[n][];
        ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[n]);
        IntStream.range(0, n).parallel().forEach(a -> {
            int[] together = scratch.get();
            List<Integer> touched = new ArrayList<>();
            for (int b : containing.get(a)) {
                for (int other : baskets.get(b)) {
                    if (other != a && together[other]++ == 0) {
                        touched.add(other);
                    }
                }
            }
            int[] ids = new int[touched.size()];
            float[] values = new float[touched.size()];
            int kept = 0;
            for (int other : touched) {
                int k11 = together[other];
                together[other] = 0;
                if (k11 < params.minSupport()) {
                    continue;
                }
                double score = llr ? logLikelihoodRatio(k11, basketCount[a], basketCount[other], total)
                        : k11 / Math.sqrt((double) basketCount[a] * basketCount[other]);
                if (score > 0) {
                    ids[kept] = other;
                    values[kept++] = (float) score;
                }
            }
            keepBest(a, ids, values, kept, params.maxNeighbors(), neighbors, scores);
        });
        return new CoOccurrenceModel(neighbors, scores);
    }

    /** A person's products in time order, cut wherever more than {@code gapSeconds} pass; duplicates kept once. */
    private static List<int[]> baskets(Interactions data, long gapSeconds) {
        List<int[]> baskets = new ArrayList<>();
        for (int p = 0; p < data.personCount(); p++) {
            int start = data.start(p);
            Integer[] order = new Integer[data.end(p) - start];
            for (int i = 0; i < order.length; i++) {
                order[i] = start + i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(data.time(x), data.time(y)));
            List<Integer> basket = new ArrayList<>();
            long previous = Long.MIN_VALUE;
            for (int position : order) {
                long time = data.time(position);
                if (!basket.isEmpty() && previous != 0 && time - previous > gapSeconds) {
                    baskets.add(basket.stream().mapToInt(Integer::intValue).toArray());
                    basket.clear();
                }
                basket.add(data.item(position));
                previous = time;
            }
            if (!basket.isEmpty()) {
                baskets.add(basket.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return baskets;
    }

    /**
     * Dunning's G² for the 2x2 table of baskets with and without each product, positive only
     * when they are together more often than chance (0 otherwise).
     */
    static double logLikelihoodRatio(long k11, long countA, long countB, long total) {
        long k12 = countA - k11;
        long k21 = countB - k11;
        long k22 = total - k11 - k12 - k21;
        if ((double) k11 / countA <= (double) countB / total) {
            return 0;
        }
        double rows = entropy(k11 + k12, k21 + k22);
        double columns = entropy(k11 + k21, k12 + k22);
        double matrix = entropy(k11, k12, k21, k22);
        return Math.max(0, 2 * (rows + columns - matrix));
    }

    /** Unnormalised entropy: x log x of the sum minus the x log x of each element. */
    private static double entropy(long... counts) {
        long sum = 0;
        double parts = 0;
        for (long count : counts) {
            parts += xLogX(count);
            sum += count;
        }
        return xLogX(sum) - parts;
    }

    private static double xLogX(long x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    private static void keepBest(int item, int[] ids, float[] values, int count, int max, int[][] neighbors,
                                 float[][] scores) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> values[y] != values[x] ? Float.compare(values[y], values[x])
                : Integer.compare(ids[x], ids[y]));
        int kept = Math.min(max, count);
        neighbors[item] = new int[kept];
        scores[item] = new float[kept];
        for (int i = 0; i < kept; i++) {
            neighbors[item][i] = ids[order[i]];
            scores[item][i] = values[order[i]];
        }
    }

    static CoOccurrenceModel read(DataInputStream in) throws IOException {
        return readLists(in, CoOccurrenceModel::new);
    }
}
