package org.attune.core.decisioning.filter;

import dev.cel.runtime.CelEvaluationException;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.ExpressionFailures;
import org.attune.core.decisioning.Expressions;

/**
 * A strategy's eligibility expression: keeps what it is true for. An evaluation that fails
 * leaves the product out and is reported as {@code eligibility}. Asks for a product the
 * catalog holds, so it goes after {@link UnavailableFilter}.
 */
public final class EligibilityFilter implements CandidateFilter {
    private final Expressions environment;
    private final Expressions.Compiled rule;
    private final Expressions.Variables variables;
    private final ExpressionFailures failures;

    /** @param variables the request's values (profile, context, step budget), pointed at each candidate in turn */
    public EligibilityFilter(Expressions environment, Expressions.Compiled rule, Expressions.Variables variables,
                             ExpressionFailures failures) {
        this.environment = environment;
        this.rule = rule;
        this.variables = variables;
        this.failures = failures;
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        try {
            return environment.eligible(rule, variables, product, score);
        } catch (CelEvaluationException e) {
            failures.failed("eligibility", e);
            return false;
        }
    }
}
