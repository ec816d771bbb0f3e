package org.attune.core.model.collaborative;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ScorerFormat;

/**
 * Two models' scores mixed: each model's scores for the person are standardised over all
 * products (minus their mean, divided by their standard deviation), so that scales as different
 * as EASE's and ALS's become comparable, then added with weights {@code 1 - share} and
 * {@code share}. Both models must number products alike. Immutable; thread-safe when both
 * models are; each call allocates one array of scores.
 */
public final class BlendModel implements ItemScorer {
    private final ItemScorer first;
    private final ItemScorer second;
    private final double share;

    /** @param share the weight of {@code second}, 0 to 1 */
    public BlendModel(ItemScorer first, ItemScorer second, double share) {
        if (first.itemCount() != second.itemCount()) {
            throw new IllegalArgumentException("the models score different catalogs: " + first.itemCount() + " and "
                    + second.itemCount() + " products");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be from 0 to 1, got " + share);
        }
        this.first = first;
        this.second = second;
        this.share = share;
    }

    public ItemScorer first() {
        return first;
    }

    public ItemScorer second() {
        return second;
    }

    @Override
    public int itemCount() {
        return first.itemCount();
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        int n = itemCount();
        float[] other = new float[n];
        first.score(items, values, count, scores);
        second.score(items, values, count, other);
        double[] a = meanAndScale(scores, n);
        double[] b = meanAndScale(other, n);
        double weightA = (1 - share) / a[1];
        double weightB = share / b[1];
        for (int j = 0; j < n; j++) {
            scores[j] = (float) (weightA * (scores[j] - a[0]) + weightB * (other[j] - b[0]));
        }
    }

    /** The mean and the standard deviation (1 when the scores are all equal) of the first n scores. */
    private static double[] meanAndScale(float[] scores, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += scores[j];
        }
        double mean = sum / n;
        double squares = 0;
        for (int j = 0; j < n; j++) {
            double d = scores[j] - mean;
            squares += d * d;
        }
        double deviation = Math.sqrt(squares / n);
        return new double[] {mean, deviation > 0 ? deviation : 1};
    }

    void write(DataOutputStream out, ScorerFormat.Nested nested) throws IOException {
        out.writeDouble(share);
        nested.write(out, first);
        nested.write(out, second);
    }

    static BlendModel read(DataInputStream in, ScorerFormat.Nested nested) throws IOException {
        double share = in.readDouble();
        return new BlendModel(nested.read(in), nested.read(in), share);
    }
}
