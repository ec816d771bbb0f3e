package org.attune.core.decisioning.ranking;

import java.util.List;
import org.attune.core.decisioning.Definitions;

/**
 * Orders a strategy's candidates: sets each one's rank value and sorts them best first
 * ({@link RankedCandidate#BEST_FIRST}). One implementation per way of ranking; a learned
 * ranker or an experiment's variant would be another. Stateless and thread-safe.
 */
public interface Ranker {

    /** The candidates with their rank values, best first; the list given is left as it was. */
    List<RankedCandidate> rank(List<RankedCandidate> candidates);

    /** The ranker a strategy's ranking asks for. */
    static Ranker of(Definitions.Ranking ranking) {
        return switch (ranking.by()) {
            case SCORE -> new ScoreRanker();
            case FORMULA -> new FormulaRanker();
            case BLEND -> new BlendRanker(ranking.formulaWeight());
        };
    }
}
