package org.attune.core.model.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class AlsTrainerTest {

    /**
     * Two groups of people, each keeping to its own block of 10 products (each person holds 6
     * of them at random); a little noise across blocks.
     */
    private static Interactions twoBlocks() {
        Random random = new Random(3);
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 80; p++) {
            String block = p % 2 == 0 ? "a" : "b";
            for (int k = 0; k < 6; k++) {
                builder.add("p" + p, block + random.nextInt(10), 1);
            }
            if (p % 10 == 0) {
                builder.add("p" + p, (p % 2 == 0 ? "b" : "a") + random.nextInt(10), 1);
            }
        }
        return builder.build();
    }

    @Test
    void recoversABlockStructureForANewPerson() {
        Interactions data = twoBlocks();
        // two factors for two blocks: with many more, ALS would also fit each person's random picks
        AlsModel model = new AlsTrainer(new AlsParams(2, 10, 0.1, 5, 1), 2).train(data);
        // a new person (not in the data) who took three products of block a
        int[] items = {indexOf(data, "a1"), indexOf(data, "a4"), indexOf(data, "a7")};
        float[] scores = new float[data.itemCount()];
        model.score(items, new float[] {1, 1, 1}, 3, scores);
        float lowestOfA = Float.MAX_VALUE;
        float highestOfB = -Float.MAX_VALUE;
        for (int j = 0; j < data.itemCount(); j++) {
            if (data.itemId(j).startsWith("a")) {
                lowestOfA = Math.min(lowestOfA, scores[j]);
            } else {
                highestOfB = Math.max(highestOfB, scores[j]);
            }
        }
        assertThat(lowestOfA).as("every product of the person's block ranks above every other")
                .isGreaterThan(highestOfB);
        assertThat(lowestOfA).isGreaterThan(0.5f);
        assertThat(highestOfB).isLessThan(0.25f);
    }

    @Test
    void foldInSolvesTheWeightedLeastSquaresSystemExactly() {
        Interactions data = twoBlocks();
        // with the penalty scaled by the square root of the person's 3 products
        AlsParams params = new AlsParams(6, 5, 0.5, 3, 7, 0.5);
        AlsModel model = new AlsTrainer(params, 1).train(data);
        int[] items = {indexOf(data, "a2"), indexOf(data, "b3"), indexOf(data, "a5")};
        float[] values = {1, 2, 0.5f};
        float[] x = model.foldIn(items, values, 3);
        int f = params.factors();
        // the gradient of sum_j c_j (p_j - x.y_j)^2 + lambda |x|^2 over every product j is zero at x
        double[] gradient = new double[f];
        for (int j = 0; j < data.itemCount(); j++) {
            float[] y = model.itemVector(j);
            double confidence = 1;
            double preference = 0;
            for (int n = 0; n < items.length; n++) {
                if (items[n] == j) {
                    confidence = 1 + params.alpha() * values[n];
                    preference = 1;
                }
            }
            double error = preference - dot(x, y);
            for (int k = 0; k < f; k++) {
                gradient[k] += -confidence * error * y[k];
            }
        }
        for (int k = 0; k < f; k++) {
            gradient[k] += params.regularization() * Math.sqrt(3) * x[k];
            assertThat(gradient[k]).as("gradient[%d]", k).isCloseTo(0, within(1e-4));
        }
        float[] scores = new float[data.itemCount()];
        model.score(items, values, 3, scores);
        for (int j = 0; j < data.itemCount(); j++) {
            assertThat(scores[j]).isCloseTo(dot(x, model.itemVector(j)), within(1e-5f));
        }
    }

    @Test
    void aPersonWithNothingPositiveScoresZero() {
        Interactions data = twoBlocks();
        AlsModel model = new AlsTrainer(new AlsParams(4, 2, 0.1, 5, 1), 1).train(data);
        float[] scores = new float[data.itemCount()];
        java.util.Arrays.fill(scores, 7f);
        model.score(new int[] {0}, new float[] {0}, 1, scores);
        assertThat(scores).containsOnly(0f);
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Interactions data = twoBlocks();
        AlsModel first = new AlsTrainer(new AlsParams(8, 4, 0.1, 5, 11), 2).train(data);
        AlsModel again = new AlsTrainer(new AlsParams(8, 4, 0.1, 5, 11), 2).train(data);
        AlsModel other = new AlsTrainer(new AlsParams(8, 4, 0.1, 5, 12), 2).train(data);
        for (int j = 0; j < data.itemCount(); j++) {
            assertThat(again.itemVector(j)).containsExactly(first.itemVector(j));
        }
        assertThat(other.itemVector(0)).isNotEqualTo(first.itemVector(0));
    }

    @Test
    void manyThreadsGiveWhatOneThreadGives() {
        // enough people and products for many chunks of work, so threads really interleave
        Random random = new Random(5);
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 3_000; p++) {
            for (int k = 0; k < 12; k++) {
                builder.add("p" + p, "i" + (int) Math.abs(random.nextGaussian() * 300), 1 + random.nextInt(3));
            }
        }
        Interactions data = builder.build();
        AlsParams params = new AlsParams(16, 3, 0.1, 2, 3);
        AlsModel single = new AlsTrainer(params, 1).train(data);
        AlsModel parallel = new AlsTrainer(params, 4).train(data);
        for (int j = 0; j < data.itemCount(); j++) {
            float[] expected = single.itemVector(j);
            float[] actual = parallel.itemVector(j);
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).isCloseTo(expected[k], within(1e-6f));
            }
        }
    }

    @Test
    void badParamsAreRefusedWithAReason() {
        assertThatThrownBy(() -> new AlsParams(0, 1, 0.1, 1, 1)).hasMessageContaining("factors must be");
        assertThatThrownBy(() -> new AlsParams(8, 0, 0.1, 1, 1)).hasMessageContaining("iterations must be");
        assertThatThrownBy(() -> new AlsParams(8, 1, -1, 1, 1)).hasMessageContaining("regularization must be");
        assertThatThrownBy(() -> new AlsParams(8, 1, 0.1, Double.NaN, 1)).hasMessageContaining("alpha must be");
        assertThatThrownBy(() -> new AlsTrainer(new AlsParams(64, 15, 0.1, 10, 42), 0)).hasMessageContaining("threads");
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
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
