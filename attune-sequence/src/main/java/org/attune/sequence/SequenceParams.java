package org.attune.sequence;

/**
 * The hyperparameters of the sequence model, validated, with the defaults on {@link #DEFAULTS}.
 *
 * @param maxLength the most recent products of a person the model reads (default 200)
 * @param dimension the width of product, position and hidden vectors (default 64)
 * @param blocks causal self-attention blocks (default 2)
 * @param heads attention heads per block; must divide {@code dimension} (default 1)
 * @param dropout dropout rate while training, 0 to 0.9 (default 0.2)
 * @param learningRate Adam's step size (default 0.001)
 * @param batchSize people per mini-batch (default 128; 64 scored better once but diverged in another run)
 * @param maxEpochs the most passes over the training sequences (default 200)
 * @param validateEvery epochs between two validations (default 2)
 * @param patience validations without a better NDCG@10 before training stops (default 5)
 * @param seed seeds the initial weights, the batch order and dropout (default 42)
 */
public record SequenceParams(int maxLength, int dimension, int blocks, int heads, double dropout,
                             double learningRate, int batchSize, int maxEpochs, int validateEvery, int patience,
                             long seed) {

    public static final SequenceParams DEFAULTS = new SequenceParams(200, 64, 2, 1, 0.2, 0.001, 128, 200, 2, 5,
            42);

    public SequenceParams {
        check(maxLength, "maxLength", 1, 2_048);
        check(dimension, "dimension", 2, 1_024);
        check(blocks, "blocks", 1, 16);
        check(heads, "heads", 1, 64);
        if (dimension % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dimension (" + dimension + ")");
        }
        if (!(dropout >= 0 && dropout <= 0.9)) {
            throw new IllegalArgumentException("dropout must be between 0 and 0.9, got " + dropout);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be above 0 and at most 1, got " + learningRate);
        }
        check(batchSize, "batchSize", 1, 65_536);
        check(maxEpochs, "maxEpochs", 1, 100_000);
        check(validateEvery, "validateEvery", 1, 1_000);
        check(patience, "patience", 1, 1_000);
    }

    private static void check(int value, String name, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** The same params with another length, dimension, block count and head count. */
    public SequenceParams withShape(int newMaxLength, int newDimension, int newBlocks, int newHeads) {
        return new SequenceParams(newMaxLength, newDimension, newBlocks, newHeads, dropout, learningRate, batchSize,
                maxEpochs, validateEvery, patience, seed);
    }

    /** The same params with another batch size. */
    public SequenceParams withBatchSize(int newBatchSize) {
        return new SequenceParams(maxLength, dimension, blocks, heads, dropout, learningRate, newBatchSize, maxEpochs,
                validateEvery, patience, seed);
    }

    /** The same params with another dropout, epoch limit and patience. */
    public SequenceParams withTraining(double newDropout, int newMaxEpochs, int newPatience) {
        return new SequenceParams(maxLength, dimension, blocks, heads, newDropout, learningRate, batchSize,
                newMaxEpochs, validateEvery, newPatience, seed);
    }
}
