package org.attune.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.Sessions;

/**
 * Next-click evaluation of session models, the protocol of session-rec (Ludewig, Latifi,
 * Jannach et al.): in every test session, for each click after the first, the model scores
 * every product from the clicks before it (the prefix), and the top K are compared with that
 * click. Products of the prefix stay rankable, since clicking a product again is common.
 * Each prediction is one ranked list with one relevant product in {@link RankingMetrics}, so
 * HR@K (which session-rec reports as hit rate, some papers as recall) and MRR@K are means over
 * all predictions. Coverage is over the training products.
 *
 * <p>The prefix reaches the model as each of its products once, ordered by their latest click
 * (the last click last), with a value that is the sum over that product's clicks of
 * {@code 2^(-age / halfLife)}, age counted in clicks before the latest (the latest has age 0
 * and weight 1); a half-life of 0 weights every click 1. Sessions are spread over threads,
 * each aggregating its own metrics. Thread-safe (stateless between calls).
 */
public final class SessionEvaluator {
    private final int threads;
    private final double halfLife;

    /**
     * @param threads how many threads score sessions in parallel
     * @param halfLife after how many clicks a click counts half as much; 0 for no decay
     */
    public SessionEvaluator(int threads, double halfLife) {
        if (!(halfLife >= 0) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("the prefix half-life must be 0 (no decay) or positive clicks, got "
                    + halfLife);
        }
        this.threads = Math.max(1, threads);
        this.halfLife = halfLife;
    }

    /** The metrics at each cut-off in {@code ks}, in that order. */
    public List<RankingMetrics> evaluate(ItemScorer model, Sessions test, int... ks) {
        if (test.itemCount() != model.itemCount()) {
            throw new IllegalArgumentException("the model scores " + model.itemCount() + " products, the test"
                    + " sessions have " + test.itemCount());
        }
        int maxK = Arrays.stream(ks).max().orElseThrow();
        return StripedEvaluation.run(threads, first -> evaluateSessions(model, test, ks, maxK, first));
    }

    private List<RankingMetrics> evaluateSessions(ItemScorer model, Sessions test, int[] ks, int maxK, int first) {
        int n = model.itemCount();
        List<RankingMetrics> metrics = new ArrayList<>(ks.length);
        for (int k : ks) {
            metrics.add(new RankingMetrics(k, n));
        }
        float[] scores = new float[n];
        Prefix prefix = new Prefix(n);
        int[] relevant = new int[1];
        for (int s = first; s < test.sessionCount(); s += threads) {
            for (int position = test.start(s) + 1; position < test.end(s); position++) {
                prefix.fill(test, test.start(s), position, halfLife);
                model.score(prefix.items, prefix.values, prefix.count, scores);
                int[] ranked = TopK.of(scores, maxK);
                relevant[0] = test.item(position);
                for (RankingMetrics metric : metrics) {
                    metric.add(ranked, relevant);
                }
            }
        }
        return metrics;
    }

    /** One prefix as the model reads it; reused between predictions of one thread. */
    static final class Prefix {
        int[] items = new int[16];
        float[] values = new float[16];
        int count;
        /** Per product, its place in {@link #items} plus one while filling, else 0. */
        private final int[] slot;

        Prefix(int itemCount) {
            slot = new int[itemCount];
        }

        /** The clicks at {@code from .. to - 1} of {@code sessions}, the latest product last. */
        void fill(Sessions sessions, int from, int to, double halfLife) {
            if (items.length < to - from) {
                items = new int[to - from];
                values = new float[to - from];
            }
            count = 0;
            // Newest first, so each product's place is that of its latest click; reversed below.
            for (int position = to - 1; position >= from; position--) {
                int item = sessions.item(position);
                int age = to - 1 - position;
                float weight = halfLife == 0 ? 1f : (float) Math.pow(2, -age / halfLife);
                if (slot[item] == 0) {
                    items[count] = item;
                    values[count] = weight;
                    slot[item] = ++count;
                } else {
                    values[slot[item] - 1] += weight;
                }
            }
            for (int i = 0; i < count; i++) {
                slot[items[i]] = 0;
            }
            for (int low = 0, high = count - 1; low < high; low++, high--) {
                int item = items[low];
                items[low] = items[high];
                items[high] = item;
                float value = values[low];
                values[low] = values[high];
                values[high] = value;
            }
        }
    }
}
