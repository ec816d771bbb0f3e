package org.attune.core.model.sequence;

import java.util.List;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.ParamsReader;
import org.attune.core.model.ScorerFormat;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;

/**
 * The {@code sequence} kind: a self-attentive model over each person's recent products in
 * order, predicting the next ({@link SequenceModel}). Learning needs a tensor library, so the
 * weights come from a {@link SequenceLearner} the wiring hands in (module
 * {@code attune-sequence}); without one the kind can be read and served but not trained. A
 * training starts from the weights of the earlier fit it is given (the holdout's), and then
 * gives every catalog product a profile state ({@link SequenceProfiles}).
 */
public final class SequenceKind implements ModelKind<SequenceParams> {
    private final SequenceLearner learner;

    /** The kind in a build that cannot train it. */
    public SequenceKind() {
        this(null);
    }

    /** @param learner learns the weights, or null where this build has none */
    public SequenceKind(SequenceLearner learner) {
        this.learner = learner;
    }

    @Override
    public String name() {
        return "sequence";
    }

    @Override
    public String label() {
        return "Behavioral sequence";
    }

    @Override
    public String description() {
        return "behavioral sequence: a self-attentive model over each person's recent products in order, predicting"
                + " the next; products with few interactions are grouped with products sharing their attributes";
    }

    @Override
    public Class<SequenceParams> paramsType() {
        return SequenceParams.class;
    }

    @Override
    public SequenceParams defaults() {
        return SequenceParams.DEFAULTS;
    }

    @Override
    public SequenceParams readParams(ParamsReader in) {
        return SequenceParams.read(in);
    }

    @Override
    public TrainedModel train(SequenceParams params, TrainingInput input) {
        if (learner == null) {
            throw new IllegalStateException("this build cannot train sequence models (module attune-sequence is not"
                    + " wired in)");
        }
        SequenceModel start = input.earlier() != null && input.earlier().scorer() instanceof SequenceModel model
                ? model : null;
        SequenceModel learned = learner.learn(input.data().itemCount(), input.data().sequencesInTimeOrder(),
                input.data().sequenceTimesInTimeOrder(), params, start, input.progress());
        return SequenceProfiles.assign(learned, input.data(), input.catalog(), params.minInteractions(), "sequence: "
                + params.blocks() + " blocks, dimension " + params.dimension() + ", length " + params.maxLength());
    }

    @Override
    public List<ScorerFormat<?>> scorerFormats() {
        return List.of(ScorerFormat.of("sequence", SequenceModel.class, SequenceModel::write, SequenceModel::read));
    }

    @Override
    public ModelVersion.ProductProfiles productProfiles(SequenceParams params, TrainedModel trained) {
        int[] counts = ((SequenceModel) trained.scorer()).stateCounts();
        return new ModelVersion.ProductProfiles(params.minInteractions(), counts[SequenceModel.OWN],
                counts[SequenceModel.GROUPED], counts[SequenceModel.UNKNOWN]);
    }

    @Override
    public ProductState productState(ItemScorer scorer, int product) {
        return switch (((SequenceModel) scorer).state(product)) {
            case SequenceModel.OWN -> ProductState.OWN;
            case SequenceModel.GROUPED -> ProductState.GROUPED;
            default -> ProductState.UNKNOWN;
        };
    }
}
