package org.attune.core.decisioning.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.ExpressionFailures;

/**
 * The expression failures of one strategy's turn, for the placement's answer: how many
 * products each part failed on in the last round, and the last message. Every failure is
 * also counted for the engine's totals. Not thread-safe: a turn's own.
 */
final class FailureTally implements ExpressionFailures {
    private final ExpressionErrorCounts totals;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, String> lastMessage = new HashMap<>();

    FailureTally(ExpressionErrorCounts totals) {
        this.totals = totals;
    }

    @Override
    public void failed(String part, Exception cause) {
        counts.merge(part, 1, Integer::sum);
        lastMessage.put(part, String.valueOf(cause.getMessage()));
        totals.count(part);
    }

    /** Starts a new round: the answer lists only the last round's failures (the totals keep all). */
    void newRound() {
        counts.clear();
    }

    /** The failures of the last round, each with its expression, in the order first met. */
    List<Decision.ExpressionError> errors(Definitions.Strategy strategy) {
        return counts.entrySet().stream().map(e -> new Decision.ExpressionError(strategy.id(), e.getKey(),
                e.getKey().equals("eligibility") ? strategy.eligibility() : strategy.ranking().formula(),
                lastMessage.getOrDefault(e.getKey(), ""), e.getValue())).toList();
    }
}
