package org.attune.core.model.collaborative;

/**
 * Parameters of implicit alternating least squares (Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets", ICDM 2008): what {@link AlsTrainer} reads. They
 * have no defaults of their own: the {@code collaborative} kind's are
 * {@link CollaborativeParams#DEFAULTS} ({@link CollaborativeParams#alsParams()}).
 *
 * @param factors length of each person's and product's latent vector
 * @param iterations sweeps, each solving every person and then every product
 * @param regularization L2 penalty on every latent vector
 * @param alpha confidence per unit of interaction value: an interaction of value v counts
 *     with weight {@code 1 + alpha * v}, every other pair with weight 1
 * @param seed seed of the random start, so that the same data and params give the same model
 *     (the kind's is {@link #SEED})
 * @param regularizationExponent the penalty on a vector with n interactions is
 *     {@code regularization * n^regularizationExponent}: 0 is the same penalty for
 *     every vector as in Hu et al.; 1 scales it with the interaction count as in ALS-WR (Zhou
 *     et al., "Large-scale parallel collaborative filtering for the Netflix prize", 2008) and
 *     Spark MLlib; Rendle et al. ("Revisiting the performance of iALS on item recommendation
 *     benchmarks", RecSys 2022) tune it between the two
 */
public record AlsParams(int factors, int iterations, double regularization, double alpha, long seed,
                        double regularizationExponent) {
    /** The seed the {@code collaborative} kind trains with. */
    public static final long SEED = 42;

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
}
