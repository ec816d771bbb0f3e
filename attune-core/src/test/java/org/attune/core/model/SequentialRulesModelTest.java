package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequentialRulesModelTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    /** Sessions a b c, a b and b b. */
    private static Sessions sessions() {
        return Sessions.builder()
                .add("1", "a", 0).add("1", "b", 1).add("1", "c", 2)
                .add("2", "a", 0).add("2", "b", 1)
                .add("3", "b", 0).add("3", "b", 1).build();
    }

    @Test
    void rulesFollowClickOrderWeightedByTheDistance() {
        // Window 2: a->b 1 + 1, a->c 1/2 (two clicks later), b->c 1, b->b 1 (a repeat counts).
        SequentialRulesModel model = SequentialRulesModel.train(sessions(), new SequentialRulesParams(2, 10));
        assertThat(model.following(A)).containsExactly(B, C);
        assertThat(model.following(B)).as("b->b and b->c tie at 1; the lower index first").containsExactly(B, C);
        assertThat(model.following(C)).as("nothing follows c").isEmpty();

        float[] scores = new float[3];
        model.score(new int[] {A, B}, new float[] {0.5f, 1f}, 2, scores);
        assertThat(scores[B]).isEqualTo(0.5f * 2 + 1);
        assertThat(scores[C]).isEqualTo(0.5f * 0.5f + 1);
        assertThat(scores[A]).as("a never follows anything").isZero();
    }

    @Test
    void theWindowAndTheRuleLimitPrune() {
        SequentialRulesModel nextOnly = SequentialRulesModel.train(sessions(), new SequentialRulesParams(1, 10));
        assertThat(nextOnly.following(A)).as("c is two clicks after a").containsExactly(B);
        SequentialRulesModel one = SequentialRulesModel.train(sessions(), new SequentialRulesParams(2, 1));
        assertThat(one.following(A)).containsExactly(B);
        assertThatThrownBy(() -> new SequentialRulesParams(0, 10)).hasMessageContaining("window");
    }
}
