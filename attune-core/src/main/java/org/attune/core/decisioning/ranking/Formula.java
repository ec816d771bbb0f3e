package org.attune.core.decisioning.ranking;

import dev.cel.runtime.CelEvaluationException;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.ExpressionFailures;
import org.attune.core.decisioning.Expressions;

/**
 * A strategy's ranking formula, evaluated per candidate. A value that is not a finite number,
 * or an evaluation that fails, leaves the candidate out and is reported as {@code formula}.
 * Built for one request and read on its thread.
 */
public final class Formula {
    private final Expressions environment;
    private final Expressions.Compiled formula;
    private final Expressions.Variables variables;
    private final ExpressionFailures failures;

    /** @param variables the request's values (profile, context, step budget), pointed at each candidate in turn */
    public Formula(Expressions environment, Expressions.Compiled formula, Expressions.Variables variables,
                   ExpressionFailures failures) {
        this.environment = environment;
        this.formula = formula;
        this.variables = variables;
        this.failures = failures;
    }

    /** The formula's value for the candidate, or null when it failed (the candidate is left out). */
    public Double value(String productId, Product product, double score) {
        environment.candidate(variables, product, score);
        Double value;
        try {
            Object result = Expressions.evaluate(formula, variables);
            value = result instanceof Number number ? number.doubleValue() : Double.NaN;
        } catch (CelEvaluationException e) {
            failures.failed("formula", e);
            return null;
        }
        if (!Double.isFinite(value)) {
            failures.failed("formula", new IllegalStateException("the formula gave " + value + " for product "
                    + productId));
            return null;
        }
        return value;
    }
}
