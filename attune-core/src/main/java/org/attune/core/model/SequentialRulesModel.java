package org.attune.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is clicked next: directed rules "after product a, product b" mined from the order of
 * clicks in sessions, the sequential rules of Kamehkhosh, Jannach and Ludewig ("A Comparison
 * of Frequent Pattern Techniques and a Deep Learning Method for Session-Based
 * Recommendation", RecSys 2017 TempRec workshop), a strong baseline in the session-rec
 * comparisons. In each training session, a click {@code d} positions after a click on
 * {@code a} (1 &le; d &le; {@code window}) adds {@code 1 / d} to the rule from {@code a} to its
 * product; repeats count, so "the same product again" is a rule like any other. The
 * {@code maxRules} strongest rules per product are kept. A person's score for a product is the
 * sum, over the products they interacted with, of {@code value * rule}: with values that fall
 * off with the age of a click (as the session protocol passes them), the latest click
 * dominates. Immutable; scoring is thread-safe.
 */
public final class SequentialRulesModel implements SparseItemScorer {
    private final int[][] targets;
    private final float[][] weights;

    private SequentialRulesModel(int[][] targets, float[][] weights) {
        this.targets = targets;
        this.weights = weights;
    }

    /** Mines the rules of every session in one pass, then keeps each product's strongest. */
    public static SequentialRulesModel train(Sessions data, SequentialRulesParams params) {
        int n = data.itemCount();
        List<Map<Integer, Float>> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rules.add(new HashMap<>());
        }
        for (int s = 0; s < data.sessionCount(); s++) {
            int start = data.start(s);
            for (int position = start + 1; position < data.end(s); position++) {
                int next = data.item(position);
                for (int d = 1; d <= params.window() && position - d >= start; d++) {
                    rules.get(data.item(position - d)).merge(next, 1f / d, Float::sum);
                }
            }
        }
        int[][] targets = new int[n][];
        float[][] weights = new float[n][];
        for (int a = 0; a < n; a++) {
            Map<Integer, Float> from = rules.get(a);
            Integer[] order = from.keySet().toArray(new Integer[0]);
            Arrays.sort(order, (x, y) -> {
                int byWeight = Float.compare(from.get(y), from.get(x));
                return byWeight != 0 ? byWeight : Integer.compare(x, y);
            });
            int kept = Math.min(params.maxRules(), order.length);
            targets[a] = new int[kept];
            weights[a] = new float[kept];
            for (int r = 0; r < kept; r++) {
                targets[a][r] = order[r];
                weights[a][r] = from.get(order[r]);
            }
            rules.set(a, null);
        }
        return new SequentialRulesModel(targets, weights);
    }

    /** The products most often clicked after {@code item}, strongest first. */
    public int[] following(int item) {
        return targets[item].clone();
    }

    @Override
    public int itemCount() {
        return targets.length;
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        Arrays.fill(scores, 0, targets.length, 0f);
        for (int k = 0; k < count; k++) {
            int[] to = targets[items[k]];
            float[] weight = weights[items[k]];
            float value = values[k];
            for (int r = 0; r < to.length; r++) {
                scores[to[r]] += value * weight[r];
            }
        }
    }

    @Override
    public void score(int[] items, float[] values, int count, SparseScores scores) {
        for (int k = 0; k < count; k++) {
            int[] to = targets[items[k]];
            float[] weight = weights[items[k]];
            float value = values[k];
            for (int r = 0; r < to.length; r++) {
                scores.add(to[r], value * weight[r]);
            }
        }
    }
}
