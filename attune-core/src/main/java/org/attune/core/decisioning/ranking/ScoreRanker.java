package org.attune.core.decisioning.ranking;

import java.util.ArrayList;
import java.util.List;

/** Ranks by the sources' score ({@code ranking.by: score}). */
public final class ScoreRanker implements Ranker {

    @Override
    public List<RankedCandidate> rank(List<RankedCandidate> candidates) {
        List<RankedCandidate> ranked = new ArrayList<>(candidates.size());
        candidates.forEach(c -> ranked.add(c.withValue(c.score())));
        ranked.sort(RankedCandidate.BEST_FIRST);
        return ranked;
    }
}
