package org.attune.core.model;

/**
 * Trains {@link EaseModel}: the Gram matrix G = XᵀX of the interaction values plus
 * {@code lambda} on its diagonal, its inverse P, and the item-item weights
 * B = I - P · diag(1 / diag(P)), i.e. {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal
 * and 0 on it. G is symmetric positive definite because of the added diagonal, and
 * {@link SpdInverse} inverts it in place through its Cholesky factorisation, on all cores.
 * Thread-safe (stateless).
 */
public final class EaseTrainer {
    private final EaseParams params;

    public EaseTrainer(EaseParams params) {
        this.params = params;
    }

    /**
     * @throws IllegalArgumentException when the data has more products than {@link EaseParams#maxItems()}
     */
    public EaseModel train(Interactions data) {
        int n = data.itemCount();
        if (n > params.maxItems()) {
            throw new IllegalArgumentException("EASE inverts an item-item matrix: " + n + " products is more than"
                    + " maxItems " + params.maxItems() + "; use a factorisation model for catalogs this large");
        }
        double[][] gram = new double[n][n];
        for (int person = 0; person < data.personCount(); person++) {
            int start = data.start(person);
            int end = data.end(person);
            for (int a = start; a < end; a++) {
                double[] row = gram[data.item(a)];
                double va = data.value(a);
                for (int b = start; b < end; b++) {
                    row[data.item(b)] += va * data.value(b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            gram[i][i] += params.lambda();
        }
        try {
            SpdInverse.invertInPlace(gram);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the regularised Gram matrix could not be inverted; raise lambda", e);
        }
        double[][] inverse = gram;
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = inverse[j][j];
        }
        float[] weights = new float[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double[] inverseRow = inverse[i];
            for (int j = 0; j < n; j++) {
                weights[row + j] = i == j ? 0f : (float) (-inverseRow[j] / diagonal[j]);
            }
        }
        return new EaseModel(n, weights);
    }
}
