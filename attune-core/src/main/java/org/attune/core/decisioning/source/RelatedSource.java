package org.attune.core.decisioning.source;

import java.util.List;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.Definitions;
import org.attune.core.training.ModelRecommender;

/**
 * {@code related}: a serving model's products related to the page's product. Proposes nothing
 * without a context product; explains every product by the context product.
 */
public final class RelatedSource implements CandidateSource {
    private final ModelRecommender models;

    public RelatedSource(ModelRecommender models) {
        this.models = models;
    }

    @Override
    public String name() {
        return Definitions.SourceType.RELATED.jsonName();
    }

    @Override
    public boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink) {
        if (request.contextProduct() == null) {
            return false;
        }
        return ModelCandidates.collect(models, source, request.contextProduct(), null, limit, sink);
    }

    @Override
    public List<String> leadingProducts(Definitions.Source source, CandidateRequest request, String productId) {
        return request.contextProduct() == null ? List.of() : List.of(request.contextProduct());
    }
}
