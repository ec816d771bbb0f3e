package org.attune.core.model;

/**
 * Parameters of implicit alternating least squares (Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets", ICDM 2008).
 *
 * @param factors length of each person's and product's latent vector (default 64)
 * @param iterations sweeps, each solving every person and then every product (default 15)
 * @param regularization L2 penalty on every latent vector (default 0.1)
 * @param alpha confidence per unit of interaction value: an interaction of value v counts
 *     with weight {@code 1 + alpha * v}, every other pair with weight 1 (default 10)
 * @param seed seed of the random start, so that the same data and params give the same model
 *     (default 42)
 * @param regularizationExponent the penalty on a vector with n interactions is
 *     {@code regularization * n^regularizationExponent}: 0 (the default) is the same penalty for
 *     every vector as in Hu et al.; 1 scales it with the interaction count as in ALS-WR (Zhou
 *     et al., "Large-scale parallel collaborative filtering for the Netflix prize", 2008) and
 *     Spark MLlib; Rendle et al. ("Revisiting the performance of iALS on item recommendation
 *     benchmarks", RecSys 2022) tune it between the two
 */
public record AlsParams(int factors, int iterations, double regularization, double alpha, long seed,
                        double regularizationExponent) {
    public static final AlsParams DEFAULTS = new AlsParams(64, 15, 0.1, 10, 42, 0);

    public AlsParams {
        if (factors < 1 || factors > 1_024) {
            throw new IllegalArgumentException("factors must be between 1 and 1,024, got " + factors);
        }
        if (iterations < 1 || iterations > 200) {
            throw new IllegalArgumentException("iterations must be between 1 and 200, got " + iterations);
        }
        if (!(regularization >= 0) || regularization > 1e6) {
            throw new IllegalArgumentException("regularization must be from 0 to 1e6, got " + regularization);
        }
        if (!(alpha >= 0) || alpha > 1e6) {
            throw new IllegalArgumentException("alpha must be from 0 to 1e6, got " + alpha);
        }
        if (!(regularizationExponent >= 0 && regularizationExponent <= 2)) {
            throw new IllegalArgumentException("regularizationExponent must be from 0 to 2, got "
                    + regularizationExponent);
        }
    }

    /** The same penalty for every vector (regularizationExponent 0). */
    public AlsParams(int factors, int iterations, double regularization, double alpha, long seed) {
        this(factors, iterations, regularization, alpha, seed, 0);
    }

    /** The penalty on a vector with {@code interactions} interactions (at least one counted). */
    static double rowRegularization(double regularization, double exponent, int interactions) {
        return exponent == 0 ? regularization : regularization * Math.pow(Math.max(1, interactions), exponent);
    }

    /** The ALS part of the {@code collaborative} kind's params, with the default seed. */
    public static AlsParams of(ModelParams.Collaborative params) {
        return new AlsParams(params.factors(), params.iterations(), params.regularization(), params.alpha(),
                DEFAULTS.seed, params.regularizationExponent());
    }
}
