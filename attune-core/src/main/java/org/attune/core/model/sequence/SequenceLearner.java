package org.attune.core.model.sequence;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Learns the weights of a {@link SequenceModel}. The core defines the model and serves it;
 * learning needs a tensor library, so the implementation lives in module {@code attune-sequence}
 * and the server's wiring hands it to {@link SequenceKind}.
 */
public interface SequenceLearner {

    /**
     * Learns a model over {@code itemCount} products.
     *
     * @param sequences each person's product indexes, oldest first
     * @param times each person's interaction times (epoch seconds) in the order of {@code sequences},
     *     or null where the data has none; with times the learner validates on a time cut (the
     *     latest products, as the holdout evaluation is cut), without them on each person's last product
     * @param start weights to start from instead of random ones (a model of the same shape whose
     *     first {@code itemCount} products are these products; products beyond are ignored), or null
     * @param progress told the share of the work done (0 to 1) between steps; it may throw to stop the learning
     */
    SequenceModel learn(int itemCount, List<int[]> sequences, List<long[]> times, SequenceParams params,
                        SequenceModel start, DoubleConsumer progress);

    /** {@link #learn(int, List, List, SequenceParams, SequenceModel, DoubleConsumer)} without times. */
    default SequenceModel learn(int itemCount, List<int[]> sequences, SequenceParams params, SequenceModel start,
                                DoubleConsumer progress) {
        return learn(itemCount, sequences, null, params, start, progress);
    }
}
