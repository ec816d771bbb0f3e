package org.attune.bench.peers;

import org.attune.core.model.PersonScorer;

/**
 * A trained matrix factorisation: a vector per person and per product, a person's score for a
 * product the dot product of the two. People and products without a vector (none learned for
 * them) have zeros, so they score 0. Immutable; scoring is thread-safe.
 */
public final class FactorModel implements PersonScorer {
    private final int rank;
    /** Person p's vector is {@code personFactors[p * rank .. (p + 1) * rank - 1]}. */
    private final float[] personFactors;
    /** Product j's vector is {@code itemFactors[j * rank .. (j + 1) * rank - 1]}. */
    private final float[] itemFactors;

    /**
     * @param rank the length of every vector
     * @param personFactors the people's vectors one after the other (length people x rank)
     * @param itemFactors the products' vectors one after the other (length products x rank)
     */
    public FactorModel(int rank, float[] personFactors, float[] itemFactors) {
        if (rank < 1 || personFactors.length % rank != 0 || itemFactors.length % rank != 0) {
            throw new IllegalArgumentException("factor arrays must hold whole vectors of length " + rank
                    + ", got " + personFactors.length + " and " + itemFactors.length + " values");
        }
        this.rank = rank;
        this.personFactors = personFactors;
        this.itemFactors = itemFactors;
    }

    public int rank() {
        return rank;
    }

    public int personCount() {
        return personFactors.length / rank;
    }

    @Override
    public int itemCount() {
        return itemFactors.length / rank;
    }

    @Override
    public void score(int person, int[] items, float[] values, int count, float[] scores) {
        int p = person * rank;
        for (int j = 0, at = 0; j < itemFactors.length / rank; j++, at += rank) {
            float dot = 0;
            for (int f = 0; f < rank; f++) {
                dot += personFactors[p + f] * itemFactors[at + f];
            }
            scores[j] = dot;
        }
    }
}
