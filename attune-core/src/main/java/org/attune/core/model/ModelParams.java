package org.attune.core.model;

import java.util.List;

/**
 * The parameters of one model kind, validated, with defaults declared on each record.
 * Each kind has exactly one record.
 */
public sealed interface ModelParams {

    /**
     * {@code affinity}: a person's weighted, time-decayed preferences over product attributes
     * scored against each product, with a popularity prior.
     *
     * @param halfLifeDays after this many days an interaction counts half as much (default 14)
     * @param popularityPrior weight of the product's popularity added to its affinity score, 0 to 1
     *     (default 0.1)
     */
    record Affinity(double halfLifeDays, double popularityPrior) implements ModelParams {
        public static final Affinity DEFAULTS = new Affinity(14, 0.1);

        static Affinity read(ParamsReader in) {
            return new Affinity(in.number("halfLifeDays", DEFAULTS.halfLifeDays, 0.01, 3_650),
                    in.number("popularityPrior", DEFAULTS.popularityPrior, 0, 1));
        }
    }

    /**
     * {@code co_occurrence}: products seen together in sessions and baskets.
     *
     * @param sessionGapMinutes a pause this long ends a session (default 30)
     * @param measure how pairs are scored: {@code llr} (log-likelihood ratio, default) or
     *     {@code cosine} (co-counts normalised by both products' counts)
     * @param maxNeighbors related products kept per product (default 100)
     * @param minSupport pairs seen together fewer times are ignored (default 2)
     */
    record CoOccurrence(int sessionGapMinutes, String measure, int maxNeighbors, int minSupport)
            implements ModelParams {
        public static final List<String> MEASURES = List.of("llr", "cosine");
        public static final CoOccurrence DEFAULTS = new CoOccurrence(30, "llr", 100, 2);

        static CoOccurrence read(ParamsReader in) {
            return new CoOccurrence(in.integer("sessionGapMinutes", DEFAULTS.sessionGapMinutes, 1, 10_080),
                    in.choice("measure", DEFAULTS.measure, MEASURES),
                    in.integer("maxNeighbors", DEFAULTS.maxNeighbors, 1, 1_000),
                    in.integer("minSupport", DEFAULTS.minSupport, 1, 1_000_000));
        }
    }

    /**
     * {@code collaborative}: people who did alike like alike.
     *
     * @param method {@code auto} (the blend up to {@code maxEaseItems} products, ALS beyond;
     *     default), {@code blend} (EASE and ALS scores mixed, {@link BlendModel}), {@code ease} or
     *     {@code als}
     * @param easeLambda EASE's L2 regularisation (default 500)
     * @param maxEaseItems the most products EASE (alone or in the blend) is used for (default 30,000)
     * @param factors ALS latent factors (default 64)
     * @param iterations ALS sweeps (default 15)
     * @param regularization ALS L2 regularisation (default 3, scaled by
     *     n^{@code regularizationExponent} for a vector with n interactions)
     * @param alpha ALS confidence scaling of interaction strength (default 2)
     * @param easeActivityExponent EASE weighs each person's interactions by n^-exponent, n being
     *     their number of products, so that very active people do not dominate (0 to 2; default
     *     0.5; 0 is plain EASE); see {@link EaseParams#activityExponent()}
     * @param easeDropout EASE's emphasised-dropout penalty p, adding p/(1-p) of each product's
     *     own Gram diagonal to its regularisation (0 to 0.9; default 0.5, which doubles the
     *     diagonal; 0 is plain EASE); see {@link EaseParams#dropout()}
     * @param regularizationExponent ALS penalises a vector with n interactions by
     *     {@code regularization * n^exponent} (0 to 2; default 0.5; 0 is the same for every
     *     vector); see {@link AlsParams#regularizationExponent()}
     * @param alsShare the weight of ALS's standardised scores in the blend, EASE's being
     *     {@code 1 - alsShare} (0 to 1; default 0.5)
     */
    record Collaborative(String method, double easeLambda, int maxEaseItems, int factors, int iterations,
                         double regularization, double alpha, double easeActivityExponent, double easeDropout,
                         double regularizationExponent, double alsShare) implements ModelParams {
        public static final List<String> METHODS = List.of("auto", "blend", "ease", "als");
        public static final Collaborative DEFAULTS = new Collaborative("auto", 500, 30_000, 64, 15, 3, 2, 0.5,
                0.5, 0.5, 0.5);

        static Collaborative read(ParamsReader in) {
            return new Collaborative(in.choice("method", DEFAULTS.method, METHODS),
                    in.number("easeLambda", DEFAULTS.easeLambda, 0.001, 1e9),
                    in.integer("maxEaseItems", DEFAULTS.maxEaseItems, 1, 60_000),
                    in.integer("factors", DEFAULTS.factors, 1, 1_024),
                    in.integer("iterations", DEFAULTS.iterations, 1, 200),
                    in.number("regularization", DEFAULTS.regularization, 0, 1e6),
                    in.number("alpha", DEFAULTS.alpha, 0, 1e6),
                    in.number("easeActivityExponent", DEFAULTS.easeActivityExponent, 0, 2),
                    in.number("easeDropout", DEFAULTS.easeDropout, 0, 0.9),
                    in.number("regularizationExponent", DEFAULTS.regularizationExponent, 0, 2),
                    in.number("alsShare", DEFAULTS.alsShare, 0, 1));
        }

        /** The EASE part of these params. */
        public EaseParams easeParams() {
            return new EaseParams(easeLambda, maxEaseItems, easeActivityExponent, easeDropout);
        }

        /** The same params with another method. */
        public Collaborative withMethod(String newMethod) {
            return new Collaborative(newMethod, easeLambda, maxEaseItems, factors, iterations, regularization, alpha,
                    easeActivityExponent, easeDropout, regularizationExponent, alsShare);
        }
    }

