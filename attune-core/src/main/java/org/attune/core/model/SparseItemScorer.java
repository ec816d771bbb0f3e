package org.attune.core.model;

/**
 * An {@link ItemScorer} whose scores come from each of the person's products' few
 * neighbours, so a person reaches a small part of the catalog: it can add its scores into a
 * {@link SparseScores} instead of writing one for every product. Both ways give the same
 * scores; products not reached score 0.
 */
public interface SparseItemScorer extends ItemScorer {

    /**
     * Adds the person's scores to {@code scores}, which holds 0 for every product on entry and
     * has room for {@link #itemCount()} products.
     */
    void score(int[] items, float[] values, int count, SparseScores scores);
}
