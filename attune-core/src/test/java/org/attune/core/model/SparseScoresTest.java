package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.attune.core.model.cooccurrence.CoOccurrenceModel;
import org.attune.core.model.cooccurrence.CoOccurrenceParams;
import org.junit.jupiter.api.Test;

class SparseScoresTest {
    private static final long T = 1_800_000_000L;

    /** 300 people with sessions of 2 to 6 products out of 200, the popular ones more often. */
    private static Interactions shop() {
        Random random = new Random(7);
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 300; p++) {
            int clicks = 2 + random.nextInt(5);
            for (int c = 0; c < clicks; c++) {
                int product = (int) (200 * Math.pow(random.nextDouble(), 2));
                builder.add("p" + p, "i" + product, 1, T + 60L * c);
            }
        }
        return builder.build();
    }

    @Test
    void neighbourhoodModelsGiveTheSameScoresEitherWayAndLeaveTheSparseScoresClear() {
        Interactions data = shop();
        CoOccurrenceModel coOccurrence = CoOccurrenceModel.train(data, new CoOccurrenceParams(30, "llr", 20, 2));
        SequentialRulesModel rules = SequentialRulesModel.train(Sessions.builder().add("s", "i0", 0).add("s", "i1", 1)
                .add("t", "i1", 0).add("t", "i2", 1).add("t", "i0", 2).build(), new SequentialRulesParams(2, 10));
        Random random = new Random(11);
        SparseScores sparse = new SparseScores();
        for (SparseItemScorer scorer : new SparseItemScorer[] {coOccurrence, rules}) {
            int n = scorer.itemCount();
            for (int person = 0; person < 50; person++) {
                int count = 1 + random.nextInt(Math.min(5, n));
                int[] items = random.ints(0, n).distinct().limit(count).toArray();
                float[] values = new float[items.length];
                for (int k = 0; k < values.length; k++) {
                    values[k] = 0.2f + random.nextFloat();
                }
                float[] dense = new float[n];
                scorer.score(items, values, items.length, dense);
                sparse.ensureCapacity(n);
                scorer.score(items, values, items.length, sparse);
                int reached = 0;
                for (int product = 0; product < n; product++) {
                    assertThat(sparse.score(product)).as("product %d", product).isEqualTo(dense[product]);
                    reached += dense[product] != 0 ? 1 : 0;
                }
                assertThat(sparse.touchedCount()).as("every product reached is noted once").isEqualTo(reached);
                sparse.clear();
                for (int product = 0; product < n; product++) {
                    assertThat(sparse.score(product)).isZero();
                }
            }
        }
    }

    @Test
    void aScoreThatReturnsToZeroIsNotedAgainAndReadOnceByTaking() {
        SparseScores scores = new SparseScores();
        scores.ensureCapacity(4);
        scores.add(2, 1f);
        scores.add(2, -1f);
        scores.add(2, 3f);
        scores.add(1, 0f);
        assertThat(scores.touchedCount()).as("2 noted twice; an amount of 0 reaches nothing").isEqualTo(2);
        assertThat(scores.take(scores.touched(0))).isEqualTo(3f);
        assertThat(scores.take(scores.touched(1))).isZero();
        scores.setIfTouched(3, -1f);
        assertThat(scores.score(3)).as("a product not reached stays 0").isZero();
    }
}
