package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.attune.core.model.Interactions;
import org.attune.core.model.PopularityModel;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static Interactions people(int people, int itemsEach) {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < people; p++) {
            for (int i = 0; i < itemsEach + p % 3; i++) {
                builder.add("u" + p, "i" + ((p + i) % 50), 1f);
            }
        }
        return builder.build();
    }

    @Test
    void randomHoldoutPartitionsEachPersonAndIsRepeatableBySeed() {
        Interactions data = people(30, 10);
        Split split = Split.randomHoldout(data, 0.8, 7);
        for (int p = 0; p < data.personCount(); p++) {
            int n = data.end(p) - data.start(p);
            List<Integer> together = new ArrayList<>();
            for (int item : split.train().itemsOf(p)) {
                together.add(item);
            }
            for (int item : split.test()[p]) {
                together.add(item);
            }
            assertThat(together).containsExactlyInAnyOrderElementsOf(
                    IntStream.of(data.itemsOf(p)).boxed().toList());
            assertThat(split.train().itemsOf(p)).hasSize((int) Math.round(n * 0.8));
        }
        Split again = Split.randomHoldout(data, 0.8, 7);
        assertThat(again.test()).isDeepEqualTo(split.test());
        assertThat(java.util.Arrays.deepEquals(Split.randomHoldout(data, 0.8, 8).test(), split.test())).isFalse();
    }

    @Test
    void aPersonWithOneProductKeepsItForTraining() {
        Interactions data = Interactions.builder().add("solo", "a", 1).add("u", "a", 1).add("u", "b", 1)
                .add("u", "c", 1).add("u", "d", 1).add("u", "e", 1).build();
        Split split = Split.randomHoldout(data, 0.8, 1);
        assertThat(split.test()[0]).isEmpty();
        assertThat(split.testPeople()).isEqualTo(1);
    }

    @Test
    void evaluationExcludesTrainingProductsAndRanksTheRest() {
        // Popularity: a (3 people), b (2), c (1), d (1). The test person trained on a; b is held out.
        Interactions train = Interactions.builder()
                .add("x", "a", 1).add("x", "b", 1).add("y", "a", 1).add("y", "b", 1).add("y", "c", 1)
                .add("z", "a", 1).add("z", "d", 1).build();
        int[][] test = {{}, {}, {1}};
        Split split = new Split(train, test, "by hand");
        RankingMetrics at1 = new Evaluator(2).evaluate(PopularityModel.train(train), split, 1).get(0);
        assertThat(at1.lists()).isEqualTo(1);
        assertThat(at1.hitRate()).as("z's own a and d are excluded, so b is first").isEqualTo(1.0);
    }

    @Test
    void leaveLastOutHoldsOutEachPersonsLatestInteraction() {
        Interactions data = Interactions.builder()
                .add("u", "a", 1, 100).add("u", "b", 1, 300).add("u", "c", 1, 200)
                .add("u", "a", 1, 400)
                .add("v", "c", 1, 50).add("v", "d", 1, 50)
                .add("w", "a", 1, 10).build();
        Split split = Split.leaveLastOut(data);
        assertThat(split.test()[0]).as("a was seen again at 400, its latest time").containsExactly(0);
        assertThat(split.train().itemsOf(0)).containsExactly(1, 2);
        assertThat(split.train().value(split.train().start(0))).isEqualTo(1f);
        assertThat(split.test()[1]).as("a tie goes to the later position").containsExactly(3);
        assertThat(split.test()[2]).as("one interaction leaves nothing to test").isEmpty();
        assertThat(data.value(data.start(0))).as("a's two interactions add up").isEqualTo(2f);
    }

    @Test
    void theTimeSplitCutsEveryoneAtOneMoment() {
        Interactions data = Interactions.builder()
                .add("u", "a", 1, 1).add("u", "b", 1, 2).add("u", "c", 1, 9)
                .add("v", "a", 1, 3).add("v", "d", 1, 4)
                .add("w", "b", 1, 8).add("w", "c", 1, 10)
                .add("x", "d", 1, 5).add("x", "a", 1, 6).add("x", "b", 1, 7).build();
        Split split = Split.timeSplit(data, 0.7);
        // Ten times; the cut is the 8th smallest (index 7): time 8. Before it: training.
        assertThat(split.train().itemsOf(0)).containsExactly(0, 1);
        assertThat(split.test()[0]).containsExactly(2);
        assertThat(split.test()[1]).as("all of v's are before the cut").isEmpty();
        assertThat(split.test()[2]).as("w has nothing before the cut to score from").isEmpty();
        assertThat(split.test()[3]).isEmpty();
        assertThat(split.testPeople()).isEqualTo(1);
    }

    @Test
    void aProtocolIsChosenByItsShortName() {
        Interactions data = people(20, 10);
        assertThat(Split.of("random-holdout", data, 0.75, 3).test())
                .isDeepEqualTo(Split.randomHoldout(data, 0.75, 3).test());
        assertThat(Split.of("leave-last-out", data, 0.75, 3).protocol()).isEqualTo("leave-last-out by time");
        assertThat(Split.of("time-split", data, 0.5, 3).protocol()).startsWith("global time split, train 0.5");
        assertThatThrownBy(() -> Split.of("k-fold", data, 0.8, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown protocol 'k-fold'").hasMessageContaining("leave-last-out");
    }
}
