package org.attune.core.model.rp3beta;

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
 * @param normalizeRows whether each product's kept weights are divided by their sum after
 *     the truncation, so that they are again a probability distribution and every product of
 *     a person counts alike whatever its popularity; default true.
 */
public record Rp3BetaParams(double alpha, double beta, int maxNeighbors, boolean normalizeRows) {
    public static final Rp3BetaParams DEFAULTS = new Rp3BetaParams(0.75, 0.65, 200, true);

    public Rp3BetaParams {
        if (!(alpha >= 0 && alpha <= 2)) {
            throw new IllegalArgumentException("alpha must be between 0 and 2, got " + alpha);
        }
        if (!(beta >= 0 && beta <= 2)) {
            throw new IllegalArgumentException("beta must be between 0 and 2, got " + beta);
        }
        if (maxNeighbors < 1 || maxNeighbors > 1_000) {
            throw new IllegalArgumentException("maxNeighbors must be between 1 and 1,000, got " + maxNeighbors);
        }
    }

    public Rp3BetaParams withAlpha(double newAlpha) {
        return new Rp3BetaParams(newAlpha, beta, maxNeighbors, normalizeRows);
    }

    public Rp3BetaParams withBeta(double newBeta) {
        return new Rp3BetaParams(alpha, newBeta, maxNeighbors, normalizeRows);
    }

    public Rp3BetaParams withMaxNeighbors(int newMaxNeighbors) {
        return new Rp3BetaParams(alpha, beta, newMaxNeighbors, normalizeRows);
    }

    public Rp3BetaParams withNormalizeRows(boolean newNormalizeRows) {
        return new Rp3BetaParams(alpha, beta, maxNeighbors, newNormalizeRows);
    }
}
