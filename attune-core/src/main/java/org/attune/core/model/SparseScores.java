package org.attune.core.model;

import java.util.Arrays;

/**
 * Scores of the few products a neighbourhood model reaches for one person, kept beside the
 * list of the products it touched, so a request reads and clears only those instead of
 * filling and scanning a score for every product of the catalog. A scorer adds into scores
 * that are all 0: the user calls {@link #clear} (which resets only the noted products) before
 * each fill. Not thread-safe; one request uses one at a time.
 */
public final class SparseScores {
    private float[] scores = new float[0];
    private int[] touched = new int[16];
    private int size;

    /** Makes room for products 0 .. itemCount - 1; the scores must already be cleared. */
    public void ensureCapacity(int itemCount) {
        if (scores.length < itemCount) {
            scores = new float[itemCount];
        }
    }

    /** Adds {@code amount} to the product's score, noting the product the first time it leaves 0. */
    public void add(int product, float amount) {
        if (amount == 0f) {
            return;
        }
        if (scores[product] == 0f) {
            if (size == touched.length) {
                touched = Arrays.copyOf(touched, size * 2);
            }
            touched[size++] = product;
        }
        scores[product] += amount;
    }

    /**
     * How many products were noted; a product whose score went back to exactly 0 and moved
     * again is noted twice, so readers take a product's score once and clear it as they go.
     */
    public int touchedCount() {
        return size;
    }

    /** The i-th noted product. */
    public int touched(int i) {
        return touched[i];
    }

    /** The product's current score (0 for one not reached). */
    public float score(int product) {
        return scores[product];
    }

    /** The product's score, leaving 0 in its place (so a product noted twice is read once). */
    public float take(int product) {
        float score = scores[product];
        scores[product] = 0f;
        return score;
    }

    /** Sets a reached product's score (to mark it left out, say); leaves an unreached one alone. */
    public void setIfTouched(int product, float score) {
        if (scores[product] != 0f) {
            scores[product] = score;
        }
    }

    /** Returns every score to 0 and forgets the noted products. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            scores[touched[i]] = 0f;
        }
        size = 0;
    }
}
