package org.attune.core.decisioning.ranking;

import java.util.Comparator;
import java.util.Map;
import org.attune.core.catalog.Product;

/**
 * A candidate that passed the filters, on its way through ranking.
 *
 * @param score its best score from its sources, 0 to 1
 * @param formula the strategy's formula's value for it, or null when the strategy has none
 * @param value its rank value, higher first: the score until a {@link Ranker} sets it
 * @param sources the sources that proposed it, by label, with their scores
 */
public record RankedCandidate(String id, Product product, double score, Double formula, double value,
                              Map<String, Double> sources) {
    /** Higher value first, then by id, so that ties always fall the same way. */
    public static final Comparator<RankedCandidate> BEST_FIRST =
            Comparator.comparingDouble((RankedCandidate r) -> -r.value).thenComparing(r -> r.id);

    /** A candidate before ranking, its value its score. */
    public static RankedCandidate of(String id, Product product, double score, Double formula,
                                     Map<String, Double> sources) {
        return new RankedCandidate(id, product, score, formula, score, sources);
    }

    /** The same candidate with another rank value. */
    public RankedCandidate withValue(double newValue) {
        return new RankedCandidate(id, product, score, formula, newValue, sources);
    }
}
