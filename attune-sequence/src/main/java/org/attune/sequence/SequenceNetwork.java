package org.attune.sequence;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.model.sequence.SequenceModel;

/**
 * The sequence model's weights as DJL arrays, with the batched forward pass used for
 * training. It computes what {@link SequenceModel#encode} computes, for every position of
 * left-padded sequences at once, or of sequences packed side by side ({@link PackedBatch});
 * padding positions and other sequences are masked out as attention keys, so a padded or
 * packed sequence gives the same outputs as the bare one. Not thread-safe.
 */
final class SequenceNetwork implements AutoCloseable {
    private static final float MASKED = -1e9f;
    private static final String[] BLOCK_PARTS = {"norm1Gain", "norm1Bias", "query", "queryBias", "key", "keyBias",
        "value", "valueBias", "output", "outputBias", "norm2Gain", "norm2Bias", "hidden", "hiddenBias", "projection",
        "projectionBias"};

    private final NDManager manager;
    private final int itemCount;
    private final int dimension;
    private final int maxLength;
    private final int heads;
    private final Map<String, NDArray> weights = new LinkedHashMap<>();
    private final NDArray causal;

    /** Loads {@code model}'s weights into arrays of {@code manager}, which this network then owns. */
    SequenceNetwork(SequenceModel model, NDManager manager) {
        this.manager = manager;
        this.itemCount = model.itemCount();
        this.dimension = model.dimension();
        this.maxLength = model.maxLength();
        this.heads = model.heads();
        int d = dimension;
        put("items", model.itemEmbeddings(), new Shape(itemCount + 1, d));
        put("positions", model.positions(), new Shape(maxLength, d));
        for (int b = 0; b < model.blocks().size(); b++) {
            float[][] parts = SequenceModel.parts(model.blocks().get(b));
            for (int p = 0; p < parts.length; p++) {
                Shape shape = parts[p].length == d * d ? new Shape(d, d) : new Shape(d);
                put(b + "." + BLOCK_PARTS[p], parts[p], shape);
            }
        }
        put("finalGain", model.finalGain(), new Shape(d));
        put("finalBias", model.finalBias(), new Shape(d));
        float[] mask = new float[maxLength * maxLength];
        for (int t = 0; t < maxLength; t++) {
            for (int s = t + 1; s < maxLength; s++) {
                mask[t * maxLength + s] = MASKED;
            }
        }
        causal = manager.create(mask, new Shape(1, 1, maxLength, maxLength));
    }

    private void put(String name, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        weights.put(name, array);
    }

    /** The most products a sequence may hold. */
    int maxLength() {
        return maxLength;
    }

    /** Where the weights are. */
    Device device() {
        return manager.getDevice();
    }

    /** The trainable weights by name, in a fixed order. */
    Map<String, NDArray> weights() {
        return weights;
    }

    /**
     * The hidden vectors of every position, {@code (batch, length, dimension)}.
     *
     * @param inputs {@code (batch, length)} int64 product indexes + 1, 0 for padding (left);
     *     {@code length} at most the model's, the sequences taking the last {@code length}
     *     positions, as in {@link SequenceModel#encode}
     * @param dropout the rate, or 0 when not training
     */
    NDArray forward(NDArray inputs, float dropout, boolean training) {
        long batch = inputs.getShape().get(0);
        long length = inputs.getShape().get(1);
        NDArray present = inputs.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray attentionMask = present.neg().add(1).mul(MASKED).reshape(batch, 1, 1, length)
                .add(causal.get(new NDIndex(":, :, :{}, :{}", length, length)));
        NDArray x = weights.get("items").get(inputs.reshape(-1)).reshape(batch, length, dimension)
                .mul((float) Math.sqrt(dimension))
                .add(weights.get("positions").get(new NDIndex("{}:", maxLength - length)));
        return blocks(x, present.reshape(batch, length, 1), attentionMask, dropout, training);
    }

