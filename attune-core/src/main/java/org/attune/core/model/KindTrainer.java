package org.attune.core.model;

import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Trains any registered kind from interactions, by the kind's params: the one place that
 * knows which trainer each kind uses. The {@code sequence} kind learns through a
 * {@link SequenceLearner} given by the wiring; without one it cannot be trained. Thread-safe
 * when the learner is.
 */
public final class KindTrainer {

    /**
     * What kinds that score products by their attributes need of the catalog.
     *
     * @param products the products that can be recommended
     * @param valuesOf a product's attribute values ({@code attribute + U+001F + value}); empty when unknown
     */
    public record CatalogView(List<String> products, Function<String, List<String>> valuesOf) {
    }

    private final SequenceLearner sequenceLearner;

    /** @param sequenceLearner learns {@code sequence} models, or null where this build has none */
    public KindTrainer(SequenceLearner sequenceLearner) {
        this.sequenceLearner = sequenceLearner;
    }

    /** Trains the definition's kind from scratch without reporting progress. */
    public TrainedModel train(ModelDefinition definition, Interactions data, CatalogView catalog) {
        return train(definition, data, catalog, null, done -> { });
    }

    /**
     * Trains the definition's kind.
     *
     * @param catalog the catalog's products and values (read by {@code affinity} and {@code sequence})
     * @param earlier a model of the same definition trained on an earlier part of {@code data}
     *     (same product numbering), or null; {@code sequence} starts from its weights, so that
     *     the final fit after the holdout evaluation costs a few epochs instead of a whole training
     * @param progress told the share done by kinds that take long (0 to 1); may throw to stop the training
     */
    public TrainedModel train(ModelDefinition definition, Interactions data, CatalogView catalog,
                              TrainedModel earlier, DoubleConsumer progress) {
        ModelParams params = definition.params();
        String[] ids = new String[data.itemCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = data.itemId(i);
        }
        if (params instanceof ModelParams.Affinity affinity) {
            AffinityModel model = AffinityModel.train(data, catalog.products(), catalog.valuesOf(), affinity);
            return new TrainedModel("affinity over " + model.valueCount() + " attribute values, half-life "
                    + affinity.halfLifeDays() + " days, popularity prior " + affinity.popularityPrior(),
                    model.productIds(), model);
        }
        if (params instanceof ModelParams.CoOccurrence coOccurrence) {
            return new TrainedModel("co_occurrence " + coOccurrence.measure() + ", sessions cut after "
                    + coOccurrence.sessionGapMinutes() + " min", ids, CoOccurrenceModel.train(data, coOccurrence));
        }
        if (params instanceof ModelParams.Trending trending) {
            return new TrainedModel("trending: last " + trending.recentHours() + " h against the "
                    + trending.baselineDays() + " days before", ids, TrendingModel.train(data, trending));
        }
        if (params instanceof ModelParams.Collaborative collaborative) {
            return collaborative(collaborative, data, ids);
        }
        if (params instanceof ModelParams.Sequence sequence) {
            SequenceModel start = earlier != null && earlier.scorer() instanceof SequenceModel model ? model : null;
            return sequence(sequence, data, catalog, start, progress);
        }
        throw new IllegalArgumentException("no trainer for kind '" + definition.kind() + "'");
    }

    private TrainedModel sequence(ModelParams.Sequence params, Interactions data, CatalogView catalog,
                                  SequenceModel start, DoubleConsumer progress) {
        if (sequenceLearner == null) {
            throw new IllegalStateException("this build cannot train sequence models (module attune-sequence is not"
                    + " wired in)");
        }
        SequenceModel learned = sequenceLearner.learn(data.itemCount(), data.sequencesInTimeOrder(), params, start,
                progress);
        return SequenceProfiles.assign(learned, data, catalog, params.minInteractions(), "sequence: "
                + params.blocks() + " blocks, dimension " + params.dimension() + ", length " + params.maxLength());
    }

    private static TrainedModel collaborative(ModelParams.Collaborative params, Interactions data, String[] ids) {
        CollaborativeTrainer trainer = new CollaborativeTrainer(params);
        return new TrainedModel(trainer.describe(data), ids, trainer.train(data));
    }
}
