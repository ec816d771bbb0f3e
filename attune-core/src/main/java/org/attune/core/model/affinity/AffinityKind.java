package org.attune.core.model.affinity;

import java.util.List;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * The {@code affinity} kind: a person's weighted, time-decayed preferences over product
 * attributes scored against each product ({@link AffinityModel}). It reads the catalog's
 * attribute values when training, decays a person's recent events with its half-life at
 * request time, and tells which of the person's attribute values a product matched.
 */
public final class AffinityKind implements ModelKind<AffinityParams> {

    @Override
    public String name() {
        return "affinity";
    }

    @Override
    public String label() {
        return "Attribute affinity";
    }

    @Override
    public String description() {
        return "weighted, time-decayed preferences over product attributes scored against each product, with a"
                + " popularity prior; works from a person's first event";
    }

    @Override
    public Class<AffinityParams> paramsType() {
        return AffinityParams.class;
    }

    @Override
    public AffinityParams defaults() {
        return AffinityParams.DEFAULTS;
    }

    @Override
    public AffinityParams readParams(ParamsReader in) {
        return AffinityParams.read(in);
    }

    @Override
    public TrainedModel train(AffinityParams params, TrainingInput input) {
        AffinityModel model = AffinityModel.train(input.data(), input.catalog().products(),
                input.catalog().valuesOf(), params);
        return new TrainedModel("affinity over " + model.valueCount() + " attribute values, half-life "
                + params.halfLifeDays() + " days, popularity prior " + params.popularityPrior(),
                model.productIds(), model);
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("affinity", AffinityModel.class, AffinityModel::write, AffinityModel::read));
    }

    @Override
    public double recencyHalfLifeDays(AffinityParams params) {
        return params.halfLifeDays();
    }

    @Override
    public List<String> matchedValues(ItemScorer scorer, int product, int[] items, int count) {
        return ((AffinityModel) scorer).matchedValues(product, items, count);
    }
}
