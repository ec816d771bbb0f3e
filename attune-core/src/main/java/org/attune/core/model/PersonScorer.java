package org.attune.core.model;

/**
 * A trained model that scores every product for one person of its training data. Unlike an
 * {@link ItemScorer}, which knows a person only by the products it is given, it may use what
 * it learned about that person during training (a factor model's person vector, for one).
 * Offline evaluation scores through this contract; every {@link ItemScorer} is one that
 * ignores who the person is. Higher is better; products the model knows nothing about score
 * 0 or less. Implementations are thread-safe and keep no state between calls.
 */
public interface PersonScorer {

    /** Number of products the model scores (its product indexes are 0 .. itemCount - 1). */
    int itemCount();

    /**
     * Writes a score for every product into {@code scores} (length {@link #itemCount()}).
     *
     * @param person the person's index in the interactions the model was trained on
     * @param items the person's training products (indexes)
     * @param values how strongly, one per product
     * @param count how many of {@code items} and {@code values} to read
     */
    void score(int person, int[] items, float[] values, int count, float[] scores);
}
