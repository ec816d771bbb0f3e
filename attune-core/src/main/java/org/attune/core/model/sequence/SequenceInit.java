package org.attune.core.model.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded initial weights: Xavier-uniform matrices and embeddings (Glorot &amp; Bengio, 2010),
 * zero biases, layer norms as the identity. Also what benchmarks use as a model of a given
 * shape, since the cost of the forward pass does not depend on the weights' values.
 */
public final class SequenceInit {

    private SequenceInit() {
    }

    /** A model of {@code params}' shape over {@code itemCount} products with weights drawn from {@code seed}. */
    public static SequenceModel random(int itemCount, SequenceParams params, long seed) {
        return random(itemCount, params, new SplittableRandom(seed));
    }

    public static SequenceModel random(int itemCount, SequenceParams params, SplittableRandom random) {
        int d = params.dimension();
        float[] items = xavier(itemCount + 1, d, random);
        Arrays.fill(items, 0, d, 0f);
        float[] positions = xavier(params.maxLength(), d, random);
        List<SequenceModel.Block> blocks = new ArrayList<>();
        for (int b = 0; b < params.blocks(); b++) {
            blocks.add(new SequenceModel.Block(ones(d), new float[d], xavier(d, d, random), new float[d],
                    xavier(d, d, random), new float[d], xavier(d, d, random), new float[d], xavier(d, d, random),
                    new float[d], ones(d), new float[d], xavier(d, d, random), new float[d], xavier(d, d, random),
                    new float[d]));
        }
        return new SequenceModel(itemCount, d, params.maxLength(), params.heads(), items, positions, blocks, ones(d),
                new float[d]);
    }

    private static float[] xavier(int rows, int columns, SplittableRandom random) {
        double bound = Math.sqrt(6.0 / (rows + columns));
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    private static float[] ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1f);
        return values;
    }
}
