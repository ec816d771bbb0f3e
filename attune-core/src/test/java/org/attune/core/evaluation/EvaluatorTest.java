package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.attune.core.model.Interactions;
import org.attune.core.model.PersonScorer;
import org.attune.core.model.PopularityModel;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** Two people with the same training products (a) who each hold out a different one. */
    private static Split twins() {
        Interactions train = Interactions.builder()
                .add("x", "a", 1).add("y", "a", 1).add("z", "b", 1).add("z", "c", 1).build();
        return new Split(train, new int[][] {{1}, {2}, {}}, "by hand");
    }

    @Test
    void aPersonScorerIsToldWhichPersonItScoresFor() {
        // What a factor model does: a learned preference per person, here x for b and y for c.
        PersonScorer byPerson = new PersonScorer() {
            @Override
            public int itemCount() {
                return 3;
            }

            @Override
            public void score(int person, int[] items, float[] values, int count, float[] scores) {
                scores[0] = 0;
                scores[1] = person == 0 ? 1 : 0;
                scores[2] = person == 1 ? 1 : 0;
            }
        };
        RankingMetrics at1 = new Evaluator(2).evaluate(byPerson, twins(), 1).get(0);
        assertThat(at1.lists()).isEqualTo(2);
        assertThat(at1.hitRate()).isEqualTo(1.0);
    }

    @Test
    void anItemScorerGivesPeopleWithTheSameProductsTheSameList() {
        // b and c are equally popular; whichever comes first, only one of the twins can hit.
        RankingMetrics at1 = new Evaluator(1).evaluate(PopularityModel.train(twins().train()), twins(), 1).get(0);
        assertThat(at1.hitRate()).isEqualTo(0.5);
    }

    @Test
    void aPersonsProductsArePassedOldestFirstTiesInFileOrder() {
        // Added newest first, with a tie between c and d: the scorer must see a, c, d, b.
        Interactions train = Interactions.builder()
                .add("x", "b", 1, 300).add("x", "c", 1, 200).add("x", "d", 1, 200).add("x", "a", 1, 100)
                .addItem("e").build();
        Split split = new Split(train, new int[][] {{4}}, "by hand");
        int[][] seen = new int[1][];
        PersonScorer recorder = new PersonScorer() {
            @Override
            public int itemCount() {
                return 5;
            }

            @Override
            public void score(int person, int[] items, float[] values, int count, float[] scores) {
                seen[0] = java.util.Arrays.copyOf(items, count);
            }
        };
        new Evaluator(1).evaluate(recorder, split, 1);
        String[] ids = java.util.Arrays.stream(seen[0]).mapToObj(train::itemId).toArray(String[]::new);
        assertThat(ids).containsExactly("a", "c", "d", "b");
        assertThat(train.itemsInTimeOrder(0)).containsExactly(seen[0]);
    }
}
