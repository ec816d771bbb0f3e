package org.attune.core.model.sequence;

import java.util.List;
import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * The params of the {@code sequence} kind: a self-attentive sequence model (SASRec-style) over
 * each person's products in time order, predicting the next one; trained outside the core
 * (module {@code attune-sequence}, on DJL/PyTorch) and served by {@link SequenceModel}'s
 * plain-Java forward pass.
 *
 * @param maxLength the most recent products of a person the model reads (1 to 2,048; default 50)
 * @param dimension the width of product, position and hidden vectors (2 to 1,024; default 64)
 * @param blocks causal self-attention blocks (1 to 16; default 2)
 * @param heads attention heads per block; must divide {@code dimension} (1 to 64; default 1)
 * @param dropout dropout rate while training, 0 to 0.9 (default 0.2)
 * @param learningRate Adam's step size, reached after a warm-up (1e-6 to 1; default 0.001)
 * @param batchSize people per mini-batch (1 to 65,536; default 64: on MovieLens 100K twice the
 *     steps of 128 gave NDCG@10 0.114 against 0.095)
 * @param maxEpochs the most passes over the training sequences (1 to 100,000; default 200)
 * @param validateEvery epochs between two validations (1 to 1,000; default 2)
 * @param patience validations without a better NDCG@10 before training stops (1 to 1,000; default 5)
 * @param softmax {@code full} (cross-entropy over every product), {@code sampled} (against
 *     {@code negatives} products drawn by popularity, with the sampling correction) or
 *     {@code auto} (full while a batch has at most 64 M logits, positions x products, and 10
 *     epochs of the full softmax fit in {@code maxMinutes} at 6 G logits a minute; default; see
 *     {@link #samplesSoftmax})
 * @param negatives products drawn per batch for the sampled softmax (1 to 1,000,000; default 1,024)
 * @param maxMinutes each fit stops after this long, keeping the best validated weights
 *     (0.01 to 10,080; default 4; a server training fits twice: on the time holdout's earlier
 *     part, then on everything starting from those weights)
 * @param minInteractions products with fewer interactions do not get a profile of their
 *     own: they are grouped with products sharing their attribute values, or unknown
 *     (1 to 1,000,000; default 5)
 * @param seed seeds the initial weights, the batch order, sampling and dropout (0 to 2^31 - 1;
 *     default 42)
 */
public record SequenceParams(int maxLength, int dimension, int blocks, int heads, double dropout,
                             double learningRate, int batchSize, int maxEpochs, int validateEvery, int patience,
                             String softmax, int negatives, double maxMinutes, int minInteractions, long seed)
        implements ModelParams {
    public static final List<String> SOFTMAX = List.of("auto", "full", "sampled");
    private static final ParamSpec.Whole MAX_LENGTH = new ParamSpec.Whole("maxLength", 1, 2_048);
    private static final ParamSpec.Whole DIMENSION = new ParamSpec.Whole("dimension", 2, 1_024);
    private static final ParamSpec.Whole BLOCKS = new ParamSpec.Whole("blocks", 1, 16);
    private static final ParamSpec.Whole HEADS = new ParamSpec.Whole("heads", 1, 64);
    private static final ParamSpec.Decimal DROPOUT = new ParamSpec.Decimal("dropout", 0, 0.9);
    private static final ParamSpec.Decimal LEARNING_RATE = new ParamSpec.Decimal("learningRate", 1e-6, 1);
    private static final ParamSpec.Whole BATCH_SIZE = new ParamSpec.Whole("batchSize", 1, 65_536);
    private static final ParamSpec.Whole MAX_EPOCHS = new ParamSpec.Whole("maxEpochs", 1, 100_000);
    private static final ParamSpec.Whole VALIDATE_EVERY = new ParamSpec.Whole("validateEvery", 1, 1_000);
    private static final ParamSpec.Whole PATIENCE = new ParamSpec.Whole("patience", 1, 1_000);
    private static final ParamSpec.Choice SOFTMAX_CHOICE = new ParamSpec.Choice("softmax", SOFTMAX);
    private static final ParamSpec.Whole NEGATIVES = new ParamSpec.Whole("negatives", 1, 1_000_000);
    private static final ParamSpec.Decimal MAX_MINUTES = new ParamSpec.Decimal("maxMinutes", 0.01, 10_080);
    private static final ParamSpec.Whole MIN_INTERACTIONS = new ParamSpec.Whole("minInteractions", 1, 1_000_000);
    private static final ParamSpec.Whole SEED = new ParamSpec.Whole("seed", 0, Integer.MAX_VALUE);

    /** Under {@code auto}, the most logits one batch may hold for the full softmax: its memory (256 MiB of floats). */
    public static final long FULL_SOFTMAX_BATCH_LOGITS = 64L << 20;
    /**
     * Under {@code auto}, the full softmax's logits one minute of training is taken to cover: one
     * CPU core did an epoch of 5.8 G logits in 54 s on the demo shop, nearly all of it the softmax
     * (docs/benchmarks.md). A GPU is faster, so there {@code auto} samples sooner than it must.
     */
    public static final double FULL_SOFTMAX_LOGITS_PER_MINUTE = 6e9;
    /**
     * Under {@code auto}, the epochs of the full softmax that must fit in {@code maxMinutes}: on the
     * demo shop the sampled softmax's time holdout peaked around epoch 8; a fit with fewer epochs
     * than that stops at its limit, before validation stops improving.
     */
    public static final int FULL_SOFTMAX_MIN_EPOCHS = 10;

    public static final SequenceParams DEFAULTS = new SequenceParams(50, 64, 2, 1, 0.2, 0.001, 64, 200, 2, 5, "auto",
            1_024, 4, 5, 42);

    /** @throws IllegalArgumentException naming a field out of its range, or heads that do not divide dimension */
    public SequenceParams {
        MAX_LENGTH.check(maxLength);
        DIMENSION.check(dimension);
        BLOCKS.check(blocks);
        HEADS.check(heads);
        if (dimension % heads != 0) {
            throw new IllegalArgumentException(headsRefusal(heads, dimension));
        }
        DROPOUT.check(dropout);
        LEARNING_RATE.check(learningRate);
        BATCH_SIZE.check(batchSize);
        MAX_EPOCHS.check(maxEpochs);
        VALIDATE_EVERY.check(validateEvery);
        PATIENCE.check(patience);
        SOFTMAX_CHOICE.check(softmax);
        NEGATIVES.check(negatives);
        MAX_MINUTES.check(maxMinutes);
        MIN_INTERACTIONS.check(minInteractions);
        SEED.check(seed);
    }

    /**
     * Whether training samples the softmax: always under {@code sampled}, never under {@code full};
     * under {@code auto} when sampling draws fewer products than the catalog has and either one
     * batch's full softmax would hold more than {@link #FULL_SOFTMAX_BATCH_LOGITS} (memory) or
     * {@link #FULL_SOFTMAX_MIN_EPOCHS} epochs of it would not fit in {@code maxMinutes} at
     * {@link #FULL_SOFTMAX_LOGITS_PER_MINUTE} (time): a fit that ends at its limit after a few
     * epochs has not converged. On the demo shop (20,000 products, 289,000 positions an epoch) the
     * full softmax ran 5 epochs in 4 minutes, validation still rising, holdout NDCG@10 0.106; the
     * sampled softmax, validated on a time cut, stopped by patience (docs/benchmarks.md).
     *
     * @param itemCount the products
     * @param batchPositions the positions of the largest batch, padding included
     * @param epochPositions the positions of one epoch (the targets it predicts)
     */
    public boolean samplesSoftmax(int itemCount, long batchPositions, long epochPositions) {
        return switch (softmax) {
            case "full" -> false;
            case "sampled" -> true;
            default -> negatives < itemCount && (batchPositions * itemCount > FULL_SOFTMAX_BATCH_LOGITS
                    || (double) epochPositions * itemCount * FULL_SOFTMAX_MIN_EPOCHS
                    > FULL_SOFTMAX_LOGITS_PER_MINUTE * maxMinutes);
        };
    }

    private static String headsRefusal(int heads, int dimension) {
        return "heads (" + heads + ") must divide dimension (" + dimension + ")";
    }

    static SequenceParams read(ParamsReader in) {
        int dimension = in.integer(DIMENSION, DEFAULTS.dimension);
        int heads = in.integer(HEADS, DEFAULTS.heads);
        if (dimension % heads != 0) {
            in.refuse("heads", headsRefusal(heads, dimension));
            heads = 1;
        }
        return new SequenceParams(in.integer(MAX_LENGTH, DEFAULTS.maxLength), dimension,
                in.integer(BLOCKS, DEFAULTS.blocks), heads,
                in.number(DROPOUT, DEFAULTS.dropout),
                in.number(LEARNING_RATE, DEFAULTS.learningRate),
                in.integer(BATCH_SIZE, DEFAULTS.batchSize),
                in.integer(MAX_EPOCHS, DEFAULTS.maxEpochs),
                in.integer(VALIDATE_EVERY, DEFAULTS.validateEvery),
                in.integer(PATIENCE, DEFAULTS.patience),
                in.choice(SOFTMAX_CHOICE, DEFAULTS.softmax),
                in.integer(NEGATIVES, DEFAULTS.negatives),
                in.number(MAX_MINUTES, DEFAULTS.maxMinutes),
                in.integer(MIN_INTERACTIONS, DEFAULTS.minInteractions),
                in.integer(SEED, (int) DEFAULTS.seed));
    }

    /** The same params with another length, dimension, block count and head count. */
    public SequenceParams withShape(int newMaxLength, int newDimension, int newBlocks, int newHeads) {
        return new SequenceParams(newMaxLength, newDimension, newBlocks, newHeads, dropout, learningRate, batchSize,
                maxEpochs, validateEvery, patience, softmax, negatives, maxMinutes, minInteractions, seed);
    }

    /** The same params with another dropout, learning rate and batch size. */
    public SequenceParams withOptimizer(double newDropout, double newLearningRate, int newBatchSize) {
        return new SequenceParams(maxLength, dimension, blocks, heads, newDropout, newLearningRate, newBatchSize,
                maxEpochs, validateEvery, patience, softmax, negatives, maxMinutes, minInteractions, seed);
    }

    /** The same params with other stopping rules. */
    public SequenceParams withStopping(int newMaxEpochs, int newValidateEvery, int newPatience, double newMaxMinutes) {
        return new SequenceParams(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, newMaxEpochs,
                newValidateEvery, newPatience, softmax, negatives, newMaxMinutes, minInteractions, seed);
    }

    /** The same params with another softmax and negative count. */
    public SequenceParams withSoftmax(String newSoftmax, int newNegatives) {
        return new SequenceParams(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, maxEpochs,
                validateEvery, patience, newSoftmax, newNegatives, maxMinutes, minInteractions, seed);
    }

    /** The same params with another own-profile threshold and seed. */
    public SequenceParams withProfiles(int newMinInteractions, long newSeed) {
        return new SequenceParams(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, maxEpochs,
                validateEvery, patience, softmax, negatives, maxMinutes, newMinInteractions, newSeed);
    }
}
