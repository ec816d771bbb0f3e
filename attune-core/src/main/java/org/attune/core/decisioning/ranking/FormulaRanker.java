package org.attune.core.decisioning.ranking;

import java.util.ArrayList;
import java.util.List;

/** Ranks by the formula's value ({@code ranking.by: formula}); every candidate must have one. */
public final class FormulaRanker implements Ranker {

    @Override
    public List<RankedCandidate> rank(List<RankedCandidate> candidates) {
        List<RankedCandidate> ranked = new ArrayList<>(candidates.size());
        candidates.forEach(c -> ranked.add(c.withValue(c.formula())));
        ranked.sort(RankedCandidate.BEST_FIRST);
        return ranked;
    }
}
