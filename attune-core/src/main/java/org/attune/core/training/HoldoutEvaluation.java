package org.attune.core.training;

import java.util.function.DoubleConsumer;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.Split;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * How a training measures a definition before it trains on everything: its kind on a global
 * time holdout next to popularity, trained on the earliest 90% of interactions and evaluated
 * for people active on both sides (at most 5,000, spread evenly). Thread-safe (stateless but
 * for the kinds it trains with).
 */
final class HoldoutEvaluation {
    /** Share of interactions, by time, that the holdout trains on. */
    static final double HOLDOUT_TRAIN_FRACTION = 0.9;
    /** People evaluated on the holdout at most (spread evenly), to bound the cost on large data. */
    static final int MAX_HOLDOUT_PEOPLE = 5_000;
    /** Fewer test people than this and no metrics are reported. */
    static final int MIN_HOLDOUT_PEOPLE = 5;

    /**
     * The holdout's metrics and the model trained on its earlier part (same product numbering as
     * the data), from which the final training may start.
     */
    record Holdout(ModelVersion.OfflineMetrics metrics, TrainedModel model) {
    }

    private final ModelKinds kinds;

    HoldoutEvaluation(ModelKinds kinds) {
        this.kinds = kinds;
    }

    /**
     * Trains and measures the definition on the holdout; null when the data has too few
     * people on both sides of the cut (or no time order).
     *
     * @param checkStop called before and after the kind trains; it throws to stop the evaluation
     * @param progress told the share of the kind's training done
     */
    Holdout evaluate(ModelDefinition definition, Interactions data, CatalogView catalog, Runnable checkStop,
                     DoubleConsumer progress) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < data.size(); i++) {
            first = Math.min(first, data.time(i));
            last = Math.max(last, data.time(i));
        }
        if (first >= last) {
            return null;
        }
        Split split = Split.timeSplit(data, HOLDOUT_TRAIN_FRACTION);
        int testPeople = split.testPeople();
        if (testPeople < MIN_HOLDOUT_PEOPLE) {
            return null;
        }
        int[][] test = split.test();
        if (testPeople > MAX_HOLDOUT_PEOPLE) {
            test = new int[test.length][];
            int seen = 0;
            int kept = 0;
            for (int p = 0; p < test.length; p++) {
                int[] items = split.test()[p];
                boolean keep = items.length > 0 && (long) seen++ * MAX_HOLDOUT_PEOPLE / testPeople >= kept;
                test[p] = keep ? items : new int[0];
                kept += keep ? 1 : 0;
            }
            split = new Split(split.train(), test, split.protocol());
        }
        checkStop.run();
        TrainedModel model = kinds.train(definition, new TrainingInput(split.train(), catalog, null, progress));
        checkStop.run();
        Evaluator evaluator = new Evaluator(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        RankingMetrics ours = evaluator.evaluate(model.scorer(), split, 10).get(0);
        RankingMetrics popularity = evaluator.evaluate(PopularityModel.train(split.train()), split, 10).get(0);
        return new Holdout(new ModelVersion.OfflineMetrics("global time split: the earliest 90% of interactions"
                + " train, each person's later products are the test (full ranking, earlier products excluded)",
                split.testPeople(), ours.hitRate(), ours.ndcg(), popularity.hitRate(), popularity.ndcg()), model);
    }
}
