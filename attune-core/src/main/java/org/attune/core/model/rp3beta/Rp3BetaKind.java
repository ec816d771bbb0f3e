package org.attune.core.model.rp3beta;

import java.util.List;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * The {@code rp3beta} kind: products reached by a three-step random walk from a person's
 * products, with popular destinations discounted ({@link Rp3BetaTrainer}); for a person or for
 * a person's recent products. Trains on all cores.
 */
public final class Rp3BetaKind implements ModelKind<Rp3BetaParams> {

    @Override
    public String name() {
        return "rp3beta";
    }

    @Override
    public String label() {
        return "Random walk (RP3beta)";
    }

    @Override
    public String description() {
        return "products reached by a random walk from a person's products through the people who share them,"
                + " popular products discounted: a fast item-to-item model, strong on ratings and purchases";
    }

    @Override
    public Class<Rp3BetaParams> paramsType() {
        return Rp3BetaParams.class;
    }

    @Override
    public Rp3BetaParams defaults() {
        return Rp3BetaParams.DEFAULTS;
    }

    @Override
    public Rp3BetaParams readParams(ParamsReader in) {
        return Rp3BetaParams.read(in);
    }

    @Override
    public TrainedModel train(Rp3BetaParams params, TrainingInput input) {
        return new TrainedModel("rp3beta alpha=" + params.alpha() + " beta=" + params.beta() + ", "
                + params.maxNeighbors() + " neighbours, " + params.rowWeights() + " rows", input.productIds(),
                new Rp3BetaTrainer(params).train(input.data()));
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("rp3beta", Rp3BetaModel.class, Rp3BetaModel::write, Rp3BetaModel::read));
    }
}
