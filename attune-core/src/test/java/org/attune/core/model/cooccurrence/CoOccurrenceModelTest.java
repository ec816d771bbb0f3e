package org.attune.core.model.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class CoOccurrenceModelTest {
    private static final long T = 1_800_000_000L;

    @Test
    void logLikelihoodRatioMatchesTheClosedFormAndIgnoresNegativeAssociation() {
        // Perfect association in 2 and in 20 baskets: 4 ln 2 and 40 ln 2.
        assertThat(CoOccurrenceModel.logLikelihoodRatio(1, 1, 1, 2)).isCloseTo(4 * Math.log(2), within(1e-12));
        assertThat(CoOccurrenceModel.logLikelihoodRatio(10, 10, 10, 20)).isCloseTo(40 * Math.log(2), within(1e-9));
        assertThat(CoOccurrenceModel.logLikelihoodRatio(1, 50, 50, 100)).as("rarer together than by chance")
                .isZero();
    }

    @Test
    void productsBoughtInTheSameSessionAreRelatedButNotAcrossALongPause() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 10; p++) {
            builder.add("p" + p, "tent", 1, T).add("p" + p, "stove", 1, T + 60);
            // the same people buy shoes weeks later: another session
            builder.add("p" + p, "shoe", 1, T + 30 * 86_400L);
        }
        for (int p = 10; p < 14; p++) {
            builder.add("p" + p, "shoe", 1, T).add("p" + p, "sock", 1, T + 30);
        }
        Interactions data = builder.build();
        for (String measure : new String[] {"llr", "cosine"}) {
            CoOccurrenceModel model = CoOccurrenceModel.train(data, new CoOccurrenceParams(30, measure, 10, 2));
            int tent = 0;
            int stove = 1;
            int shoe = 2;
            int sock = 3;
            assertThat(model.neighbors(tent)).as(measure).containsExactly(stove);
            assertThat(model.neighbors(shoe)).as(measure + ": the tent was another session").containsExactly(sock);
            float[] scores = new float[4];
            model.score(new int[] {tent}, new float[] {1}, 1, scores);
            assertThat(scores[stove]).isPositive();
            assertThat(scores[shoe]).isZero();
        }
        CoOccurrenceModel strict = CoOccurrenceModel.train(data, new CoOccurrenceParams(30, "cosine", 10, 5));
        assertThat(strict.neighbors(2)).as("shoe and sock together 4 times, below the support of 5").isEmpty();
    }
}
