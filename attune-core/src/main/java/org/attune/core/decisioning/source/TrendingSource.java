package org.attune.core.decisioning.source;

import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.Definitions;
import org.attune.core.popularity.Popularity;

/**
 * {@code trending}: the catalog's trending products ({@link Popularity}), strongest first, in
 * the page's category when one is given; each scored by its trending score over the
 * catalog's strongest. Also the built-in strategy {@code trending} of
 * {@code GET /v1/recommendations}, which walks the same products ({@link #walk}) with their
 * decayed scores.
 */
public final class TrendingSource implements CandidateSource {
    private final CatalogService catalogs;
    private final Popularity popularity;

    /** Visits trending products in order. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param place the product's place in {@link Popularity.Ranking#trending()}
         * @param product the product as the catalog holds it now, or null when it does not
         * @return whether to go on
         */
        boolean visit(int place, String id, Product product);
    }

    public TrendingSource(CatalogService catalogs, Popularity popularity) {
        this.catalogs = catalogs;
        this.popularity = popularity;
    }

    @Override
    public String name() {
        return Definitions.SourceType.TRENDING.jsonName();
    }

    @Override
    public boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink) {
        Popularity.Ranking ranking = popularity.ranking(request.catalog());
        double best = ranking.trending().length == 0 ? 1 : Math.max(1e-12, ranking.trendingScores()[0]);
        int[] added = {0};
        return walk(request.catalog(), ranking, request.category(), (place, id, product) -> {
            sink.add(id, ranking.trendingScores()[place] / best);
            return ++added[0] < limit;
        });
    }

    /**
     * Walks the catalog's trending products in order: every one, or with a category only those
     * the catalog holds in it, until the visitor stops.
     *
     * @param category a value of the catalog's category attribute, or null for every product
     * @return whether the visitor stopped the walk
     * @throws org.attune.core.validation.InvalidInputException when a category is given and the
     *     catalog has no category attribute
     */
    public boolean walk(String catalog, Popularity.Ranking ranking, String category, Visitor visitor) {
        String categoryAttribute = category == null ? null : catalogs.categoryAttribute(catalog);
        LiveProducts live = catalogs.liveProducts(catalog);
        String[] trending = ranking.trending();
        for (int i = 0; i < trending.length; i++) {
            Product product = live.get(trending[i]);
            if (categoryAttribute != null && (product == null || !product.hasValue(categoryAttribute, category))) {
                continue;
            }
            if (!visitor.visit(i, trending[i], product)) {
                return true;
            }
        }
        return false;
    }
}
