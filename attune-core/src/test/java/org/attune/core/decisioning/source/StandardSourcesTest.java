package org.attune.core.decisioning.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.CandidateSources;
import org.attune.core.decisioning.DecisioningFixture;
import org.attune.core.decisioning.Definitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry: every source type finds its source, and a registry that would not is refused at start-up. */
class StandardSourcesTest {
    private final DecisioningFixture shop = new DecisioningFixture();

    @AfterEach
    void close() {
        shop.close();
    }

    private List<CandidateSource> standard() {
        return List.of(new ModelSource(shop.modelRecommender), new RelatedSource(shop.modelRecommender),
                new TrendingSource(shop.catalogs, shop.popularity), new RecentlyViewedSource(),
                new CollectionSource(shop.catalogs, shop.popularity));
    }

    @Test
    void everySourceTypeFindsTheSourceOfItsName() {
        CandidateSources sources = StandardSources.create(shop.catalogs, shop.modelRecommender, shop.popularity);

        for (Definitions.SourceType type : Definitions.SourceType.values()) {
            assertThat(sources.source(type).name()).isEqualTo(type.jsonName());
        }
        assertThat(sources.names()).containsExactly("collection", "model", "recently_viewed", "related",
                "trending");
        assertThat(sources.source(Definitions.SourceType.TRENDING)).isInstanceOf(TrendingSource.class);
    }

    @Test
    void aRegistryMissingASourceTypeIsRefused() {
        List<CandidateSource> withoutTrending = new ArrayList<>(standard());
        withoutTrending.removeIf(s -> s instanceof TrendingSource);

        assertThatThrownBy(() -> new CandidateSources(withoutTrending)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no candidate source for the source types [trending]");
    }

    @Test
    void twoSourcesOfOneNameAreRefused() {
        List<CandidateSource> twice = new ArrayList<>(standard());
        twice.add(new RecentlyViewedSource());

        assertThatThrownBy(() -> new CandidateSources(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two candidate sources are named 'recently_viewed'");
    }

    @Test
    void aSourceNamedForNoSourceTypeIsRefused() {
        CandidateSource unknown = new CandidateSource() {
            @Override
            public String name() {
                return "bestsellers";
            }

            @Override
            public boolean collect(Definitions.Source source, CandidateRequest request, int limit,
                                   CandidateSink sink) {
                return false;
            }
        };
        List<CandidateSource> withName = new ArrayList<>(standard());
        withName.add(unknown);

        assertThatThrownBy(() -> new CandidateSources(withName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("candidate source 'bestsellers' is no source type");
    }
}
