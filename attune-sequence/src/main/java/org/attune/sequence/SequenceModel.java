package org.attune.sequence;

import java.util.Arrays;
import java.util.List;
import org.attune.core.model.ItemScorer;

/**
 * A trained sequence model as plain float arrays, with the forward pass for one sequence in
 * plain Java: the person's products (oldest first) pass through the causal self-attention
 * blocks, and the hidden vector at the last position is scored against every product's
 * embedding (the output layer shares the input embeddings). Only the last position's output
 * is computed in the last block. Immutable and thread-safe; each call allocates its own
 * working arrays.
 *
 * <p>Layout: matrices are row-major {@code [input][output]}, so a layer computes
 * {@code y = x W + b}; the input embeddings have a row 0 for padding, product {@code i} being
 * row {@code i + 1}; {@link #itemFactors} holds the products' embeddings factor-major
 * ({@code [f][i]}) so that scoring streams through memory, as {@code AlsModel} does.
 */
public final class SequenceModel implements ItemScorer {
    private static final float LAYER_NORM_EPSILON = 1e-5f;
    private static final int TILE = 4_096;

    /**
     * One causal self-attention block's weights (pre-layer-norm: attention and a two-layer
     * ReLU feed-forward network, each added to its input).
     */
    public record Block(float[] norm1Gain, float[] norm1Bias, float[] query, float[] queryBias, float[] key,
                        float[] keyBias, float[] value, float[] valueBias, float[] output, float[] outputBias,
                        float[] norm2Gain, float[] norm2Bias, float[] hidden, float[] hiddenBias, float[] projection,
                        float[] projectionBias) {
    }

    private final int itemCount;
    private final int dimension;
    private final int maxLength;
    private final int heads;
    private final float[] itemEmbeddings;
    private final float[][] itemFactors;
    private final float[] positions;
    private final List<Block> blocks;
    private final float[] finalGain;
    private final float[] finalBias;

