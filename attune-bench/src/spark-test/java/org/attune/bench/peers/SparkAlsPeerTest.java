package org.attune.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.Split;
import org.attune.core.model.Interactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkAlsPeerTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkAlsPeer.localSession("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * Two tastes: ten people who all hold the drama products d0..d3 and ten who all hold the
     * comedy products c0..c3, except that the first drama fan has not seen d3 yet.
     */
    private static Interactions twoTastes() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 10; p++) {
            for (int i = 0; i < 4; i++) {
                if (p > 0 || i < 3) {
                    builder.add("drama fan " + p, "d" + i, 1);
                }
                builder.add("comedy fan " + p, "c" + i, 1);
            }
        }
        return builder.build();
    }

    @Test
    void alsLearnsTheMissingProductOfATasteAndOurEvaluationCountsTheHit() {
        Interactions train = twoTastes();
        int[][] test = new int[train.personCount()][0];
        int fan = 0;
        int missing = indexOf(train, "d3");
        test[fan] = new int[] {missing};
        FactorModel model;
        try (SparkAlsPeer als = new SparkAlsPeer(spark, train, 42)) {
            model = als.fit(new SparkAlsParams(4, 0.01, 10, 10));
        }
        assertThat(model.rank()).isEqualTo(4);
        assertThat(model.personCount()).isEqualTo(20);
        assertThat(model.itemCount()).isEqualTo(8);

        float[] scores = new float[8];
        model.score(fan, new int[0], new float[0], 0, scores);
        for (int c = 0; c < 4; c++) {
            assertThat(scores[missing]).as("d3 against c" + c).isGreaterThan(scores[indexOf(train, "c" + c)]);
        }
        RankingMetrics at1 = new Evaluator(2).evaluate(model, new Split(train, test, "by hand"), 1).get(0);
        assertThat(at1.lists()).isEqualTo(1);
        assertThat(at1.hitRate()).as("d0..d2 are excluded as trained, d3 comes first").isEqualTo(1.0);
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
