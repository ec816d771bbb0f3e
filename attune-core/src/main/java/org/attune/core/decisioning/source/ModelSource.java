package org.attune.core.decisioning.source;

import java.util.ArrayList;
import java.util.List;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.Definitions;
import org.attune.core.profile.ProfileSnapshot;
import org.attune.core.training.ModelRecommender;

/**
 * {@code model}: a serving model's products for the person, from their recent events. Proposes
 * nothing without a person. Explains a product by the person's recent products (up to 5)
 * whose related products, by the same model, include it.
 */
public final class ModelSource implements CandidateSource {
    private static final int RECENT_PRODUCTS = 5;
    private static final int RELATED_PER_PRODUCT = 100;

    private final ModelRecommender models;

    public ModelSource(ModelRecommender models) {
        this.models = models;
    }

    @Override
    public String name() {
        return Definitions.SourceType.MODEL.jsonName();
    }

    @Override
    public boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink) {
        if (request.person() == null) {
            return false;
        }
        return ModelCandidates.collect(models, source, null, request.person(), limit, sink);
    }

    @Override
    public List<String> leadingProducts(Definitions.Source source, CandidateRequest request, String productId) {
        ProfileSnapshot profile = request.profile();
        if (profile == null) {
            return List.of();
        }
        List<String> recent = new ArrayList<>();
        for (ProfileSnapshot.RecentEvent event : profile.recentEvents()) {
            for (String product : event.itemIds()) {
                if (!recent.contains(product) && recent.size() < RECENT_PRODUCTS) {
                    recent.add(product);
                }
            }
        }
        List<String> leading = new ArrayList<>();
        for (String product : recent) {
            try {
                ModelRecommender.Answer related = models.recommend(new ModelRecommender.Request(source.model(), null,
                        product, RELATED_PER_PRODUCT, false, null), null);
                if (related.items().stream().anyMatch(i -> i.id().equals(productId))) {
                    leading.add(product);
                }
            } catch (RuntimeException e) {
                return leading;
            }
        }
        return leading;
    }
}