    /**
     * The hidden vectors of every slot of a {@link PackedBatch}, {@code (rows, length, dimension)}:
     * each packed sequence gets what {@link #forward(NDArray, float, boolean)} gives it alone.
     */
    NDArray forward(PackedBatch batch, NDManager arrays, float dropout, boolean training) {
        int rows = batch.rows();
        int length = batch.length();
        NDArray inputs = arrays.create(batch.inputs(), new Shape(rows, length));
        NDArray present = inputs.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray x = weights.get("items").get(inputs.reshape(-1)).mul((float) Math.sqrt(dimension))
                .add(weights.get("positions").get(arrays.create(batch.positions())))
                .reshape(rows, length, dimension);
        NDArray attentionMask = arrays.create(batch.mask(), new Shape(rows, 1, length, length));
        return blocks(x, present.reshape(rows, length, 1), attentionMask, dropout, training);
    }

    /**
     * The attention blocks and the final norm over embedded slots {@code embedded} {@code (batch, length,
     * dimension)}; {@code keep} is 1 for a product, 0 for padding; {@code attentionMask} is added to
     * the attention scores {@code (batch, 1, length, length)}.
     */
    private NDArray blocks(NDArray embedded, NDArray keep, NDArray attentionMask, float dropout, boolean training) {
        long batch = embedded.getShape().get(0);
        long length = embedded.getShape().get(1);
        int d = dimension;
        int headSize = d / heads;
        NDArray x = Dropout.dropout(embedded, dropout, training).singletonOrThrow().mul(keep);
        int blocks = (weights.size() - 4) / BLOCK_PARTS.length;
        for (int b = 0; b < blocks; b++) {
            String p = b + ".";
            NDArray normed = layerNorm(x, p + "norm1Gain", p + "norm1Bias");
            NDArray q = splitHeads(linear(normed, p + "query"), batch, length, headSize);
            NDArray k = splitHeads(linear(normed, p + "key"), batch, length, headSize);
            NDArray v = splitHeads(linear(normed, p + "value"), batch, length, headSize);
            NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(headSize)))
                    .add(attentionMask).softmax(-1);
            attention = Dropout.dropout(attention, dropout, training).singletonOrThrow();
            NDArray attended = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, d);
            x = x.add(Dropout.dropout(linear(attended, p + "output"), dropout, training).singletonOrThrow());
            NDArray hidden = Activation.relu(linear(layerNorm(x, p + "norm2Gain", p + "norm2Bias"), p + "hidden"));
            hidden = Dropout.dropout(hidden, dropout, training).singletonOrThrow();
            x = x.add(Dropout.dropout(linear(hidden, p + "projection"), dropout, training).singletonOrThrow())
                    .mul(keep);
        }
        return layerNorm(x, "finalGain", "finalBias");
    }

    /** Scores of every product for each row of {@code hidden} {@code (rows, dimension)}: {@code (rows, itemCount)}. */
    NDArray logits(NDArray hidden) {
        return hidden.matMul(weights.get("items").get(new NDIndex("1:")).transpose());
    }

    private NDArray splitHeads(NDArray x, long batch, long length, int headSize) {
        return x.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    }

    private NDArray linear(NDArray x, String name) {
        return x.matMul(weights.get(name)).add(weights.get(name + "Bias"));
    }

    private NDArray layerNorm(NDArray x, String gain, String bias) {
        return LayerNorm.layerNorm(x, new Shape(dimension), weights.get(gain), weights.get(bias), 1e-5f)
                .singletonOrThrow();
    }

    /** The current weights as a plain-Java model. */
    SequenceModel export() {
        List<SequenceModel.Block> blocks = new ArrayList<>();
        int count = (weights.size() - 4) / BLOCK_PARTS.length;
        for (int b = 0; b < count; b++) {
            float[][] p = new float[BLOCK_PARTS.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = weights.get(b + "." + BLOCK_PARTS[i]).toFloatArray();
            }
            blocks.add(new SequenceModel.Block(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10],
                    p[11], p[12], p[13], p[14], p[15]));
        }
        return new SequenceModel(itemCount, dimension, maxLength, heads, weights.get("items").toFloatArray(),
                weights.get("positions").toFloatArray(), blocks, weights.get("finalGain").toFloatArray(),
                weights.get("finalBias").toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }
}
