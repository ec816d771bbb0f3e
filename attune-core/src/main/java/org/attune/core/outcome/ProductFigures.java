package org.attune.core.outcome;

/**
 * One product's figures over a range, as {@link Outcomes#products} lists them.
 *
 * @param shown times it was in an answer
 * @param clicks clicks on it that named an answer's recId
 * @param purchases attributed purchases (click-through and view-through)
 * @param revenue their revenue
 */
public record ProductFigures(String product, long shown, long clicks, long purchases, double revenue) {
}
