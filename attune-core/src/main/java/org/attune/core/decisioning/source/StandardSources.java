package org.attune.core.decisioning.source;

import java.util.List;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.CandidateSources;
import org.attune.core.popularity.Popularity;
import org.attune.core.training.ModelRecommender;

/** The registry of the candidate sources Attune comes with: one line per source type. */
public final class StandardSources {
    private StandardSources() {
    }

    /** Every source type's source, reading the given catalogs, models and popularity. */
    public static CandidateSources create(CatalogService catalogs, ModelRecommender models, Popularity popularity) {
        return new CandidateSources(List.of(
                new ModelSource(models),
                new RelatedSource(models),
                new TrendingSource(catalogs, popularity),
                new RecentlyViewedSource(),
                new CollectionSource(catalogs, popularity)));
    }
}