    /**
     * {@code trending}: what is rising now against its own recent past.
     *
     * @param recentHours the window that counts as now (default 24)
     * @param baselineDays the longer window it is compared with (default 14)
     * @param halfLifeHours decay within the recent window (default 12)
     * @param minEvents products with fewer recent events are not trending (default 5)
     */
    record Trending(int recentHours, int baselineDays, double halfLifeHours, int minEvents) implements ModelParams {
        public static final Trending DEFAULTS = new Trending(24, 14, 12, 5);

        static Trending read(ParamsReader in) {
            return new Trending(in.integer("recentHours", DEFAULTS.recentHours, 1, 24 * 30),
                    in.integer("baselineDays", DEFAULTS.baselineDays, 1, 365),
                    in.number("halfLifeHours", DEFAULTS.halfLifeHours, 0.1, 24 * 365),
                    in.integer("minEvents", DEFAULTS.minEvents, 1, 1_000_000));
        }
    }

    /**
     * {@code sequence}: a self-attentive sequence model (SASRec-style) over each person's
     * products in time order, predicting the next one; trained outside the core (module
     * {@code attune-sequence}, on DJL/PyTorch) and served by {@link SequenceModel}'s plain-Java
     * forward pass.
     *
     * @param maxLength the most recent products of a person the model reads (default 50)
     * @param dimension the width of product, position and hidden vectors (default 64)
     * @param blocks causal self-attention blocks (default 2)
     * @param heads attention heads per block; must divide {@code dimension} (default 1)
     * @param dropout dropout rate while training, 0 to 0.9 (default 0.2)
     * @param learningRate Adam's step size, reached after a warm-up (default 0.001)
     * @param batchSize people per mini-batch (default 64: on MovieLens 100K twice the steps of 128
     *     gave NDCG@10 0.114 against 0.095)
     * @param maxEpochs the most passes over the training sequences (default 200)
     * @param validateEvery epochs between two validations (default 2)
     * @param patience validations without a better NDCG@10 before training stops (default 5)
     * @param softmax {@code full} (cross-entropy over every product), {@code sampled} (against
     *     {@code negatives} products drawn by popularity, with the sampling correction) or
     *     {@code auto} (full while a batch has at most 64 M logits, positions x products; default)
     * @param negatives products drawn per batch for the sampled softmax (default 1,024)
     * @param maxMinutes each fit stops after this long, keeping the best validated weights
     *     (default 4; a server training fits twice: on the time holdout's earlier part, then on
     *     everything starting from those weights)
     * @param minInteractions products with fewer interactions do not get a profile of their
     *     own: they are grouped with products sharing their attribute values, or unknown
     *     (default 5)
     * @param seed seeds the initial weights, the batch order, sampling and dropout (default 42)
     */
    record Sequence(int maxLength, int dimension, int blocks, int heads, double dropout, double learningRate,
                    int batchSize, int maxEpochs, int validateEvery, int patience, String softmax, int negatives,
                    double maxMinutes, int minInteractions, long seed) implements ModelParams {
        public static final List<String> SOFTMAX = List.of("auto", "full", "sampled");
        public static final Sequence DEFAULTS = new Sequence(50, 64, 2, 1, 0.2, 0.001, 64, 200, 2, 5, "auto",
                1_024, 4, 5, 42);

        public Sequence {
            check(maxLength, "maxLength", 1, 2_048);
            check(dimension, "dimension", 2, 1_024);
            check(blocks, "blocks", 1, 16);
            check(heads, "heads", 1, 64);
            if (dimension % heads != 0) {
                throw new IllegalArgumentException("heads (" + heads + ") must divide dimension (" + dimension + ")");
            }
            if (!(dropout >= 0 && dropout <= 0.9)) {
                throw new IllegalArgumentException("dropout must be from 0 to 0.9, got " + dropout);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be above 0 and at most 1, got " + learningRate);
            }
            check(batchSize, "batchSize", 1, 65_536);
            check(maxEpochs, "maxEpochs", 1, 100_000);
            check(validateEvery, "validateEvery", 1, 1_000);
            check(patience, "patience", 1, 1_000);
            if (!SOFTMAX.contains(softmax)) {
                throw new IllegalArgumentException("softmax must be one of " + SOFTMAX + ", got " + softmax);
            }
            check(negatives, "negatives", 1, 1_000_000);
            if (!(maxMinutes > 0 && maxMinutes <= 10_080)) {
                throw new IllegalArgumentException("maxMinutes must be above 0 and at most 10080, got " + maxMinutes);
            }
            check(minInteractions, "minInteractions", 1, 1_000_000);
        }

        private static void check(int value, String name, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
            }
        }

