package org.attune.core.model;

/**
 * Parameters of {@link SequentialRulesModel}.
 *
 * @param window how many clicks back a click still counts as following another (default 10):
 *     a click {@code d} positions after another (1 = the very next) strengthens the rule from
 *     that product to its own by {@code 1 / d}
 * @param maxRules the strongest rules kept per product (default 100)
 */
public record SequentialRulesParams(int window, int maxRules) {
    public static final SequentialRulesParams DEFAULTS = new SequentialRulesParams(10, 100);

    public SequentialRulesParams {
        if (window < 1 || window > 1_000) {
            throw new IllegalArgumentException("window must be between 1 and 1,000 clicks, got " + window);
        }
        if (maxRules < 1 || maxRules > 10_000) {
            throw new IllegalArgumentException("maxRules must be between 1 and 10,000, got " + maxRules);
        }
    }
}
