package org.attune.core.model.trending;

import java.util.List;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/** The {@code trending} kind: what is rising now against its own recent past ({@link TrendingModel}). */
public final class TrendingKind implements ModelKind<TrendingParams> {

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public String label() {
        return "Trending";
    }

    @Override
    public String description() {
        return "what is rising now against its own recent past, per catalog and category";
    }

    @Override
    public Class<TrendingParams> paramsType() {
        return TrendingParams.class;
    }

    @Override
    public TrendingParams defaults() {
        return TrendingParams.DEFAULTS;
    }

    @Override
    public TrendingParams readParams(ParamsReader in) {
        return TrendingParams.read(in);
    }

    @Override
    public TrainedModel train(TrendingParams params, TrainingInput input) {
        return new TrainedModel("trending: last " + params.recentHours() + " h against the " + params.baselineDays()
                + " days before", input.productIds(), TrendingModel.train(input.data(), params));
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("trending", TrendingModel.class, TrendingModel::write, TrendingModel::read));
    }
}
