package org.attune.core.decisioning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.DecisioningFixture;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.decisioning.DisplayHistory;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.decisioning.source.StandardSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine over a tiny real shop: fallbacks, exclusions across placements, caps, errors and explanations. */
class DecisionEngineTest {
    private final DecisioningFixture shop = new DecisioningFixture();
    private DecisionEngine engine;

    /**
     * a-1 viewed the three boots, a-3 coat-1 and hat-1, a-4 bought boot-1 (the most trending
     * product, then boot-2). "viewed" proposes the person's views and falls back to "popular".
     */
    @BeforeEach
    void shop() {
        shop.sendBrowsingAndASale();
        shop.rankPopularity();
        shop.define(Kind.STRATEGY, "popular", "{\"name\": \"Popular\", \"sources\": [{\"type\": \"trending\"}]}");
        shop.define(Kind.STRATEGY, "viewed", """
                {"name": "Viewed", "sources": [{"type": "recently_viewed"}], "fallbacks": ["popular"]}""");
        shop.define(Kind.PLACEMENT, "home", "{\"name\": \"Home\", \"items\": 3, \"strategy\": \"viewed\"}");
        shop.define(Kind.PLACEMENT, "more", "{\"name\": \"More\", \"items\": 2, \"strategy\": \"popular\"}");
        engine = new DecisionEngine(shop.definitions, shop.catalogs, shop.profiles, shop.modelRecommender,
                StandardSources.create(shop.catalogs, shop.modelRecommender, shop.popularity), new DisplayHistory(),
                AnswerRecorder.NONE, shop.clock);
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private Decision.Answer decide(String person, boolean explain, boolean preview, String... placements) {
        return engine.decide(new Decision.Request(DecisioningFixture.CATALOG, new Decision.Person(person, null),
                Map.of(), java.util.Arrays.stream(placements).map(id -> new Decision.PlacementAsk(id, null)).toList(),
                explain, preview));
    }

    private static List<String> ids(Decision.PlacementAnswer answer) {
        return answer.items().stream().map(Decision.Item::id).toList();
    }

    @Test
    void aPlacementWhoseStrategyFindsEnoughIsPersonalized() {
        Decision.PlacementAnswer home = decide("a-1", false, true, "home").placements().get(0);

        assertThat(ids(home)).containsExactly("boot-3", "boot-2", "boot-1");
        assertThat(home.items()).extracting(Decision.Item::strategy).containsOnly("viewed");
        assertThat(home.items()).extracting(Decision.Item::score).containsExactly(1.0, 0.5, 1.0 / 3);
        assertThat(home.source()).isEqualTo("personalized");
        assertThat(home.fallback()).isNull();
        assertThat(home.fallbackReason()).isNull();
    }

    @Test
    void theFallbackFillsWhatTheStrategyLeftAndTheAnswerSaysWhichAndWhy() {
        Decision.PlacementAnswer home = decide("a-3", false, true, "home").placements().get(0);

        assertThat(ids(home)).containsExactly("hat-1", "coat-1", "boot-1");
        assertThat(home.items()).extracting(Decision.Item::strategy).containsExactly("viewed", "viewed", "popular");
        assertThat(home.source()).isEqualTo("fallback");
        assertThat(home.fallback()).isEqualTo("popular");
        assertThat(home.fallbackReason()).isEqualTo(
                "the strategy found 2 of 3 products after its exclusions and eligibility");

        Decision.PlacementAnswer stranger = decide("a-new", false, true, "home").placements().get(0);
        assertThat(ids(stranger)).startsWith("boot-1", "boot-2").hasSize(3);
        assertThat(stranger.fallbackReason()).isEqualTo(
                "nobody is known by this id yet (a new visitor): no profile to personalize from");
    }

    @Test
    void aProductIsShownInOnePlacementOfARequestAndWhatThePersonBoughtInNone() {
        Decision.Answer answer = decide("a-1", false, true, "home", "more");

        assertThat(ids(answer.placements().get(0))).containsExactly("boot-3", "boot-2", "boot-1");
        assertThat(ids(answer.placements().get(1))).containsExactlyInAnyOrder("coat-1", "hat-1");

        assertThat(ids(decide("a-4", false, true, "more").placements().get(0))).as("a-4 bought boot-1")
                .doesNotContain("boot-1").startsWith("boot-2");
    }

    @Test
    void aFrequencyCapCountsWhatDecisionsShowedButNotWhatPreviewsDid() {
        shop.define(Kind.PLACEMENT, "capped", """
                {"name": "Capped", "items": 2, "strategy": "popular", "cap": {"impressions": 1, "hours": 24}}""");

        assertThat(ids(decide("a-2", false, true, "capped").placements().get(0))).containsExactly("boot-1",
                "boot-2");
        assertThat(ids(decide("a-2", false, false, "capped").placements().get(0))).as("a preview records nothing")
                .containsExactly("boot-1", "boot-2");
        assertThat(ids(decide("a-2", false, false, "capped").placements().get(0))).as("each was shown once")
                .doesNotContain("boot-1", "boot-2").hasSize(2);
    }

    @Test
    void anEligibilityRuleThatFailsLeavesItsProductsOutAndTheAnswerListsIt() {
        shop.define(Kind.STRATEGY, "numbers", """
                {"name": "Numbers", "sources": [{"type": "trending"}], "eligibility": "int(product.title) > 0",
                 "fallbacks": ["popular"]}""");
        shop.define(Kind.PLACEMENT, "odd", "{\"name\": \"Odd\", \"items\": 2, \"strategy\": \"numbers\"}");

        Decision.PlacementAnswer odd = decide(null, false, true, "odd").placements().get(0);

        assertThat(ids(odd)).containsExactly("boot-1", "boot-2");
        assertThat(odd.fallback()).isEqualTo("popular");
        assertThat(odd.errors()).singleElement().satisfies(error -> {
            assertThat(error.strategy()).isEqualTo("numbers");
            assertThat(error.part()).isEqualTo("eligibility");
            assertThat(error.expression()).isEqualTo("int(product.title) > 0");
            assertThat(error.products()).as("every trending product").isEqualTo(5);
            assertThat(error.message()).isNotEmpty();
        });
        assertThat(engine.expressionErrors()).containsEntry("eligibility", 5L);
    }

    @Test
    void anExplanationNamesTheSourcesTheMatchingAffinitiesAndTheProductsThatLedThere() throws Exception {
        String model = shop.coOccurrenceModel();
        shop.define(Kind.STRATEGY, "alike", "{\"name\": \"Alike\", \"sources\": [{\"type\": \"related\", \"model\": \""
                + model + "\"}, {\"type\": \"trending\"}]}");
        shop.define(Kind.PLACEMENT, "pdp", "{\"name\": \"Product page\", \"items\": 2, \"strategy\": \"alike\"}");

        Decision.Answer answer = engine.decide(new Decision.Request(DecisioningFixture.CATALOG,
                new Decision.Person("a-2", null), Map.of("product", "boot-1"),
                List.of(new Decision.PlacementAsk("pdp", null)), true, true));
        Decision.Item first = answer.placements().get(0).items().get(0);

        assertThat(first.id()).as("the context product is left out").isEqualTo("boot-2");
        assertThat(first.explanation().sources()).containsOnlyKeys("related:" + model, "trending")
                .containsEntry("related:" + model, 1.0);
        assertThat(first.explanation().products()).containsExactly("boot-1");
        assertThat(first.explanation().attributes()).contains("brand:Nordpeak");
        assertThat(first.explanation().formula()).isNull();
    }

    @Test
    void theFallbackChainIsDepthFirstEachStrategyOnce() {
        // a falls back to b then c, and both fall back to d: d is asked after b, and not again after c.
        shop.define(Kind.STRATEGY, "d", "{\"name\": \"D\", \"sources\": [{\"type\": \"trending\"}]}");
        shop.define(Kind.STRATEGY, "b", "{\"name\": \"B\", \"sources\": [{\"type\": \"trending\"}],"
                + " \"fallbacks\": [\"d\"]}");
        shop.define(Kind.STRATEGY, "c", "{\"name\": \"C\", \"sources\": [{\"type\": \"trending\"}],"
                + " \"fallbacks\": [\"d\"]}");
        shop.define(Kind.STRATEGY, "a", "{\"name\": \"A\", \"sources\": [{\"type\": \"trending\"}],"
                + " \"fallbacks\": [\"b\", \"c\"]}");

        assertThat(FallbackChain.of(shop.compiled(), "a")).extracting(s -> s.id())
                .containsExactly("a", "b", "d", "c");
        assertThat(FallbackChain.of(shop.compiled(), "gone")).isEmpty();
    }
}
