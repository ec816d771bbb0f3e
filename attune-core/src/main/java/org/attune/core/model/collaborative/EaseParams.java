package org.attune.core.model.collaborative;

/**
 * Parameters of EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019),
 * with two optional changes to the regularised Gram matrix it inverts: what {@link EaseTrainer}
 * reads. They have no defaults of their own: the {@code collaborative} kind's are
 * {@link CollaborativeParams#DEFAULTS} ({@link CollaborativeParams#easeParams()}).
 *
 * @param lambda L2 regularisation added to the diagonal of the item-item Gram matrix; larger
 *     values favour popular products less. Data sets differ (MovieLens 1M is
 *     usually best near 1,000, MovieLens 100K near 300). With an activity exponent it is
 *     rescaled with the Gram matrix (see {@code activityExponent}), so that a value keeps its
 *     meaning.
 * @param maxItems the most products the closed form is attempted for: it inverts an n x n
 *     matrix in place (memory 12 n^2 bytes while training, of which the model keeps 4 n^2;
 *     time growing with n^3).
 * @param activityExponent each person's interactions enter the Gram matrix with weight
 *     {@code n^-activityExponent}, n being the number of products the person has: very active
 *     people otherwise dominate co-occurrence counts. 0 is plain EASE, 0.5
 *     divides by the square root. {@code lambda} is then multiplied by the ratio of the mean
 *     diagonal of the weighted Gram matrix to that of the unweighted one.
 * @param dropout the dropout probability p of the emphasised denoising linear autoencoder in
 *     its full-rank closed form (EDLAE; Steck, "Autoencoders that don't overfit towards the
 *     identity", NeurIPS 2020): each product's diagonal gets {@code p / (1 - p)} times its own
 *     Gram diagonal added to lambda, a penalty growing with popularity. 0 is plain EASE;
 *     at most 0.9.
 */
public record EaseParams(double lambda, int maxItems, double activityExponent, double dropout) {
    public EaseParams {
        if (!(lambda > 0) || lambda > 1e9) {
            throw new IllegalArgumentException("lambda must be positive (and at most 1e9), got " + lambda);
        }
        if (maxItems < 1 || maxItems > 60_000) {
            throw new IllegalArgumentException("maxItems must be between 1 and 60,000, got " + maxItems);
        }
        if (!(activityExponent >= 0 && activityExponent <= 2)) {
            throw new IllegalArgumentException("activityExponent must be from 0 to 2, got " + activityExponent);
        }
        if (!(dropout >= 0 && dropout <= 0.9)) {
            throw new IllegalArgumentException("dropout must be from 0 to 0.9, got " + dropout);
        }
    }

    /** Plain EASE. */
    public EaseParams(double lambda, int maxItems) {
        this(lambda, maxItems, 0, 0);
    }

    public EaseParams withLambda(double newLambda) {
        return new EaseParams(newLambda, maxItems, activityExponent, dropout);
    }
}
