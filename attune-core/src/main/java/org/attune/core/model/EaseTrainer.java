package org.attune.core.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Trains {@link EaseModel}: the Gram matrix G = XᵀX of the interaction values plus
 * {@code lambda} on its diagonal, its inverse P, and the item-item weights
 * B = I - P · diag(1 / diag(P)), i.e. {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal
 * and 0 on it. The inverse uses EJML's Cholesky-based {@code invertSPD} (G is symmetric
 * positive definite because of the added diagonal). Thread-safe (stateless).
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
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        double[] g = gram.data;
        for (int person = 0; person < data.personCount(); person++) {
            int start = data.start(person);
            int end = data.end(person);
            for (int a = start; a < end; a++) {
                int row = data.item(a) * n;
                double va = data.value(a);
                for (int b = start; b < end; b++) {
                    g[row + data.item(b)] += va * data.value(b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += params.lambda();
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(gram, inverse)) {
            throw new IllegalStateException("the regularised Gram matrix could not be inverted; raise lambda");
        }
        double[] p = inverse.data;
        float[] weights = new float[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                weights[row + j] = i == j ? 0f : (float) (-p[row + j] / p[j * n + j]);
            }
        }
        return new EaseModel(n, weights);
    }
}
