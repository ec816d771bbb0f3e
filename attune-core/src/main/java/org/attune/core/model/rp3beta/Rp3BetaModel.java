package org.attune.core.model.rp3beta;

import java.io.DataInputStream;
import java.io.IOException;
import org.attune.core.model.NeighborListScorer;

/**
 * A trained RP3beta model: for each product, its strongest neighbours with their weights
 * W[i][j] (see {@link Rp3BetaTrainer}), best first, ties by the lower index; a product never
 * is its own neighbour. Scored and kept as every neighbour-list model is
 * ({@link NeighborListScorer}). Immutable; scoring is thread-safe.
 */
public final class Rp3BetaModel extends NeighborListScorer {

    /** Rows of equal length per product, neighbours as product indexes below {@code neighbors.length}. */
    Rp3BetaModel(int[][] neighbors, float[][] weights) {
        super(neighbors, weights);
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws IOException when the input ends early or does not hold such a model
     */
    public static Rp3BetaModel read(DataInputStream in) throws IOException {
        return readLists(in, Rp3BetaModel::new);
    }
}
