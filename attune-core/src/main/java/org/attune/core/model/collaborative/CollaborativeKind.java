package org.attune.core.model.collaborative;

import java.util.List;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * The {@code collaborative} kind: people who did alike like alike. EASE, implicit ALS or both
 * blended, as {@link CollaborativeTrainer} chooses by its method and the catalog's size.
 */
public final class CollaborativeKind implements ModelKind<CollaborativeParams> {
    private final int threads;

    /** ALS trains on all cores. */
    public CollaborativeKind() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads ALS solves on (EASE uses the common pool) */
    public CollaborativeKind(int threads) {
        this.threads = threads;
    }

    @Override
    public String name() {
        return "collaborative";
    }

    @Override
    public String label() {
        return "Collaborative filtering";
    }

    @Override
    public String description() {
        return "people who did alike like alike: EASE, or implicit ALS for large catalogs";
    }

    @Override
    public Class<CollaborativeParams> paramsType() {
        return CollaborativeParams.class;
    }

    @Override
    public CollaborativeParams defaults() {
        return CollaborativeParams.DEFAULTS;
    }

    @Override
    public CollaborativeParams readParams(ParamsReader in) {
        return CollaborativeParams.read(in);
    }

    @Override
    public TrainedModel train(CollaborativeParams params, TrainingInput input) {
        CollaborativeTrainer trainer = new CollaborativeTrainer(params, threads);
        return new TrainedModel(trainer.describe(input.data()), input.productIds(), trainer.train(input.data()));
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("ease", EaseModel.class, EaseModel::write, EaseModel::read),
                ScorerFormat.of("als", AlsModel.class, AlsModel::write, AlsModel::read),
                new ScorerFormat<>("blend", BlendModel.class, BlendModel::write, BlendModel::read));
    }
}