    /**
     * @param itemEmbeddings {@code (itemCount + 1) x dimension}, row 0 the padding
     * @param positions {@code maxLength x dimension}; a sequence of n products takes the last n rows
     */
    public SequenceModel(int itemCount, int dimension, int maxLength, int heads, float[] itemEmbeddings,
                         float[] positions, List<Block> blocks, float[] finalGain, float[] finalBias) {
        if (itemEmbeddings.length != (itemCount + 1) * dimension || positions.length != maxLength * dimension
                || dimension % heads != 0) {
            throw new IllegalArgumentException("weights do not match " + itemCount + " products, dimension "
                    + dimension + ", length " + maxLength + ", " + heads + " heads");
        }
        this.itemCount = itemCount;
        this.dimension = dimension;
        this.maxLength = maxLength;
        this.heads = heads;
        this.itemEmbeddings = itemEmbeddings;
        this.positions = positions;
        this.blocks = List.copyOf(blocks);
        this.finalGain = finalGain;
        this.finalBias = finalBias;
        this.itemFactors = new float[dimension][itemCount];
        for (int i = 0; i < itemCount; i++) {
            for (int f = 0; f < dimension; f++) {
                itemFactors[f][i] = itemEmbeddings[(i + 1) * dimension + f];
            }
        }
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    public int dimension() {
        return dimension;
    }

    public int maxLength() {
        return maxLength;
    }

    public int heads() {
        return heads;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The input embeddings, row 0 the padding (shared, do not modify). */
    float[] itemEmbeddings() {
        return itemEmbeddings;
    }

    float[] positions() {
        return positions;
    }

    float[] finalGain() {
        return finalGain;
    }

    float[] finalBias() {
        return finalBias;
    }

    /**
     * Scores every product as the next one after {@code items} (oldest first; only the last
     * {@link #maxLength()} are read; {@code values} are ignored). With no items every score is 0.
     */
    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        if (count == 0) {
            Arrays.fill(scores, 0, itemCount, 0f);
            return;
        }
        scoreEncoded(encode(items, count), scores);
    }

    /**
     * Scores every product against a sequence representation from {@link #encode}: products in
     * tiles whose scores stay in the L1 cache, four factors added per pass over a tile (the
     * loop {@code AlsModel.scoreVector} measured fastest).
     */
    public void scoreEncoded(float[] state, float[] scores) {
        for (int from = 0; from < itemCount; from += TILE) {
            int to = Math.min(itemCount, from + TILE);
            Arrays.fill(scores, from, to, 0f);
            int f = 0;
            for (; f + 4 <= dimension; f += 4) {
                float w0 = state[f];
                float w1 = state[f + 1];
                float w2 = state[f + 2];
                float w3 = state[f + 3];
                float[] c0 = itemFactors[f];
                float[] c1 = itemFactors[f + 1];
                float[] c2 = itemFactors[f + 2];
                float[] c3 = itemFactors[f + 3];
                for (int i = from; i < to; i++) {
                    scores[i] += w0 * c0[i] + w1 * c1[i] + w2 * c2[i] + w3 * c3[i];
                }
            }
            for (; f < dimension; f++) {
                float weight = state[f];
                float[] column = itemFactors[f];
                for (int i = from; i < to; i++) {
                    scores[i] += weight * column[i];
                }
            }
        }
    }

    /**
     * The representation of a sequence: the last position's output of the final layer norm.
     *
     * @param items product indexes, oldest first; the last {@link #maxLength()} of the first
     *     {@code count} are read
     */
    public float[] encode(int[] items, int count) {
        int length = Math.min(count, maxLength);
        int first = count - length;
        int d = dimension;
        float[] x = new float[length * d];
        float scale = (float) Math.sqrt(d);
        int offset = maxLength - length;
        for (int t = 0; t < length; t++) {
            int item = items[first + t];
            if (item < 0 || item >= itemCount) {
                throw new IllegalArgumentException("product index " + item + " outside 0.." + (itemCount - 1));
            }
            for (int f = 0; f < d; f++) {
                x[t * d + f] = itemEmbeddings[(item + 1) * d + f] * scale + positions[(offset + t) * d + f];
            }
        }
        float[] normed = new float[length * d];
        float[] q = new float[length * d];
        float[] k = new float[length * d];
        float[] v = new float[length * d];
        float[] attended = new float[d];
        float[] row = new float[d];
        float[] weights = new float[length];
        int headSize = d / heads;
        float attentionScale = (float) (1 / Math.sqrt(headSize));
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            boolean last = b == blocks.size() - 1;
            int from = last ? length - 1 : 0;
            for (int t = 0; t < length; t++) {
                layerNorm(x, t * d, block.norm1Gain, block.norm1Bias, normed, t * d, d);
                affine(normed, t * d, block.key, block.keyBias, k, t * d, d, d);
                affine(normed, t * d, block.value, block.valueBias, v, t * d, d, d);
                if (t >= from) {
                    affine(normed, t * d, block.query, block.queryBias, q, t * d, d, d);
                }
            }
            for (int t = from; t < length; t++) {
                for (int h = 0; h < heads; h++) {
                    int hs = h * headSize;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        float dot = 0;
                        for (int j = 0; j < headSize; j++) {
                            dot += q[t * d + hs + j] * k[s * d + hs + j];
                        }
                        weights[s] = dot * attentionScale;
                        max = Math.max(max, weights[s]);
                    }
                    float sum = 0;
                    for (int s = 0; s <= t; s++) {
                        weights[s] = (float) Math.exp(weights[s] - max);
                        sum += weights[s];
                    }
                    for (int j = 0; j < headSize; j++) {
                        attended[hs + j] = 0;
                    }
                    for (int s = 0; s <= t; s++) {
                        float w = weights[s] / sum;
                        for (int j = 0; j < headSize; j++) {
                            attended[hs + j] += w * v[s * d + hs + j];
                        }
                    }
                }
                affine(attended, 0, block.output, block.outputBias, row, 0, d, d);
                for (int f = 0; f < d; f++) {
                    x[t * d + f] += row[f];
                }
                layerNorm(x, t * d, block.norm2Gain, block.norm2Bias, normed, t * d, d);
                affine(normed, t * d, block.hidden, block.hiddenBias, row, 0, d, d);
                for (int f = 0; f < d; f++) {
                    row[f] = Math.max(0, row[f]);
                }
                affine(row, 0, block.projection, block.projectionBias, attended, 0, d, d);
                for (int f = 0; f < d; f++) {
                    x[t * d + f] += attended[f];
                }
            }
        }
        float[] state = new float[d];
        layerNorm(x, (length - 1) * d, finalGain, finalBias, state, 0, d);
        return state;
    }

    private static void affine(float[] in, int inOffset, float[] matrix, float[] bias, float[] out, int outOffset,
                               int inSize, int outSize) {
        System.arraycopy(bias, 0, out, outOffset, outSize);
        for (int i = 0; i < inSize; i++) {
            float a = in[inOffset + i];
            int base = i * outSize;
            for (int o = 0; o < outSize; o++) {
                out[outOffset + o] += a * matrix[base + o];
            }
        }
    }

    private static void layerNorm(float[] in, int inOffset, float[] gain, float[] bias, float[] out, int outOffset,
                                  int size) {
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += in[inOffset + i];
        }
        mean /= size;
        double variance = 0;
        for (int i = 0; i < size; i++) {
            double centred = in[inOffset + i] - mean;
            variance += centred * centred;
        }
        variance /= size;
        float inverse = (float) (1 / Math.sqrt(variance + LAYER_NORM_EPSILON));
        for (int i = 0; i < size; i++) {
            out[outOffset + i] = (float) (in[inOffset + i] - mean) * inverse * gain[i] + bias[i];
        }
    }
}
