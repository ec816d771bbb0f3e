package org.attune.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactorModelTest {
    @Test
    void aScoreIsTheDotProductOfThePersonsAndTheProductsVectors() {
        // Two people, three products, rank 2; the second person has no vector (zeros).
        FactorModel model = new FactorModel(2, new float[] {1, 2, 0, 0}, new float[] {3, 4, -1, 0, 0, 0.5f});
        float[] scores = new float[3];
        model.score(0, new int[0], new float[0], 0, scores);
        assertThat(scores).containsExactly(11, -1, 1);
        model.score(1, new int[0], new float[0], 0, scores);
        assertThat(scores).containsExactly(0, 0, 0);
        assertThat(model.itemCount()).isEqualTo(3);
        assertThat(model.personCount()).isEqualTo(2);
    }

    @Test
    void vectorsMustBeWhole() {
        assertThatThrownBy(() -> new FactorModel(2, new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors of length 2");
    }
}
