package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void oneHitAtRankTwoAndOneMissAveraged() {
        RankingMetrics first = new RankingMetrics(3, 10);
        first.add(new int[] {5, 3, 9, 1}, new int[] {1, 3, 7});
        RankingMetrics second = new RankingMetrics(3, 10);
        second.add(new int[] {2, 4, 6}, new int[] {8});
        first.combine(second);

        double ndcgFirst = (1 / log2(3)) / (1 + 1 / log2(3) + 1 / log2(4));
        assertThat(first.lists()).isEqualTo(2);
        assertThat(first.hitRate()).isEqualTo(0.5);
        assertThat(first.precision()).isCloseTo((1.0 / 3) / 2, within(1e-12));
        assertThat(first.recall()).isCloseTo((1.0 / 3) / 2, within(1e-12));
        assertThat(first.ndcg()).isCloseTo(ndcgFirst / 2, within(1e-12));
        assertThat(first.mrr()).isCloseTo(0.5 / 2, within(1e-12));
        assertThat(first.coverage()).as("items 5, 3, 9, 2, 4, 6 of 10").isEqualTo(0.6);
    }

    @Test
    void truncatedRecallDividesByTheCutOffWhenMoreAreRelevant() {
        RankingMetrics metrics = new RankingMetrics(2, 10);
        metrics.add(new int[] {1, 2}, new int[] {1, 2, 3, 4});
        assertThat(metrics.recall()).isEqualTo(0.5);
        assertThat(metrics.truncatedRecall()).isEqualTo(1.0);
        assertThat(metrics.ndcg()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void averagePrecisionDividesByTheRelevantCountOrTheCutOff() {
        // hits at ranks 1 and 3 of the top 4; 6 relevant: AP sum = 1/1 + 2/3
        RankingMetrics metrics = new RankingMetrics(4, 20);
        metrics.add(new int[] {10, 11, 12, 13, 14}, new int[] {1, 2, 3, 10, 12, 19});
        assertThat(metrics.map()).isCloseTo((1 + 2.0 / 3) / 6, within(1e-12));
        assertThat(metrics.truncatedMap()).isCloseTo((1 + 2.0 / 3) / 4, within(1e-12));
        // a second list with no hit halves both means
        metrics.add(new int[] {5, 6, 7, 8}, new int[] {9});
        assertThat(metrics.map()).isCloseTo((1 + 2.0 / 3) / 12, within(1e-12));
    }

    @Test
    void topKTakesTheHighestScoresBestFirstSkippingExcludedOnes() {
        float[] scores = {0.5f, 2f, Float.NEGATIVE_INFINITY, 2f, 1f, -3f};
        assertThat(TopK.of(scores, 3)).containsExactly(1, 3, 4);
        assertThat(TopK.of(scores, 10)).as("fewer than K candidates").containsExactly(1, 3, 4, 0, 5);
    }
}
