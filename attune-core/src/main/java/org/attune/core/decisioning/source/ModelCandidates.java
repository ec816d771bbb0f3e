package org.attune.core.decisioning.source;

import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.Definitions;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.training.ModelRecommender;

/** Asks a serving model for candidates: what the model and related sources share. */
final class ModelCandidates {
    private ModelCandidates() {
    }

    /**
     * The model's products for the person (when {@code item} is null) or related to {@code item},
     * each scaled by the model's best score. A model that cannot answer is a warning.
     *
     * @return whether the model gave {@code limit} products, so that more may be had
     */
    static boolean collect(ModelRecommender models, Definitions.Source source, String item,
                           LiveProfiles.Person person, int limit, CandidateSink sink) {
        ModelRecommender.Answer answer;
        try {
            answer = models.recommend(new ModelRecommender.Request(source.model(), null, item, limit, false, null),
                    item == null ? person : null);
        } catch (RuntimeException e) {
            sink.warn("source " + source.label() + " did not answer: " + e.getMessage());
            return false;
        }
        double best = answer.items().isEmpty() ? 1 : Math.max(1e-12, answer.items().get(0).score());
        for (ModelRecommender.Item modelItem : answer.items()) {
            sink.add(modelItem.id(), modelItem.score() / best, modelItem.product());
        }
        return answer.items().size() == limit;
    }
}
