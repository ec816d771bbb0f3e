package org.attune.core.model.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class AffinityModelTest {
    private static final Map<String, List<String>> VALUES = Map.of(
            "red-shoe", List.of("color\u001Fred", "category\u001Fshoes"),
            "red-hat", List.of("color\u001Fred", "category\u001Fhats"),
            "blue-shoe", List.of("color\u001Fblue", "category\u001Fshoes"),
            "blue-hat", List.of("color\u001Fblue", "category\u001Fhats"),
            "red-shoe-2", List.of("color\u001Fred", "category\u001Fshoes"));

    /** Blue hats are the best seller; red-shoe-2 is new (nobody touched it). */
    private static AffinityModel model(double prior) {
        Interactions data = Interactions.builder()
                .add("a", "blue-hat", 5, 1_000).add("b", "blue-hat", 5, 1_000).add("c", "red-shoe", 1, 1_000)
                .add("d", "red-hat", 1, 1_000).add("e", "blue-shoe", 2, 1_000).build();
        return AffinityModel.train(data, List.of("red-shoe", "red-hat", "blue-shoe", "blue-hat", "red-shoe-2"),
                id -> VALUES.getOrDefault(id, List.of()), new AffinityParams(14, prior));
    }

    private static float[] scores(AffinityModel model, String... products) {
        List<String> ids = List.of(model.productIds());
        int[] items = new int[products.length];
        float[] values = new float[products.length];
        for (int i = 0; i < products.length; i++) {
            items[i] = ids.indexOf(products[i]);
            values[i] = 1;
        }
        float[] scores = new float[model.itemCount()];
        model.score(items, values, items.length, scores);
        return scores;
    }

    private static float score(AffinityModel model, float[] scores, String product) {
        return scores[List.of(model.productIds()).indexOf(product)];
    }

    @Test
    void oneEventRanksProductsByTheValuesTheyShareIncludingOnesNobodyTouched() {
        AffinityModel model = model(0.1);
        float[] scores = scores(model, "red-shoe");
        assertThat(score(model, scores, "red-shoe-2")).as("both values, never bought")
                .isGreaterThan(score(model, scores, "red-hat"))
                .isGreaterThan(score(model, scores, "blue-shoe"));
        assertThat(score(model, scores, "blue-shoe")).as("one value each; the prior breaks the tie")
                .isGreaterThan(score(model, scores, "red-hat"));
        assertThat(score(model, scores, "blue-hat")).as("no shared value, only the best seller's prior")
                .isLessThan(score(model, scores, "red-hat")).isPositive();
        assertThat(model.matchedValues(List.of(model.productIds()).indexOf("red-shoe-2"),
                new int[] {List.of(model.productIds()).indexOf("red-shoe")}, 1))
                .containsExactly("color:red", "category:shoes");
    }

    @Test
    void withoutAnyEventsThePriorAloneRanksByTimeDecayedPopularity() {
        AffinityModel model = model(0.1);
        float[] scores = scores(model);
        assertThat(score(model, scores, "blue-hat")).isGreaterThan(score(model, scores, "blue-shoe"))
                .isGreaterThan(score(model, scores, "red-shoe"));
        assertThat(score(model, scores, "red-shoe-2")).isZero();
        float[] none = scores(model(0), "red-shoe");
        assertThat(score(model, none, "red-shoe-2")).as("no prior: equal values, equal scores")
                .isEqualTo(score(model, none, "red-shoe"));
    }
}
