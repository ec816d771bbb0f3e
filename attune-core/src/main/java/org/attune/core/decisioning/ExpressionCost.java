package org.attune.core.decisioning;

import dev.cel.common.ast.CelExpr;
import java.util.List;

/**
 * The most evaluation steps a checked expression can take on one candidate, estimated from its
 * syntax tree before it is saved (CEL for Java has no cost estimator of its own). A step is one
 * sub-expression evaluated, as {@link Expressions#evaluate} counts them at request time. A
 * comprehension ({@code map}, {@code filter}, {@code all}, {@code exists}, {@code exists_one})
 * costs its condition and step once per element of its range: a list or map written out has its
 * own size, one made by another comprehension that one's range size, the sum for lists added
 * with {@code +}, and anything read from the product or the profile {@link #ASSUMED_RANGE}.
 * Stateless and thread-safe.
 */
final class ExpressionCost {
    /**
     * Elements assumed for a list or map the expression does not write out: a string list
     * attribute holds at most 1,000 values ({@code ProductValidator.MAX_LIST_SIZE}).
     */
    static final long ASSUMED_RANGE = 1_000;

    /**
     * The estimate, and the deepest sub-expression that alone exceeds the limit it was made
     * for (null when none does), to point at.
     */
    record Estimate(long steps, CelExpr over) {
    }

    private final long limit;
    private CelExpr over;

    private ExpressionCost(long limit) {
        this.limit = limit;
    }

    /** Estimates {@code root}, noting the deepest part that alone costs more than {@code limit}. */
    static Estimate of(CelExpr root, long limit) {
        ExpressionCost cost = new ExpressionCost(limit);
        long steps = cost.steps(root);
        return new Estimate(steps, cost.over);
    }

    private long steps(CelExpr expr) {
        long steps = switch (expr.getKind()) {
            case SELECT -> add(1, steps(expr.select().operand()));
            case CALL -> {
                long sum = expr.call().target().map(this::steps).orElse(0L);
                yield add(add(1, sum), sum(expr.call().args()));
            }
            case LIST -> add(1, sum(expr.list().elements()));
            case MAP -> {
                long sum = 1;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    sum = add(sum, add(steps(entry.key()), steps(entry.value())));
                }
                yield sum;
            }
            case STRUCT -> {
                long sum = 1;
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    sum = add(sum, steps(entry.value()));
                }
                yield sum;
            }
            case COMPREHENSION -> {
                CelExpr.CelComprehension loop = expr.comprehension();
                long perElement = add(steps(loop.loopCondition()), steps(loop.loopStep()));
                long once = add(add(1, steps(loop.iterRange())), add(steps(loop.accuInit()), steps(loop.result())));
                yield add(once, multiply(size(loop.iterRange()), perElement));
            }
            default -> 1;
        };
        if (steps > limit && over == null) {
            over = expr;
        }
        return steps;
    }

    private long sum(List<CelExpr> exprs) {
        long sum = 0;
        for (CelExpr expr : exprs) {
            sum = add(sum, steps(expr));
        }
        return sum;
    }

    /** How many elements a comprehension over {@code range} visits, at most. */
    private static long size(CelExpr range) {
        return switch (range.getKind()) {
            case LIST -> range.list().elements().size();
            case MAP -> range.map().entries().size();
            case COMPREHENSION -> size(range.comprehension().iterRange());
            case CALL -> {
                CelExpr.CelCall call = range.call();
                if (call.function().equals("_+_") && call.args().size() == 2) {
                    yield add(size(call.args().get(0)), size(call.args().get(1)));
                }
                yield ASSUMED_RANGE;
            }
            default -> ASSUMED_RANGE;
        };
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
