package org.attune.core.model;

/**
 * How a model reads behaviour: events of one type, the products they name, and how much
 * each counts.
 *
 * @param name a name unique within the model, e.g. {@code purchases}
 * @param eventType the event type, e.g. {@code purchase}
 * @param productIds where the product ids are in the event
 * @param weight how much one such event counts, positive (1 to 10 recommended)
 * @param value optional: a number in the event that multiplies the weight (e.g. quantity or
 *     revenue); when it yields one number per product it applies product by product, one
 *     number applies to all, anything else counts as 1. Null when not given.
 */
public record Signal(String name, String eventType, SignalPath productIds, double weight, SignalPath value) {
    /** Weights above this are refused; 1 to 10 is the recommended range. */
    public static final double MAX_WEIGHT = 1_000;
}
