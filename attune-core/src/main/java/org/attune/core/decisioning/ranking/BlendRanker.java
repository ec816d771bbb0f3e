package org.attune.core.decisioning.ranking;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranks by (1 − weight) × score + weight × the formula's value scaled to 0..1 over the
 * candidates (min-max; 0 for all when every value is the same), so that the weight means a
 * share whatever the formula's range ({@code ranking.by: blend}). Every candidate must have a
 * formula value.
 */
public final class BlendRanker implements Ranker {
    private final double weight;

    /** @param weight the formula's share, 0 to 1 */
    public BlendRanker(double weight) {
        this.weight = weight;
    }

    @Override
    public List<RankedCandidate> rank(List<RankedCandidate> candidates) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RankedCandidate c : candidates) {
            min = Math.min(min, c.formula());
            max = Math.max(max, c.formula());
        }
        double range = max - min;
        List<RankedCandidate> ranked = new ArrayList<>(candidates.size());
        for (RankedCandidate c : candidates) {
            double scaled = range > 0 ? (c.formula() - min) / range : 0;
            ranked.add(c.withValue((1 - weight) * c.score() + weight * scaled));
        }
        ranked.sort(RankedCandidate.BEST_FIRST);
        return ranked;
    }
}
