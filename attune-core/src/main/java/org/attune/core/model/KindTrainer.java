package org.attune.core.model;

import java.util.List;
import java.util.function.Function;

/**
 * Trains any registered kind from interactions, by the kind's params: the one place that
 * knows which trainer each kind uses. Thread-safe.
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

    private KindTrainer() {
    }

    /**
     * Trains the definition's kind.
     *
     * @param catalog the catalog's products and values (read by {@code affinity} only)
     */
    public static TrainedModel train(ModelDefinition definition, Interactions data, CatalogView catalog) {
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
        throw new IllegalArgumentException("no trainer for kind '" + definition.kind() + "'");
    }

    private static TrainedModel collaborative(ModelParams.Collaborative params, Interactions data, String[] ids) {
        CollaborativeTrainer trainer = new CollaborativeTrainer(params);
        return new TrainedModel(trainer.describe(data), ids, trainer.train(data));
    }
}
