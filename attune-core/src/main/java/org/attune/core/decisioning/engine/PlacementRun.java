package org.attune.core.decisioning.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Definitions;

/**
 * One placement of a request: its strategy's turn, then its fallbacks' in order while fewer
 * products were chosen than it shows; the answer says which fallback answered and why the
 * placement's own strategy gave too few. The recId is left null for the engine, which issues
 * it once it knows whether the answer is logged. Not thread-safe: a request's own.
 */
final class PlacementRun {
    private final Stages stages;
    private final RequestScope scope;

    PlacementRun(Stages stages, RequestScope scope) {
        this.stages = stages;
        this.scope = scope;
    }

    /** @param items how many products to show instead of the placement's count, or null */
    Decision.PlacementAnswer run(Definitions.Placement placement, Integer items) {
        int want = items == null ? placement.items() : items;
        List<Definitions.Strategy> chain = FallbackChain.of(scope.compiled, placement.strategy());
        List<Decision.Item> chosen = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Decision.ExpressionError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> capped = placement.cap() == null ? Map.of()
                : stages.shown().counts(scope.personKey, placement.id(), placement.cap().hours(), scope.now);
        String fallback = null;
        String fallbackReason = null;
        for (Definitions.Strategy strategy : chain) {
            if (chosen.size() >= want) {
                break;
            }
            int before = chosen.size();
            new StrategyTurn(stages, scope, strategy).pick(placement, want - chosen.size(), taken, capped, chosen,
                    errors, warnings);
            if (strategy == chain.get(0) && chosen.size() < want) {
                fallbackReason = FallbackChain.reason(strategy, scope, chosen.size(), want);
            } else if (strategy != chain.get(0) && chosen.size() > before && fallback == null) {
                fallback = strategy.id();
            }
        }
        chosen.forEach(item -> scope.used.add(item.id()));
        return new Decision.PlacementAnswer(placement.id(), null, placement.strategy(),
                fallback == null ? "personalized" : "fallback", fallback,
                fallback == null && chosen.size() >= want ? null : fallbackReason, List.copyOf(chosen),
                List.copyOf(errors), List.copyOf(warnings));
    }
}
