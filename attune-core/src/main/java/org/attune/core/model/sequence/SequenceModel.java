package org.attune.core.model.sequence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attune.core.model.ArtifactCodec;
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
 *
 * <p>Each product has a profile state ({@link #OWN}, {@link #GROUPED} or {@link #UNKNOWN}, see
 * {@link SequenceProfiles}): an unknown product has no representation and always scores 0, so
 * it is never recommended. Trained weights come from {@code attune-sequence}; this class needs
 * no machine-learning library.
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

    /** A product with a profile learned from its own interactions. */
    public static final byte OWN = 0;
    /** A product with too few interactions whose vector comes from products sharing its attribute values. */
    public static final byte GROUPED = 1;
    /** A product with no representation: it scores 0 and is never recommended. */
    public static final byte UNKNOWN = 2;

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
    private final byte[] states;

    /** A model whose products all have their own profiles. */
    public SequenceModel(int itemCount, int dimension, int maxLength, int heads, float[] itemEmbeddings,
                         float[] positions, List<Block> blocks, float[] finalGain, float[] finalBias) {
        this(itemCount, dimension, maxLength, heads, itemEmbeddings, positions, blocks, finalGain, finalBias,
                new byte[itemCount]);
    }

    /**
     * @param itemEmbeddings {@code (itemCount + 1) x dimension}, row 0 the padding
     * @param positions {@code maxLength x dimension}; a sequence of n products takes the last n rows
     * @param states each product's profile state
     */
    public SequenceModel(int itemCount, int dimension, int maxLength, int heads, float[] itemEmbeddings,
                         float[] positions, List<Block> blocks, float[] finalGain, float[] finalBias,
                         byte[] states) {
        if (itemEmbeddings.length != (itemCount + 1) * dimension || positions.length != maxLength * dimension
                || dimension % heads != 0 || states.length != itemCount) {
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
        this.states = states;
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
    public float[] itemEmbeddings() {
        return itemEmbeddings;
    }

    /** The position embeddings (shared, do not modify). */
    public float[] positions() {
        return positions;
    }

    /** The final layer norm's gain (shared, do not modify). */
    public float[] finalGain() {
        return finalGain;
    }

    /** The final layer norm's bias (shared, do not modify). */
    public float[] finalBias() {
        return finalBias;
    }

    /** A product's profile state: {@link #OWN}, {@link #GROUPED} or {@link #UNKNOWN}. */
    public byte state(int item) {
        return states[item];
    }

    /** Products per profile state: own, grouped and unknown. */
    public int[] stateCounts() {
        int[] counts = new int[3];
        for (byte state : states) {
            counts[state]++;
        }
        return counts;
    }

    /**
     * The same attention weights over another product set: {@code itemEmbeddings} {@code
     * (newItemCount + 1) x dimension} (row 0 the padding) and a state per product.
     */
    public SequenceModel withProducts(int newItemCount, float[] newItemEmbeddings, byte[] newStates) {
        return new SequenceModel(newItemCount, dimension, maxLength, heads, newItemEmbeddings, positions, blocks,
                finalGain, finalBias, newStates);
    }

    /**
     * Scores every product as the next one after {@code items} (oldest first; only the last
     * {@link #maxLength()} are read; {@code values} are ignored): the softmax probability
     * relative to the most likely product, {@code exp(logit - max logit)}, in (0, 1], so that
     * every known product scores above 0. Unknown products, and every product when there are
     * no items, score 0.
     */
    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        if (count == 0) {
            Arrays.fill(scores, 0, itemCount, 0f);
            return;
        }
        scoreEncoded(encode(items, count), scores);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < itemCount; i++) {
            if (states[i] != UNKNOWN && scores[i] > max) {
                max = scores[i];
            }
        }
        for (int i = 0; i < itemCount; i++) {
            // floored at the smallest float above 0, so that a very unlikely product still counts as known
            scores[i] = states[i] == UNKNOWN ? 0f : Math.max(Float.MIN_VALUE, (float) Math.exp(scores[i] - max));
        }
    }

    /**
     * The raw scores (logits) of every product against a sequence representation from
     * {@link #encode}, unknown products included: products in
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

    void write(DataOutputStream out) throws IOException {
        out.writeInt(itemCount);
        out.writeInt(dimension);
        out.writeInt(maxLength);
        out.writeInt(heads);
        ArtifactCodec.writeFloats(out, itemEmbeddings);
        ArtifactCodec.writeFloats(out, positions);
        out.writeInt(blocks.size());
        for (Block block : blocks) {
            for (float[] part : parts(block)) {
                ArtifactCodec.writeFloats(out, part);
            }
        }
        ArtifactCodec.writeFloats(out, finalGain);
        ArtifactCodec.writeFloats(out, finalBias);
        out.writeInt(states.length);
        out.write(states);
    }

    static SequenceModel read(DataInputStream in) throws IOException {
        int itemCount = in.readInt();
        int dimension = in.readInt();
        int maxLength = in.readInt();
        int heads = in.readInt();
        float[] itemEmbeddings = ArtifactCodec.readFloats(in);
        float[] positions = ArtifactCodec.readFloats(in);
        int blockCount = in.readInt();
        List<Block> blocks = new ArrayList<>(blockCount);
        for (int b = 0; b < blockCount; b++) {
            float[][] p = new float[16][];
            for (int i = 0; i < p.length; i++) {
                p[i] = ArtifactCodec.readFloats(in);
            }
            blocks.add(new Block(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
                    p[13], p[14], p[15]));
        }
        float[] finalGain = ArtifactCodec.readFloats(in);
        float[] finalBias = ArtifactCodec.readFloats(in);
        byte[] states = new byte[in.readInt()];
        in.readFully(states);
        try {
            return new SequenceModel(itemCount, dimension, maxLength, heads, itemEmbeddings, positions, blocks,
                    finalGain, finalBias, states);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt sequence model artifact: " + e.getMessage(), e);
        }
    }

    /** A block's sixteen arrays in a fixed order (the order of {@link Block}'s components). */
    public static float[][] parts(Block block) {
        return new float[][] {block.norm1Gain(), block.norm1Bias(), block.query(), block.queryBias(), block.key(),
            block.keyBias(), block.value(), block.valueBias(), block.output(), block.outputBias(), block.norm2Gain(),
            block.norm2Bias(), block.hidden(), block.hiddenBias(), block.projection(), block.projectionBias()};
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
