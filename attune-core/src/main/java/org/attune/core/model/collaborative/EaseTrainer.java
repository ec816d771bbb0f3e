package org.attune.core.model.collaborative;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.attune.core.model.Interactions;
import org.attune.core.model.SpdInverse;

/**
 * Trains {@link EaseModel}: the Gram matrix G = XᵀWX of the interaction values (W weighs each
 * person by their activity, the identity unless {@link EaseParams#activityExponent()} is set)
 * plus a diagonal Λ (lambda, and the EDLAE dropout penalty when {@link EaseParams#dropout()} is
 * set), its inverse P, and the item-item weights
 * B = I - P · diag(1 / diag(P)), i.e. {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal
 * and 0 on it. G is symmetric positive definite because of the added diagonal, and
 * {@link SpdInverse} inverts it in place through its Cholesky factorisation. Both G and the
 * inverse are computed on all cores (the common ForkJoinPool). Thread-safe (stateless).
 */
public final class EaseTrainer {
    private final EaseParams params;

    public EaseTrainer(EaseParams params) {
        this.params = params;
    }

    /**
     * @throws IllegalArgumentException when the data has more products than {@link EaseParams#maxItems()}
     */
    public EaseModel train(Interactions data) {
        int n = data.itemCount();
        if (n > params.maxItems()) {
            throw new IllegalArgumentException("EASE inverts an item-item matrix: " + n + " products is more than"
                    + " maxItems " + params.maxItems() + "; use a factorisation model for catalogs this large");
        }
        double[] personWeights = personWeights(data, params.activityExponent());
        double[][] gram = upperTriangleOfGram(data, personWeights);
        double lambda = params.lambda() * lambdaScale(data, personWeights);
        double dropoutPenalty = params.dropout() / (1 - params.dropout());
        for (int i = 0; i < n; i++) {
            gram[i][i] += lambda + dropoutPenalty * gram[i][i];
        }
        try {
            SpdInverse.invertInPlace(gram);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the regularised Gram matrix could not be inverted; raise lambda", e);
        }
        double[][] inverse = gram;
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = inverse[j][j];
        }
        float[][] weights = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] row = new float[n];
            double[] inverseRow = inverse[i];
            for (int j = 0; j < n; j++) {
                row[j] = i == j ? 0f : (float) (-inverseRow[j] / diagonal[j]);
            }
            weights[i] = row;
            inverse[i] = null;
        }
        return new EaseModel(n, weights);
    }

    /** Per person, n^-exponent for their n products (null when the exponent is 0: every weight 1). */
    private static double[] personWeights(Interactions data, double exponent) {
        if (exponent == 0) {
            return null;
        }
        double[] weights = new double[data.personCount()];
        for (int person = 0; person < weights.length; person++) {
            weights[person] = Math.pow(Math.max(1, data.end(person) - data.start(person)), -exponent);
        }
        return weights;
    }

    /** The weighted Gram matrix's trace over the unweighted one's (1 without weights). */
    private static double lambdaScale(Interactions data, double[] personWeights) {
        if (personWeights == null) {
            return 1;
        }
        double weighted = 0;
        double plain = 0;
        for (int person = 0; person < data.personCount(); person++) {
            double squares = 0;
            for (int a = data.start(person); a < data.end(person); a++) {
                squares += (double) data.value(a) * data.value(a);
            }
            weighted += personWeights[person] * squares;
            plain += squares;
        }
        return plain == 0 ? 1 : weighted / plain;
    }

    /**
     * XᵀWX as rows, only on and above the diagonal (all {@link SpdInverse} reads): each person's
     * products sorted by index, then for each product i the values of those at or after it.
     * Rows are split into ranges of about equal work that threads fill independently, each
     * writing only its own rows.
     */
    private static double[][] upperTriangleOfGram(Interactions data, double[] personWeights) {
        int n = data.itemCount();
        int people = data.personCount();
        int[] items = new int[data.size()];
        float[] values = new float[data.size()];
        IntStream.range(0, people).parallel().forEach(person -> sortByItem(data, person, items, values));
        long[] work = new long[n];
        for (int person = 0; person < people; person++) {
            int end = data.end(person);
            for (int a = data.start(person); a < end; a++) {
                work[items[a]] += end - a;
            }
        }
        int[] rangeStarts = splitByWork(work, 8 * Runtime.getRuntime().availableProcessors());
        double[][] gram = new double[n][n];
        IntStream.range(0, rangeStarts.length - 1).parallel().forEach(range -> {
            int rowFrom = rangeStarts[range];
            int rowTo = rangeStarts[range + 1];
            for (int person = 0; person < people; person++) {
                int start = data.start(person);
                int end = data.end(person);
                double weight = personWeights == null ? 1 : personWeights[person];
                for (int a = firstAtLeast(items, start, end, rowFrom); a < end && items[a] < rowTo; a++) {
                    double[] row = gram[items[a]];
                    double va = values[a] * weight;
                    for (int b = a; b < end; b++) {
                        row[items[b]] += va * values[b];
                    }
                }
            }
        });
        return gram;
    }

    /** Copies one person's interactions into {@code items} and {@code values} at the same positions, by product index. */
    private static void sortByItem(Interactions data, int person, int[] items, float[] values) {
        int start = data.start(person);
        int end = data.end(person);
        long[] keyed = new long[end - start];
        for (int a = start; a < end; a++) {
            keyed[a - start] = (long) data.item(a) << 32 | Integer.toUnsignedLong(Float.floatToRawIntBits(data.value(a)));
        }
        Arrays.sort(keyed);
        for (int a = start; a < end; a++) {
            items[a] = (int) (keyed[a - start] >>> 32);
            values[a] = Float.intBitsToFloat((int) keyed[a - start]);
        }
    }

    /** Starts of at most {@code ranges} consecutive row ranges with about equal total work, then n. */
    private static int[] splitByWork(long[] work, int ranges) {
        long total = 0;
        for (long w : work) {
            total += w;
        }
        int[] starts = new int[ranges + 1];
        int count = 1;
        long done = 0;
        for (int i = 0; i < work.length && count < ranges; i++) {
            done += work[i];
            if (done * ranges >= total * count && i + 1 < work.length) {
                starts[count++] = i + 1;
            }
        }
        starts[count] = work.length;
        return Arrays.copyOf(starts, count + 1);
    }

    /** The first position in the sorted {@code items[from..to)} holding at least {@code item}. */
    private static int firstAtLeast(int[] items, int from, int to, int item) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (items[middle] < item) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
