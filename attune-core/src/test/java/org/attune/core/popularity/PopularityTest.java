package org.attune.core.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.attune.core.catalog.CatalogService;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.Symbols;
import org.attune.core.storage.memory.InMemoryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PopularityTest {
    private static final long NOW = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private final InMemoryStorage storage = new InMemoryStorage();
    private final CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private final Popularity popularity = new Popularity(catalogs,
            new CatalogProductFacts(catalogs, new Symbols(), ProfileSettings.DEFAULTS.eventWeights()),
            RecommendationSettings.DEFAULTS, "purchase");
    private long seq;

    @BeforeEach
    void catalog() throws Exception {
        catalogs.create(Json.MAPPER.readTree("""
                {"id": "shop", "schema": {"attributes": [{"name": "title", "type": "string", "role": "title"}]}}"""));
        byte[] products = "{\"id\":\"p-1\",\"title\":\"One\"}\n{\"id\":\"p-2\",\"title\":\"Two\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        catalogs.upsert("shop", products, products.length);
    }

    private void view(String product, long time) {
        seq++;
        popularity.apply(new Event(seq, "e-" + seq, "view", time, "a-1", null, "shop", List.of(product),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), NOW));
    }

    @Test
    void eventsAtTheEndsOfTimeNeitherWipeTheHistoryNorMakeScoresInfinite() {
        view("p-1", NOW);
        view("p-1", NOW);
        view("p-2", Long.MIN_VALUE);
        view("p-2", NOW);

        Popularity.Ranking ranking = popularity.ranking("shop");
        assertThat(ranking.trending()).containsExactly("p-1", "p-2");
        assertThat(ranking.trendingScore(0, NOW)).isCloseTo(2.0, within(1e-6));
        assertThat(ranking.trendingScore(1, NOW)).isCloseTo(1.0, within(1e-6));

        view("p-2", Long.MAX_VALUE);
        popularity.refresh();
        Popularity.Ranking later = popularity.ranking("shop");
        for (int i = 0; i < later.trending().length; i++) {
            assertThat(later.trendingScore(i, NOW)).isFinite();
            assertThat(later.trendingScore(i, Long.MIN_VALUE)).isFinite();
        }
    }

    @Test
    void scoresHalveEveryHalfLife() {
        view("p-1", NOW);

        long halfLife = RecommendationSettings.DEFAULTS.trendingHalfLife().toMillis();
        assertThat(popularity.ranking("shop").trendingScore(0, NOW + halfLife)).isCloseTo(0.5, within(1e-6));
        assertThat(popularity.ranking("shop").trendingScore(0, NOW + Duration.ofDays(36_500).toMillis()))
                .isZero();
    }
}
