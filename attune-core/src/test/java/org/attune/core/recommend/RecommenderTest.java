package org.attune.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.attune.core.decisioning.DecisioningFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in strategies trending and recently viewed, which run decisioning's sources of the same names. */
class RecommenderTest {
    private final DecisioningFixture shop = new DecisioningFixture();
    private final Recommender recommender = new Recommender(shop.catalogs, shop.profiles, shop.popularity,
            shop.clock);

    /** Trending: boot-1 (two views), then sock-1 (unavailable), coat-1 and hat-1; a-1 viewed all four. */
    @BeforeEach
    void history() {
        shop.send("view", "a-1", "coat-1");
        shop.send("view", "a-1", "sock-1");
        shop.send("view", "a-1", "hat-1");
        shop.send("view", "a-1", "boot-1");
        shop.send("view", "a-2", "boot-1");
        shop.send("view", "a-2", "sock-1");
        shop.rankPopularity();
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private Recommendations recommend(BuiltInStrategy strategy, String person, String category, int count) {
        return recommender.recommend(new Recommender.Request(DecisioningFixture.CATALOG, strategy, person, category,
                count));
    }

    @Test
    void trendingGivesAvailableProductsStrongestFirstWithTheirDecayedScores() {
        Recommendations trending = recommend(BuiltInStrategy.TRENDING, null, null, 3);

        assertThat(trending.items()).extracting(Recommendations.Item::id).containsExactly("boot-1", "hat-1",
                "coat-1");
        assertThat(trending.items()).extracting(Recommendations.Item::reason).containsOnly("trending");
        assertThat(trending.items().get(0).score()).as("two views an hour old, half-life 3 days")
                .isCloseTo(2 * Math.pow(2, -1.0 / 72), within(1e-3));
        assertThat(recommend(BuiltInStrategy.TRENDING, null, "Hats", 3).items())
                .extracting(Recommendations.Item::id).containsExactly("hat-1");
    }

    @Test
    void recentlyViewedGivesThePersonsAvailableViewsNewestFirstScoredByTheirPlace() {
        Recommendations viewed = recommend(BuiltInStrategy.RECENTLY_VIEWED, "a-1", null, 2);

        assertThat(viewed.items()).extracting(Recommendations.Item::id).containsExactly("boot-1", "hat-1");
        assertThat(viewed.items()).extracting(Recommendations.Item::score).containsExactly(1.0, 0.5);
        assertThat(viewed.items()).extracting(Recommendations.Item::reason).containsOnly("recently_viewed");

        assertThat(recommend(BuiltInStrategy.RECENTLY_VIEWED, "a-1", null, 10).items())
                .extracting(Recommendations.Item::score).as("sock-1, third newest, is unavailable")
                .containsExactly(1.0, 0.5, 0.25);
    }
}
