package org.attune.core.decisioning;

/**
 * Where a stage of a decision reports an expression that failed on a candidate (the
 * candidate is left out): the answer lists each failing expression with the number of
 * products it failed on, and the engine counts them. A request's own; not thread-safe.
 */
@FunctionalInterface
public interface ExpressionFailures {

    /**
     * @param part {@code eligibility} or {@code formula}
     * @param cause why, its message shown in the answer
     */
    void failed(String part, Exception cause);
}
