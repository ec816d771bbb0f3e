package org.attune.core.model;

/**
 * A trained model at request time: scores every product of its catalog for one person
 * described by the products they interacted with. Higher is better; products the model
 * knows nothing about score 0 or less. Implementations are thread-safe and keep no state
 * between calls.
 */
public interface ItemScorer {

    /** Number of products the model scores (its product indexes are 0 .. itemCount - 1). */
    int itemCount();

    /**
     * Writes a score for every product into {@code scores} (length {@link #itemCount()}).
     *
     * @param items the person's products (indexes), each once; oldest first where the caller
     *     knows the order (the session protocol passes a session's clicks by their latest click)
     * @param values how strongly, one per product; a caller may fold recency into them (the
     *     session protocol weights older clicks less), and scorers that sum per-product
     *     contributions weight them by these values
     * @param count how many of {@code items} and {@code values} to read
     */
    void score(int[] items, float[] values, int count, float[] scores);
}
