package org.attune.core.model;

/**
 * Parameters of EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019).
 *
 * @param lambda L2 regularisation added to the diagonal of the item-item Gram matrix; larger
 *     values favour popular products less. Default 500; data sets differ (MovieLens 1M is
 *     usually best near 1,000, MovieLens 100K near 300).
 * @param maxItems the most products the closed form is attempted for: it inverts an n x n
 *     matrix in place (memory 12 n^2 bytes while training, of which the model keeps 4 n^2;
 *     time growing with n^3). Default 30,000.
 */
public record EaseParams(double lambda, int maxItems) {
    public static final EaseParams DEFAULTS = new EaseParams(500, 30_000);

    public EaseParams {
        if (!(lambda > 0) || lambda > 1e9) {
            throw new IllegalArgumentException("lambda must be positive (and at most 1e9), got " + lambda);
        }
        if (maxItems < 1 || maxItems > 60_000) {
            throw new IllegalArgumentException("maxItems must be between 1 and 60,000, got " + maxItems);
        }
    }

    public EaseParams withLambda(double newLambda) {
        return new EaseParams(newLambda, maxItems);
    }
}
