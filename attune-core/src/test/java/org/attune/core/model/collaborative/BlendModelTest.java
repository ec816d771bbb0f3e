package org.attune.core.model.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.attune.core.model.ItemScorer;
import org.junit.jupiter.api.Test;

class BlendModelTest {

    /** A model that gives everyone the same fixed scores. */
    private static ItemScorer fixed(float... fixedScores) {
        return new ItemScorer() {
            @Override
            public int itemCount() {
                return fixedScores.length;
            }

            @Override
            public void score(int[] items, float[] values, int count, float[] scores) {
                System.arraycopy(fixedScores, 0, scores, 0, fixedScores.length);
            }
        };
    }

    @Test
    void standardisesEachModelThenMixesByShare() {
        // first: mean 2, deviation sqrt(2/3); second: mean 20, deviation sqrt(200/3), ten times the scale
        BlendModel blend = new BlendModel(fixed(1, 2, 3), fixed(30, 10, 20), 0.25);
        float[] scores = new float[3];
        blend.score(new int[0], new float[0], 0, scores);
        double first = Math.sqrt(2.0 / 3);
        double second = Math.sqrt(200.0 / 3);
        assertThat(scores[0]).isCloseTo((float) (0.75 * -1 / first + 0.25 * 10 / second), within(1e-5f));
        assertThat(scores[1]).isCloseTo((float) (0.25 * -10 / second), within(1e-5f));
        assertThat(scores[2]).isCloseTo((float) (0.75 * 1 / first), within(1e-5f));
    }

    @Test
    void theLargerScaleDoesNotWinByItself() {
        // raw sums would follow the second model (scores a thousand times larger); equal shares tie
        BlendModel blend = new BlendModel(fixed(3, 1, 2), fixed(1000, 3000, 2000), 0.5);
        float[] scores = new float[3];
        blend.score(new int[0], new float[0], 0, scores);
        assertThat(scores[0]).isCloseTo(scores[1], within(1e-5f));
        assertThat(scores[2]).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void refusesModelsOfDifferentCatalogsOrAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new BlendModel(fixed(1, 2), fixed(1, 2, 3), 0.5))
                .hasMessageContaining("different catalogs");
        assertThatThrownBy(() -> new BlendModel(fixed(1), fixed(1), 1.5)).hasMessageContaining("share");
    }
}
