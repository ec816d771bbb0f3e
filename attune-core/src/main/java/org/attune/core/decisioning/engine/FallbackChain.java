package org.attune.core.decisioning.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Definitions.SourceType;

/**
 * The strategies a placement asks, in order: its own, then its fallbacks depth first (a
 * fallback's fallbacks before the next fallback), each once, at most {@link #MAX_CHAIN}; and
 * why the placement's own strategy gave too few products.
 */
final class FallbackChain {
    /** How many strategies one placement may ask in all (its own and fallbacks, transitively). */
    static final int MAX_CHAIN = 10;

    private FallbackChain() {
    }

    /** The strategy {@code first} and its fallbacks; strategies the catalog no longer has are skipped. */
    static List<Definitions.Strategy> of(DecisioningDefinitions.Compiled compiled, String first) {
        List<Definitions.Strategy> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(first));
        while (!next.isEmpty() && chain.size() < MAX_CHAIN) {
            String id = next.pollFirst();
            Definitions.Strategy strategy = compiled.strategies().get(id);
            if (strategy == null || !seen.add(id)) {
                continue;
            }
            chain.add(strategy);
            List<String> fallbacks = new ArrayList<>(strategy.fallbacks());
            Collections.reverse(fallbacks);
            fallbacks.forEach(next::addFirst);
        }
        return chain;
    }

    /** Why the strategy found {@code got} of the {@code want} products, in words for the answer. */
    static String reason(Definitions.Strategy strategy, RequestScope scope, int got, int want) {
        if (strategy.personal() && scope.person == null) {
            return scope.request.person() == null || scope.request.person().id() == null ? "no person was given"
                    : "nobody is known by this id yet (a new visitor): no profile to personalize from";
        }
        boolean related = strategy.sources().stream().anyMatch(s -> s.type() == SourceType.RELATED);
        if (related && scope.contextProduct == null && strategy.sources().stream()
                .allMatch(s -> s.type() == SourceType.RELATED)) {
            return "no context product was given for the related products";
        }
        if (related && scope.contextProduct != null && scope.live.get(scope.contextProduct) == null) {
            return "the context product '" + scope.contextProduct + "' is not in the catalog";
        }
        if (strategy.personal() && scope.profile() != null && scope.profile().recentEvents().isEmpty()) {
            return "the person has no recent events to personalize from";
        }
        return "the strategy found " + got + " of " + want + " products after its exclusions and eligibility";
    }
}
