package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * An item-item model kept as each product's few neighbours with a weight each (co-occurrence,
 * RP3beta): a person's score for product j is the sum over their products i of
 * {@code value(i) * weight(i, j)}, so a person reaches only their products' neighbours and
 * products not reached score 0. The kinds differ in how they find the neighbours; scoring and
 * the artifact (the product count, then per product its neighbours and their weights as
 * {@link ArtifactCodec} arrays) are shared here. Immutable; scoring is thread-safe.
 */
public abstract class NeighborListScorer implements SparseItemScorer {
    private final int[][] neighbors;
    private final float[][] weights;

    /**
     * @param neighbors per product, its neighbours (product indexes below {@code neighbors.length}),
     *     strongest first
     * @param weights per product, one weight per neighbour, in the same order
     */
    protected NeighborListScorer(int[][] neighbors, float[][] weights) {
        this.neighbors = neighbors;
        this.weights = weights;
    }

    /** The neighbours of one product, strongest first. */
    public final int[] neighbors(int item) {
        return neighbors[item].clone();
    }

    /** The weights of one product's neighbours, in the order of {@link #neighbors}. */
    public final float[] weights(int item) {
        return weights[item].clone();
    }

    @Override
    public final int itemCount() {
        return neighbors.length;
    }

    @Override
    public final void score(int[] items, float[] values, int count, float[] out) {
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
    public final void score(int[] items, float[] values, int count, SparseScores out) {
        for (int k = 0; k < count; k++) {
            int[] related = neighbors[items[k]];
            float[] weight = weights[items[k]];
            float value = values[k];
            for (int i = 0; i < related.length; i++) {
                out.add(related[i], value * weight[i]);
            }
        }
    }

    /** Writes the lists: what {@link #readLists} reads back. */
    public final void write(DataOutputStream out) throws IOException {
        out.writeInt(neighbors.length);
        for (int item = 0; item < neighbors.length; item++) {
            ArtifactCodec.writeInts(out, neighbors[item]);
            ArtifactCodec.writeFloats(out, weights[item]);
        }
    }

    /** What a subclass is made from. */
    @FunctionalInterface
    protected interface Maker<S> {
        S make(int[][] neighbors, float[][] weights);
    }

    /**
     * Reads lists written by {@link #write} and makes the scorer of them.
     *
     * @throws IOException when the input ends early or does not hold such lists (a negative
     *     length, more neighbours than products, a neighbour outside the catalog, neighbours
     *     and weights of different lengths)
     */
    protected static <S extends NeighborListScorer> S readLists(DataInputStream in, Maker<S> maker)
            throws IOException {
        int items = in.readInt();
        if (items < 0) {
            throw new IOException("corrupt model artifact: negative length " + items);
        }
        int[][] neighbors = new int[items][];
        float[][] weights = new float[items][];
        for (int item = 0; item < items; item++) {
            int[] related = ArtifactCodec.readInts(in, items);
            for (int neighbor : related) {
                if (neighbor < 0 || neighbor >= items) {
                    throw new IOException("corrupt model artifact: product " + item + " has neighbour " + neighbor
                            + " outside the " + items + " products");
                }
            }
            float[] weight = ArtifactCodec.readFloats(in, related.length);
            if (weight.length != related.length) {
                throw new IOException("corrupt model artifact: product " + item + " has " + related.length
                        + " neighbours but " + weight.length + " weights");
            }
            neighbors[item] = related;
            weights[item] = weight;
        }
        return maker.make(neighbors, weights);
    }
}
