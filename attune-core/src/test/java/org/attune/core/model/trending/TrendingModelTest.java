package org.attune.core.model.trending;

import static org.assertj.core.api.Assertions.assertThat;

import org.attune.core.model.Interactions;
import org.attune.core.model.PopularityModel;
import org.junit.jupiter.api.Test;

class TrendingModelTest {
    private static final long DAY = 86_400;
    private static final long NOW = 1_800_000_000L;

    @Test
    void aProductRisingAboveItsUsualLevelOutranksAMoreButSteadilyPopularOne() {
        Interactions.Builder builder = Interactions.builder();
        // steady: 20 people a day for two weeks, 20 today too. rising: nothing before, 12 today. rare: 2 today.
        int person = 0;
        for (int day = 14; day >= 0; day--) {
            for (int i = 0; i < 20; i++) {
                builder.add("p" + person++, "steady", 1, NOW - day * DAY);
            }
        }
        for (int i = 0; i < 12; i++) {
            builder.add("p" + person++, "rising", 1, NOW - 3_600);
        }
        builder.add("p" + person++, "rare", 1, NOW);
        builder.add("p" + person, "rare", 1, NOW);
        Interactions data = builder.build();
        TrendingModel model = TrendingModel.train(data, TrendingParams.DEFAULTS);
        float[] scores = new float[data.itemCount()];
        model.score(new int[0], new float[0], 0, scores);

        float steady = scores[0];
        float rising = scores[1];
        float rare = scores[2];
        assertThat(rising).isGreaterThan(steady);
        assertThat(steady).as("about as many as usual: no lift").isLessThan(2f);
        assertThat(rare).as("fewer recent events than minEvents").isZero();
        assertThat(PopularityModel.train(data).itemCount()).isEqualTo(3);
    }
}
