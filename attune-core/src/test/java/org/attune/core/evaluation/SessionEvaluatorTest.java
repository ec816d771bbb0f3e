package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.Sessions;
import org.junit.jupiter.api.Test;

class SessionEvaluatorTest {
    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Training clicks: a 4 times, b 3, c 2, d 1, so popularity ranks a, b, c, d. */
    private static Sessions train() {
        return Sessions.builder()
                .add("1", "a", 0).add("1", "b", 1).add("1", "a", 2)
                .add("2", "a", 0).add("2", "b", 1).add("2", "c", 2)
                .add("3", "a", 0).add("3", "b", 1).add("3", "c", 2).add("3", "d", 3).build();
    }

    @Test
    void everyClickAfterTheFirstIsPredictedFromItsPrefixWithoutExcludingIt() {
        Sessions test = Sessions.builder()
                .add("s1", "b", 0).add("s1", "a", 1).add("s1", "d", 2)
                .add("s2", "c", 0).add("s2", "c", 1)
                .add("s3", "a", 0).add("s3", "new", 1)
                .add("s4", "d", 0).add("s4", "new", 1).add("s4", "b", 2).build();
        SessionSplit split = SessionSplit.prepared(train(), test, "by hand");
        // s3 is left with one click; s4 becomes d, b. Predictions: a (rank 1), d (rank 4, although
        // it is not in the prefix), c (rank 3: the prefix's own c is not removed), b (rank 2).
        assertThat(split.test().sessionCount()).isEqualTo(3);
        assertThat(split.predictions()).isEqualTo(4);
        assertThat(split.repeatedTargets()).as("only c after c").isEqualTo(1);

        PopularityModel popularity = PopularityModel.train(split.train().toInteractions());
        List<RankingMetrics> metrics = new SessionEvaluator(2, 1).evaluate(popularity, split.test(), 2, 4);
        RankingMetrics at2 = metrics.get(0);
        RankingMetrics at4 = metrics.get(1);
        assertThat(at2.lists()).isEqualTo(4);
        assertThat(at2.hitRate()).isEqualTo(2 / 4.0);
        assertThat(at2.mrr()).isCloseTo((1 + 0.5) / 4, within(1e-12));
        assertThat(at2.coverage()).as("a and b of four products").isEqualTo(0.5);
        assertThat(at4.hitRate()).isEqualTo(1.0);
        assertThat(at4.mrr()).isCloseTo((1 + 1 / 4.0 + 1 / 3.0 + 1 / 2.0) / 4, within(1e-12));
        assertThat(at4.ndcg()).isCloseTo((1 + 1 / log2(5) + 1 / log2(4) + 1 / log2(3)) / 4, within(1e-12));
    }

    @Test
    void thePrefixHoldsEachProductOnceByItsLatestClickWithDecayedWeights() {
        Sessions session = Sessions.builder()
                .add("s", "a", 0).add("s", "b", 1).add("s", "a", 2).add("s", "c", 3).add("s", "x", 4).build();
        SessionEvaluator.Prefix prefix = new SessionEvaluator.Prefix(session.itemCount());
        prefix.fill(session, 0, 4, 1);
        // Ages from the latest click c: c 0, a 1 and 3, b 2; order by latest click: b, a, c.
        assertThat(prefix.count).isEqualTo(3);
        assertThat(prefix.items).startsWith(1, 0, 2);
        assertThat(prefix.values).startsWith(0.25f, 0.5f + 0.125f, 1f);

        prefix.fill(session, 0, 4, 0);
        assertThat(prefix.values).as("no decay: clicks counted").startsWith(1f, 2f, 1f);
        prefix.fill(session, 1, 2, 1);
        assertThat(prefix.count).isEqualTo(1);
        assertThat(prefix.items).startsWith(1);
    }
}
