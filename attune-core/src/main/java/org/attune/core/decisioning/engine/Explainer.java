package org.attune.core.decisioning.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.CandidateSources;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.ranking.RankedCandidate;
import org.attune.core.profile.ProfileSnapshot;

/**
 * Says why a product was chosen: the sources that proposed it with their scores, the
 * formula's value, the person's strongest affinities it matches (up to 3), and the products
 * that led its sources to it (each source says which, {@link
 * org.attune.core.decisioning.CandidateSource#leadingProducts}). Thread-safe.
 */
final class Explainer {
    private static final int MAX_ATTRIBUTES = 3;

    private final CandidateSources sources;

    Explainer(CandidateSources sources) {
        this.sources = sources;
    }

    Decision.Explanation explain(Definitions.Strategy strategy, RankedCandidate chosen, RequestScope scope) {
        List<String> attributes = new ArrayList<>();
        ProfileSnapshot profile = scope.profile();
        if (profile != null) {
            List<Map.Entry<String, Double>> matched = new ArrayList<>();
            profile.affinities().forEach((attribute, values) -> {
                for (ProfileSnapshot.Affinity affinity : values) {
                    if (chosen.product().hasValue(attribute, affinity.value())) {
                        matched.add(Map.entry(attribute + ":" + affinity.value(), affinity.score()));
                    }
                }
            });
            matched.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            matched.stream().limit(MAX_ATTRIBUTES).forEach(m -> attributes.add(m.getKey()));
        }
        List<String> products = new ArrayList<>();
        for (Definitions.Source source : strategy.sources()) {
            if (chosen.sources().containsKey(source.label())) {
                products.addAll(sources.source(source.type()).leadingProducts(source, scope, chosen.id()));
            }
        }
        return new Decision.Explanation(Map.copyOf(chosen.sources()), chosen.formula(), List.copyOf(attributes),
                List.copyOf(new LinkedHashSet<>(products)));
    }
}
