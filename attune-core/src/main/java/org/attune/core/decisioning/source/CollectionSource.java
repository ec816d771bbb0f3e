package org.attune.core.decisioning.source;

import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Expressions;
import org.attune.core.popularity.Popularity;

/**
 * {@code collection}: a collection's products (those its filter keeps and those it lists),
 * best sellers first, scored 1 − place ÷ size. A collection's products are worked out again
 * only when the catalog or the collection changed; a filter that fails on a product leaves
 * the product out and is counted ({@code filter}).
 */
public final class CollectionSource implements CandidateSource {
    private final CatalogService catalogs;
    private final Popularity popularity;
    private final Map<String, CollectionProducts> collections = new ConcurrentHashMap<>();

    /** A collection's products as of a catalog revision, best sellers first. */
    private record CollectionProducts(long revision, Definitions.Collection definition, List<String> ids) {
    }

    public CollectionSource(CatalogService catalogs, Popularity popularity) {
        this.catalogs = catalogs;
        this.popularity = popularity;
    }

    @Override
    public String name() {
        return Definitions.SourceType.COLLECTION.jsonName();
    }

    @Override
    public boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink) {
        List<String> ids = products(request.definitions(), source.collection(), sink);
        int n = Math.min(ids.size(), limit);
        for (int i = 0; i < n; i++) {
            sink.add(ids.get(i), 1 - (double) i / Math.max(1, ids.size()));
        }
        return ids.size() > limit;
    }

    /** A collection's products, best sellers first, built again when the catalog changes. */
    private List<String> products(DecisioningDefinitions.Compiled compiled, String id, CandidateSink sink) {
        Definitions.Collection definition = compiled.collections().get(id);
        if (definition == null) {
            return List.of();
        }
        long revision = catalogs.revision(compiled.catalog());
        String key = compiled.catalog() + "\u001F" + id;
        CollectionProducts cached = collections.get(key);
        if (cached != null && cached.revision == revision && cached.definition.equals(definition)) {
            return cached.ids;
        }
        Expressions.Compiled filter = compiled.filters().get(id);
        Set<String> listed = new HashSet<>(definition.productIds());
        LiveProducts live = catalogs.liveProducts(compiled.catalog());
        List<String> ids = new ArrayList<>();
        Expressions.Variables variables = compiled.expressions().variables(Map.of(), Map.of());
        for (String productId : popularity.ranking(compiled.catalog()).bestSellers()) {
            Product product = live.get(productId);
            if (product == null) {
                continue;
            }
            boolean in = listed.contains(productId);
            if (!in && filter != null) {
                compiled.expressions().candidate(variables, product, 0);
                try {
                    in = Boolean.TRUE.equals(Expressions.evaluate(filter, variables));
                } catch (CelEvaluationException e) {
                    sink.expressionFailed("filter");
                }
            }
            if (in) {
                ids.add(productId);
            }
        }
        List<String> frozen = List.copyOf(ids);
        collections.put(key, new CollectionProducts(revision, definition, frozen));
        return frozen;
    }
}
