package org.attune.core.decisioning.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.attune.core.decisioning.DecisioningFixture;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sources that read popularity and the person's own views: trending, recently viewed and collections. */
class PopularitySourcesTest {
    private final DecisioningFixture shop = new DecisioningFixture();
    private final TrendingSource trending = new TrendingSource(shop.catalogs, shop.popularity);
    private final RecentlyViewedSource recentlyViewed = new RecentlyViewedSource();
    private final CollectionSource collections = new CollectionSource(shop.catalogs, shop.popularity);

    /**
     * Trending weighs a view 1 and a purchase 8: boot-1 about 11 (three views and a purchase),
     * boot-2 2, boot-3, coat-1 and hat-1 1 each. boot-1 is the only best seller.
     */
    @BeforeEach
    void history() {
        shop.sendBrowsingAndASale();
        shop.rankPopularity();
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private static Definitions.Source source(Definitions.SourceType type, String collection) {
        return new Definitions.Source(type, null, collection);
    }

    @Test
    void trendingProposesTheStrongestFirstEachScaledByTheStrongest() {
        RecordingSink sink = new RecordingSink();
        boolean more = trending.collect(source(Definitions.SourceType.TRENDING, null),
                shop.request(null, Map.of()), 100, sink);

        assertThat(sink.ids()).startsWith("boot-1", "boot-2").containsExactlyInAnyOrder("boot-1", "boot-2",
                "boot-3", "coat-1", "hat-1");
        assertThat(sink.scores.get("boot-1")).isEqualTo(1.0);
        assertThat(sink.scores.get("boot-2")).isCloseTo(2.0 / 11, within(1e-3));
        assertThat(more).as("every trending product was proposed").isFalse();
    }

    @Test
    void trendingKeepsToThePagesCategoryAndStillScalesByTheCatalogsStrongest() {
        RecordingSink sink = new RecordingSink();
        trending.collect(source(Definitions.SourceType.TRENDING, null),
                shop.request(null, Map.of("category", "Coats")), 100, sink);

        assertThat(sink.ids()).containsExactly("coat-1");
        assertThat(sink.scores.get("coat-1")).isCloseTo(1.0 / 11, within(1e-3));
    }

    @Test
    void trendingStopsAtTheLimitAndSaysThatMoreMayBeHad() {
        RecordingSink sink = new RecordingSink();
        boolean more = trending.collect(source(Definitions.SourceType.TRENDING, null),
                shop.request(null, Map.of()), 2, sink);

        assertThat(sink.ids()).containsExactly("boot-1", "boot-2");
        assertThat(more).isTrue();
    }

    @Test
    void recentlyViewedProposesThePersonsViewsNewestFirstAllOfThemWhateverTheLimit() {
        RecordingSink sink = new RecordingSink();
        boolean more = recentlyViewed.collect(source(Definitions.SourceType.RECENTLY_VIEWED, null),
                shop.request("a-1", Map.of()), 1, sink);

        assertThat(sink.scores).containsExactly(Map.entry("boot-3", 1.0), Map.entry("boot-2", 0.5),
                Map.entry("boot-1", 1.0 / 3));
        assertThat(more).isFalse();
    }

    @Test
    void recentlyViewedProposesNothingForAVisitorNobodyKnows() {
        RecordingSink sink = new RecordingSink();
        recentlyViewed.collect(source(Definitions.SourceType.RECENTLY_VIEWED, null),
                shop.request("a-unknown", Map.of()), 10, sink);

        assertThat(sink.ids()).isEmpty();
    }

    @Test
    void aCollectionProposesWhatItsFilterKeepsAndWhatItListsBestSellersFirst() {
        shop.define(Definitions.Kind.COLLECTION, "nordpeak", """
                {"name": "Nordpeak and a hat", "filter": "product.brand == 'Nordpeak'", "productIds": ["hat-1"]}""");
        RecordingSink sink = new RecordingSink();
        boolean more = collections.collect(source(Definitions.SourceType.COLLECTION, "nordpeak"),
                shop.request(null, Map.of()), 100, sink);

        assertThat(sink.ids()).as("boot-1 sold; then by trending").containsExactly("boot-1", "boot-2", "hat-1");
        assertThat(sink.scores.get("boot-1")).isEqualTo(1.0);
        assertThat(sink.scores.get("boot-2")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(sink.scores.get("hat-1")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(more).isFalse();

        RecordingSink limited = new RecordingSink();
        assertThat(collections.collect(source(Definitions.SourceType.COLLECTION, "nordpeak"),
                shop.request(null, Map.of()), 2, limited)).as("a third product is left").isTrue();
        assertThat(limited.ids()).containsExactly("boot-1", "boot-2");
    }

    @Test
    void aCollectionFilterThatFailsOnAProductLeavesItOutAndIsCountedOncePerCatalogChange() {
        shop.define(Definitions.Kind.COLLECTION, "broken", """
                {"name": "Titles as numbers", "filter": "int(product.title) > 0", "productIds": ["coat-1"]}""");
        RecordingSink sink = new RecordingSink();
        collections.collect(source(Definitions.SourceType.COLLECTION, "broken"), shop.request(null, Map.of()), 100,
                sink);

        assertThat(sink.ids()).as("the listed product needs no filter").containsExactly("coat-1");
        assertThat(sink.failedParts).as("the five other products").containsExactly("filter", "filter", "filter",
                "filter", "filter");

        RecordingSink again = new RecordingSink();
        collections.collect(source(Definitions.SourceType.COLLECTION, "broken"), shop.request(null, Map.of()), 100,
                again);
        assertThat(again.ids()).containsExactly("coat-1");
        assertThat(again.failedParts).as("kept until the catalog changes").isEmpty();
    }

    @Test
    void anUnknownCollectionProposesNothing() {
        RecordingSink sink = new RecordingSink();
        assertThat(collections.collect(source(Definitions.SourceType.COLLECTION, "gone"),
                shop.request(null, Map.of()), 10, sink)).isFalse();
        assertThat(sink.ids()).isEmpty();
    }
}