        static Sequence read(ParamsReader in) {
            int dimension = in.integer("dimension", DEFAULTS.dimension, 2, 1_024);
            int heads = in.integer("heads", DEFAULTS.heads, 1, 64);
            if (dimension % heads != 0) {
                in.refuse("heads", "heads (" + heads + ") must divide dimension (" + dimension + ")");
                heads = 1;
            }
            return new Sequence(in.integer("maxLength", DEFAULTS.maxLength, 1, 2_048), dimension,
                    in.integer("blocks", DEFAULTS.blocks, 1, 16), heads,
                    in.number("dropout", DEFAULTS.dropout, 0, 0.9),
                    in.number("learningRate", DEFAULTS.learningRate, 1e-6, 1),
                    in.integer("batchSize", DEFAULTS.batchSize, 1, 65_536),
                    in.integer("maxEpochs", DEFAULTS.maxEpochs, 1, 100_000),
                    in.integer("validateEvery", DEFAULTS.validateEvery, 1, 1_000),
                    in.integer("patience", DEFAULTS.patience, 1, 1_000),
                    in.choice("softmax", DEFAULTS.softmax, SOFTMAX),
                    in.integer("negatives", DEFAULTS.negatives, 1, 1_000_000),
                    in.number("maxMinutes", DEFAULTS.maxMinutes, 0.01, 10_080),
                    in.integer("minInteractions", DEFAULTS.minInteractions, 1, 1_000_000),
                    in.integer("seed", (int) DEFAULTS.seed, 0, Integer.MAX_VALUE));
        }

        /** The same params with another length, dimension, block count and head count. */
        public Sequence withShape(int newMaxLength, int newDimension, int newBlocks, int newHeads) {
            return new Sequence(newMaxLength, newDimension, newBlocks, newHeads, dropout, learningRate, batchSize,
                    maxEpochs, validateEvery, patience, softmax, negatives, maxMinutes, minInteractions, seed);
        }

        /** The same params with another dropout, learning rate and batch size. */
        public Sequence withOptimizer(double newDropout, double newLearningRate, int newBatchSize) {
            return new Sequence(maxLength, dimension, blocks, heads, newDropout, newLearningRate, newBatchSize,
                    maxEpochs, validateEvery, patience, softmax, negatives, maxMinutes, minInteractions, seed);
        }

        /** The same params with other stopping rules. */
        public Sequence withStopping(int newMaxEpochs, int newValidateEvery, int newPatience, double newMaxMinutes) {
            return new Sequence(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, newMaxEpochs,
                    newValidateEvery, newPatience, softmax, negatives, newMaxMinutes, minInteractions, seed);
        }

        /** The same params with another softmax and negative count. */
        public Sequence withSoftmax(String newSoftmax, int newNegatives) {
            return new Sequence(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, maxEpochs,
                    validateEvery, patience, newSoftmax, newNegatives, maxMinutes, minInteractions, seed);
        }

        /** The same params with another own-profile threshold and seed. */
        public Sequence withProfiles(int newMinInteractions, long newSeed) {
            return new Sequence(maxLength, dimension, blocks, heads, dropout, learningRate, batchSize, maxEpochs,
                    validateEvery, patience, softmax, negatives, maxMinutes, newMinInteractions, newSeed);
        }
    }
}
