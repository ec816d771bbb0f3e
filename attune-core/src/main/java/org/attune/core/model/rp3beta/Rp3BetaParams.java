package org.attune.core.model.rp3beta;

import java.util.List;
import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * Parameters of RP3beta (Paudel, Christoffel, Newell and Bernstein, "Updatable, accurate,
 * diverse, and scalable recommendations for interactive applications", ACM TiiS 7(1), 2017):
 * a three-step random walk person, product, person, product, whose item-item transition
 * probabilities are divided by the destination's popularity raised to {@code beta}.
 *
 * <p>The defaults come from a small grid (alpha 0.5 to 1.25, beta 0 to 0.8, 50 to 1,000
 * neighbours, with and without normalised rows) on MovieLens 100K and 1M, random per-person
 * holdout 0.8 with seed 7 (not the seed 42 the reported figures use), full ranking: the best
 * sum of NDCG@10 over both data sets at 200 neighbours. 500 neighbours gained at most 0.004
 * NDCG@10 for 2.5 times the model; beta is the sensitive one (0.6 to 0.7 within 0.01 of the best
 * on both, 0.8 falling 0.1 or more). A published tuning on MovieLens 100K found much the same
 * (alpha 0.41, beta 0.61, 479 neighbours, normalised rows: the baseline tables of
 * faisalse.github.io/IntentAwareRS, searched with the ranges of Dacrema et al.'s framework).
 * The UCI Online Retail purchases agree (within 0.006 NDCG@10 of the best of the same grid),
 * but very sparse data may not: on the Amazon Musical Instruments 5-core reviews (about 7 per
 * person) beta 0 with alpha 0.5 was best, NDCG@10 0.092 against 0.036 with these defaults.
 *
 * @param alpha every transition probability is raised to this power before the walk is
 *     taken: 1 is the plain walk, below 1 flattens the differences between people and
 *     products of different activity, 0 turns the walk into co-occurrence counts. Default
 *     0.75; from 0 to 2.
 * @param beta each product's incoming weight is divided by its popularity (the number of
 *     people who have it) raised to this power: 0 is the plain walk (P3alpha), larger values
 *     favour less popular products. Default 0.65; from 0 to 2.
 * @param maxNeighbors related products kept per product, the strongest first (default 200,
 *     from 1 to 1,000): the model keeps at most this many weights per product (8 bytes each),
 *     so its size and scoring time grow with it, not with the catalog.
 * @param rowWeights {@code normalized} (the default): each product's kept weights are divided
 *     by their sum after the truncation, so that they are again a probability distribution and
 *     every product of a person counts alike whatever its popularity; {@code raw}: kept as
 *     walked, so that products with strong neighbours weigh more (better on very sparse data,
 *     with beta 0). A word rather than a true/false flag, as params have numbers and words.
 */
public record Rp3BetaParams(double alpha, double beta, int maxNeighbors, String rowWeights) implements ModelParams {
    /** {@link #rowWeights} dividing each product's weights by their sum. */
    public static final String NORMALIZED = "normalized";
    /** {@link #rowWeights} keeping the weights as walked. */
    public static final String RAW = "raw";

    private static final ParamSpec.Decimal ALPHA = new ParamSpec.Decimal("alpha", 0, 2);
    private static final ParamSpec.Decimal BETA = new ParamSpec.Decimal("beta", 0, 2);
    private static final ParamSpec.Whole MAX_NEIGHBORS = new ParamSpec.Whole("maxNeighbors", 1, 1_000);
    private static final ParamSpec.Choice ROW_WEIGHTS = new ParamSpec.Choice("rowWeights", List.of(NORMALIZED, RAW));

    public static final Rp3BetaParams DEFAULTS = new Rp3BetaParams(0.75, 0.65, 200, NORMALIZED);

    /** @throws IllegalArgumentException naming a field out of its range */
    public Rp3BetaParams {
        ALPHA.check(alpha);
        BETA.check(beta);
        MAX_NEIGHBORS.check(maxNeighbors);
        ROW_WEIGHTS.check(rowWeights);
    }

    static Rp3BetaParams read(ParamsReader in) {
        return new Rp3BetaParams(in.number(ALPHA, DEFAULTS.alpha), in.number(BETA, DEFAULTS.beta),
                in.integer(MAX_NEIGHBORS, DEFAULTS.maxNeighbors), in.choice(ROW_WEIGHTS, DEFAULTS.rowWeights));
    }

    /** Whether each product's kept weights are divided by their sum. */
    boolean normalizeRows() {
        return NORMALIZED.equals(rowWeights);
    }

    public Rp3BetaParams withAlpha(double newAlpha) {
        return new Rp3BetaParams(newAlpha, beta, maxNeighbors, rowWeights);
    }

    public Rp3BetaParams withBeta(double newBeta) {
        return new Rp3BetaParams(alpha, newBeta, maxNeighbors, rowWeights);
    }

    public Rp3BetaParams withMaxNeighbors(int newMaxNeighbors) {
        return new Rp3BetaParams(alpha, beta, newMaxNeighbors, rowWeights);
    }

    public Rp3BetaParams withRowWeights(String newRowWeights) {
        return new Rp3BetaParams(alpha, beta, maxNeighbors, newRowWeights);
    }
}
