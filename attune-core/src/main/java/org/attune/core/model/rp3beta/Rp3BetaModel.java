package org.attune.core.model.rp3beta;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.attune.core.model.SparseItemScorer;
import org.attune.core.model.SparseScores;

/**
 * A trained RP3beta model: for each product, its strongest neighbours with their weights
 * W[i][j] (see {@link Rp3BetaTrainer}), best first, ties by the lower index; a product never
 * is its own neighbour. A person's score for product j is the sum over their products i of
 * {@code value(i) * W[i][j]}, so a person reaches only their products' neighbours; products
 * not reached score 0. Immutable; scoring is thread-safe.
 */
public final class Rp3BetaModel implements SparseItemScorer {
    /** Values per bulk transfer when writing or reading an array. */
    private static final int CHUNK = 1 << 14;

    private final int[][] neighbors;
    private final float[][] weights;

    /** Rows of equal length per product, neighbours as product indexes below {@code neighbors.length}. */
    Rp3BetaModel(int[][] neighbors, float[][] weights) {
        this.neighbors = neighbors;
        this.weights = weights;
    }

    /** The neighbours of one product, best first. */
    public int[] neighbors(int item) {
        return neighbors[item].clone();
    }

    /** The weights of one product's neighbours, in the order of {@link #neighbors}. */
    public float[] weights(int item) {
        return weights[item].clone();
    }

    @Override
    public int itemCount() {
        return neighbors.length;
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] out) {
        Arrays.fill(out, 0, neighbors.length, 0f);
        for (int k = 0; k < count; k++) {
            int[] related = neighbors[items[k]];
            float[] weight = weights[items[k]];
            float value = values[k];
            for (int i = 0; i < related.length; i++) {
                out[related[i]] += value * weight[i];
            }
        }
    }

    @Override
    public void score(int[] items, float[] values, int count, SparseScores out) {
        for (int k = 0; k < count; k++) {
            int[] related = neighbors[items[k]];
            float[] weight = weights[items[k]];
            float value = values[k];
            for (int i = 0; i < related.length; i++) {
                out.add(related[i], value * weight[i]);
            }
        }
    }

    /**
     * Writes the model as the other model artifacts are written: the product count, then per
     * product its neighbours and their weights, each a length-prefixed array of big-endian
     * ints or floats.
     */
    public void write(DataOutput out) throws IOException {
        out.writeInt(neighbors.length);
        byte[] bytes = new byte[CHUNK * Integer.BYTES];
        for (int item = 0; item < neighbors.length; item++) {
            int[] related = neighbors[item];
            out.writeInt(related.length);
            for (int start = 0; start < related.length; start += CHUNK) {
                int n = Math.min(CHUNK, related.length - start);
                ByteBuffer.wrap(bytes).asIntBuffer().put(related, start, n);
                out.write(bytes, 0, n * Integer.BYTES);
            }
            float[] weight = weights[item];
            out.writeInt(weight.length);
            for (int start = 0; start < weight.length; start += CHUNK) {
                int n = Math.min(CHUNK, weight.length - start);
                ByteBuffer.wrap(bytes).asFloatBuffer().put(weight, start, n);
                out.write(bytes, 0, n * Float.BYTES);
            }
        }
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws IOException when the input ends early or does not hold such a model (a negative
     *     length, a neighbour outside the catalog, neighbours and weights of different lengths)
     */
    public static Rp3BetaModel read(DataInput in) throws IOException {
        int items = length(in);
        int[][] neighbors = new int[items][];
        float[][] weights = new float[items][];
        byte[] bytes = new byte[CHUNK * Integer.BYTES];
        for (int item = 0; item < items; item++) {
            int count = length(in);
            if (count > items) {
                throw new IOException("corrupt model artifact: product " + item + " has " + count
                        + " neighbours among " + items + " products");
            }
            int[] related = new int[count];
            for (int start = 0; start < related.length; start += CHUNK) {
                int n = Math.min(CHUNK, related.length - start);
                in.readFully(bytes, 0, n * Integer.BYTES);
                ByteBuffer.wrap(bytes, 0, n * Integer.BYTES).asIntBuffer().get(related, start, n);
            }
            for (int neighbor : related) {
                if (neighbor < 0 || neighbor >= items) {
                    throw new IOException("corrupt model artifact: product " + item + " has neighbour " + neighbor
                            + " outside the " + items + " products");
                }
            }
            float[] weight = new float[length(in)];
            if (weight.length != related.length) {
                throw new IOException("corrupt model artifact: product " + item + " has " + related.length
                        + " neighbours but " + weight.length + " weights");
            }
            for (int start = 0; start < weight.length; start += CHUNK) {
                int n = Math.min(CHUNK, weight.length - start);
                in.readFully(bytes, 0, n * Float.BYTES);
                ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(weight, start, n);
            }
            neighbors[item] = related;
            weights[item] = weight;
        }
        return new Rp3BetaModel(neighbors, weights);
    }

    private static int length(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt model artifact: negative length " + length);
        }
        return length;
    }
}
