package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EaseTrainerTest {

    @Test
    void twoProductsGiveTheClosedFormByHand() {
        // a: 4 people, b: 3, both: 3. With lambda 1, B[a][b] = n_ab / (n_a + 1) = 3/5, B[b][a] = 3/4.
        Interactions data = Interactions.builder()
                .add("p1", "a", 1).add("p1", "b", 1).add("p2", "a", 1).add("p2", "b", 1)
                .add("p3", "a", 1).add("p3", "b", 1).add("p4", "a", 1).build();
        EaseModel model = new EaseTrainer(new EaseParams(1, 10)).train(data);
        float[] scores = new float[2];
        model.score(new int[] {0}, new float[] {1}, 1, scores);
        assertThat(scores[0]).as("no product recommends itself").isZero();
        assertThat(scores[1]).isCloseTo(0.6f, within(1e-5f));
        model.score(new int[] {1}, new float[] {1}, 1, scores);
        assertThat(scores[0]).isCloseTo(0.75f, within(1e-5f));
    }

    @Test
    void productsBoughtTogetherRankAboveUnrelatedOnes() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 20; p++) {
            builder.add("tent-" + p, "tent", 1).add("tent-" + p, "stove", 1);
            builder.add("run-" + p, "shoe", 1).add("run-" + p, "sock", 1).add("run-" + p, "watch", 1);
        }
        Interactions data = builder.build();
        EaseModel model = new EaseTrainer(EaseParams.DEFAULTS.withLambda(5)).train(data);
        float[] scores = new float[data.itemCount()];
        int tent = indexOf(data, "tent");
        model.score(new int[] {tent}, new float[] {1}, 1, scores);
        float stove = scores[indexOf(data, "stove")];
        assertThat(stove).isPositive();
        for (String other : new String[] {"shoe", "sock", "watch"}) {
            assertThat(scores[indexOf(data, other)]).as(other).isLessThan(stove);
        }
    }

    @Test
    void tooManyProductsAreRefusedWithAReason() {
        Interactions data = Interactions.builder().add("p", "a", 1).add("p", "b", 1).add("p", "c", 1).build();
        assertThatThrownBy(() -> new EaseTrainer(new EaseParams(1, 2)).train(data))
                .hasMessageContaining("3 products is more than maxItems 2");
        assertThatThrownBy(() -> new EaseParams(0, 10)).hasMessageContaining("lambda must be positive");
    }

    private static int indexOf(Interactions data, String item) {
        for (int i = 0; i < data.itemCount(); i++) {
            if (data.itemId(i).equals(item)) {
                return i;
            }
        }
        throw new AssertionError(item);
    }
}
