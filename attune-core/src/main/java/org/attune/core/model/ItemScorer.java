package org.attune.core.model;

/**
 * A trained model at request time: scores every product of its catalog for one person
 * described by the products they interacted with. Higher is better; products the model
 * knows nothing about score 0 or less. Implementations are thread-safe and keep no state
 * between calls. It is a {@link PersonScorer} that ignores who the person is, so it can
 * also serve people it never saw.
 */
public interface ItemScorer extends PersonScorer {

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

    /** Scores from the person's products alone: {@code person} is not used. */
    @Override
    default void score(int person, int[] items, float[] values, int count, float[] scores) {
        score(items, values, count, scores);
    }
}
