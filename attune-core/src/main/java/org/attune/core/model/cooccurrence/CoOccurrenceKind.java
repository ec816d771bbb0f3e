package org.attune.core.model.cooccurrence;

import java.util.List;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * The {@code co_occurrence} kind: products seen together in sessions and baskets
 * ({@link CoOccurrenceModel}), for a product or for a person's recent products.
 */
public final class CoOccurrenceKind implements ModelKind<CoOccurrenceParams> {

    @Override
    public String name() {
        return "co_occurrence";
    }

    @Override
    public String label() {
        return "Co-occurrence";
    }

    @Override
    public String description() {
        return "products seen together in sessions and baskets (customers who viewed or bought this also viewed or"
                + " bought), for a product or a person's recent products";
    }

    @Override
    public Class<CoOccurrenceParams> paramsType() {
        return CoOccurrenceParams.class;
    }

    @Override
    public CoOccurrenceParams defaults() {
        return CoOccurrenceParams.DEFAULTS;
    }

    @Override
    public CoOccurrenceParams readParams(ParamsReader in) {
        return CoOccurrenceParams.read(in);
    }

    @Override
    public TrainedModel train(CoOccurrenceParams params, TrainingInput input) {
        return new TrainedModel("co_occurrence " + params.measure() + ", sessions cut after "
                + params.sessionGapMinutes() + " min", input.productIds(), CoOccurrenceModel.train(input.data(),
                params));
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("co_occurrence", CoOccurrenceModel.class, CoOccurrenceModel::write,
                CoOccurrenceModel::read));
    }
}
