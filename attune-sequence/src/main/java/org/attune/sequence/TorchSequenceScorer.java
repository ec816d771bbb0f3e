package org.attune.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.attune.core.model.sequence.SequenceModel;

/**
 * Scores one sequence through PyTorch (DJL) instead of the plain-Java forward pass: the
 * alternative the server does not take, kept so that the benchmark can measure what a
 * per-request trip through PyTorch costs against {@link SequenceModel#score}
 * ({@code SequenceScoringBenchmark}, docs/benchmarks.md). Not thread-safe; close it to free
 * the native weights.
 */
public final class TorchSequenceScorer implements AutoCloseable {
    private final SequenceNetwork network;
    private final NDManager manager;

    public TorchSequenceScorer(SequenceModel model) {
        this.manager = NDManager.newBaseManager();
        this.network = new SequenceNetwork(model, manager.newSubManager());
        // inference only: no autograd graph per call
        network.weights().values().forEach(weight -> weight.setRequiresGradient(false));
    }

    /**
     * The raw scores (logits) of every product after {@code items} (oldest first), as
     * {@link SequenceModel#scoreEncoded} computes them.
     */
    public float[] logits(int[] items, int count) {
        int length = Math.min(count, network.maxLength());
        long[] input = new long[length];
        for (int t = 0; t < length; t++) {
            input[t] = items[count - length + t] + 1L;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray hidden = network.forward(manager.create(input, new Shape(1, length)), 0, false);
            return network.logits(hidden.get(new NDIndex(":, -1, :"))).toFloatArray();
        }
    }

    @Override
    public void close() {
        network.close();
        manager.close();
    }
}
