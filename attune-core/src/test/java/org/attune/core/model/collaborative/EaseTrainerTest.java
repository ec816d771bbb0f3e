package org.attune.core.model.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class EaseTrainerTest {

    @Test
    void twoProductsGiveTheClosedFormByHand() {
        // a: 4 people, b: 3, both: 3. With lambda 1, B[a][b] = n_ab / (n_a + 1) = 3/5, B[b][a] = 3/4.
        Interactions data = Interactions.builder()
                .add("p1", "a", 1).add("p1", "b", 1).add("p2", "a", 1).add("p2", "b", 1)
                .add("p3", "a", 1).add("p3", "b", 1).add("p4", "a", 1).build();
        EaseModel model = new EaseTrainer(new EaseParams(1, 10)).train(data);
        float[] scores = new float[2];
        model.score(new int[] {0}, new float[] {1}, 1, scores);
        assertThat(scores[0]).as("no product recommends itself").isZero();
        assertThat(scores[1]).isCloseTo(0.6f, within(1e-5f));
        model.score(new int[] {1}, new float[] {1}, 1, scores);
        assertThat(scores[0]).isCloseTo(0.75f, within(1e-5f));
    }

    @Test
    void productsBoughtTogetherRankAboveUnrelatedOnes() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 20; p++) {
            builder.add("tent-" + p, "tent", 1).add("tent-" + p, "stove", 1);
            builder.add("run-" + p, "shoe", 1).add("run-" + p, "sock", 1).add("run-" + p, "watch", 1);
        }
        Interactions data = builder.build();
        EaseModel model = new EaseTrainer(new EaseParams(5, 30_000)).train(data);
        float[] scores = new float[data.itemCount()];
        int tent = indexOf(data, "tent");
        model.score(new int[] {tent}, new float[] {1}, 1, scores);
        float stove = scores[indexOf(data, "stove")];
        assertThat(stove).isPositive();
        for (String other : new String[] {"shoe", "sock", "watch"}) {
            assertThat(scores[indexOf(data, other)]).as(other).isLessThan(stove);
        }
    }

    @Test
    void weightsMatchTheClosedFormComputedDirectly() {
        // people add products in random order with varied values, so the trainer's sorting and
        // its half of the Gram matrix are checked against all pairs and a textbook inverse
        Random random = new Random(17);
        Interactions.Builder builder = Interactions.builder();
        for (int person = 0; person < 60; person++) {
            for (int k = 0; k < 8; k++) {
                builder.add("p" + person, "item" + random.nextInt(25), 1 + random.nextInt(5));
            }
        }
        Interactions data = builder.build();
        int n = data.itemCount();
        double lambda = 3;
        double[][] gram = new double[n][n];
        for (int person = 0; person < data.personCount(); person++) {
            for (int a = data.start(person); a < data.end(person); a++) {
                for (int b = data.start(person); b < data.end(person); b++) {
                    gram[data.item(a)][data.item(b)] += data.value(a) * data.value(b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            gram[i][i] += lambda;
        }
        double[][] p = gaussJordanInverse(gram);
        EaseModel model = new EaseTrainer(new EaseParams(lambda, 100)).train(data);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            model.score(new int[] {i}, new float[] {1}, 1, scores);
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertThat((double) scores[j]).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void activityWeightsAndDropoutChangeTheGramMatrixAsDocumented() {
        Random random = new Random(23);
        Interactions.Builder builder = Interactions.builder();
        for (int person = 0; person < 50; person++) {
            int count = 2 + random.nextInt(person % 5 == 0 ? 15 : 4);
            for (int k = 0; k < count; k++) {
                builder.add("p" + person, "item" + random.nextInt(20), 1 + random.nextInt(3));
            }
        }
        Interactions data = builder.build();
        int n = data.itemCount();
        double exponent = 0.5;
        double dropout = 0.25;
        double lambda = 4;
        double[][] gram = new double[n][n];
        double weightedTrace = 0;
        double plainTrace = 0;
        for (int person = 0; person < data.personCount(); person++) {
            double weight = Math.pow(data.end(person) - data.start(person), -exponent);
            for (int a = data.start(person); a < data.end(person); a++) {
                plainTrace += data.value(a) * data.value(a);
                weightedTrace += weight * data.value(a) * data.value(a);
                for (int b = data.start(person); b < data.end(person); b++) {
                    gram[data.item(a)][data.item(b)] += weight * data.value(a) * data.value(b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            gram[i][i] += lambda * weightedTrace / plainTrace + dropout / (1 - dropout) * gram[i][i];
        }
        double[][] p = gaussJordanInverse(gram);
        EaseModel model = new EaseTrainer(new EaseParams(lambda, 100, exponent, dropout)).train(data);
        EaseModel plain = new EaseTrainer(new EaseParams(lambda, 100)).train(data);
        float[] scores = new float[n];
        float[] plainScores = new float[n];
        double largestChange = 0;
        for (int i = 0; i < n; i++) {
            model.score(new int[] {i}, new float[] {1}, 1, scores);
            plain.score(new int[] {i}, new float[] {1}, 1, plainScores);
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertThat((double) scores[j]).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
                largestChange = Math.max(largestChange, Math.abs(scores[j] - plainScores[j]));
            }
        }
        assertThat(largestChange).as("the variant differs from plain EASE").isGreaterThan(0.01);
    }

    @Test
    void tooManyProductsAreRefusedWithAReason() {
        Interactions data = Interactions.builder().add("p", "a", 1).add("p", "b", 1).add("p", "c", 1).build();
        assertThatThrownBy(() -> new EaseTrainer(new EaseParams(1, 2)).train(data))
                .hasMessageContaining("3 products is more than maxItems 2");
        assertThatThrownBy(() -> new EaseParams(0, 10)).hasMessageContaining("lambda must be positive");
        assertThatThrownBy(() -> new EaseParams(1, 10, -1, 0)).hasMessageContaining("activityExponent must be");
        assertThatThrownBy(() -> new EaseParams(1, 10, 0, 1)).hasMessageContaining("dropout must be");
    }

    private static double[][] gaussJordanInverse(double[][] g) {
        int n = g.length;
        double[][] left = new double[n][];
        double[][] right = new double[n][n];
        for (int i = 0; i < n; i++) {
            left[i] = g[i].clone();
            right[i][i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = left[col][col];
            for (int j = 0; j < n; j++) {
                left[col][j] /= pivot;
                right[col][j] /= pivot;
            }
            for (int row = 0; row < n; row++) {
                double factor = left[row][col];
                if (row != col) {
                    for (int j = 0; j < n; j++) {
                        left[row][j] -= factor * left[col][j];
                        right[row][j] -= factor * right[col][j];
                    }
                }
            }
        }
        return right;
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
