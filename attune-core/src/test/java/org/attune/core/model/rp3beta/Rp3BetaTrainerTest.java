package org.attune.core.model.rp3beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.attune.core.model.Interactions;
import org.attune.core.model.SparseScores;
import org.junit.jupiter.api.Test;

class Rp3BetaTrainerTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int D = 3;

    /**
     * Ann has a, b, c; Bob a, b; Cid b, d. People's steps: Ann 1/3, Bob 1/2, Cid 1/2. Products'
     * steps (1 / people who have it): a 1/2, b 1/3, c 1, d 1; popularity a 2, b 3, c 1, d 1.
     */
    private static Interactions threePeople() {
        return Interactions.builder()
                .add("ann", "a", 1).add("ann", "b", 1).add("ann", "c", 1)
                .add("bob", "a", 1).add("bob", "b", 1)
                .add("cid", "b", 1).add("cid", "d", 1).build();
    }

    private static Rp3BetaModel train(Interactions data, Rp3BetaParams params) {
        return new Rp3BetaTrainer(params, 1).train(data);
    }

    private static float[] row(Rp3BetaModel model, int item) {
        float[] scores = new float[model.itemCount()];
        model.score(new int[] {item}, new float[] {1}, 1, scores);
        return scores;
    }

    @Test
    void thePlainWalkGivesTheTransitionProbabilitiesByHand() {
        Rp3BetaModel model = train(threePeople(), new Rp3BetaParams(1, 0, 100, Rp3BetaParams.RAW));
        // W[a][b] = 1/2 * 1/3 (via Ann) + 1/2 * 1/2 (via Bob) = 5/12; W[a][c] = 1/2 * 1/3 = 1/6
        assertThat(row(model, A)).containsExactly(new float[] {0, 5f / 12, 1f / 6, 0}, within(1e-6f));
        // W[b][a] = 1/3 * 1/3 + 1/3 * 1/2 = 5/18; W[b][c] = 1/3 * 1/3 = 1/9; W[b][d] = 1/3 * 1/2 = 1/6
        assertThat(row(model, B)).containsExactly(new float[] {5f / 18, 0, 1f / 9, 1f / 6}, within(1e-6f));
        // W[c][a] = W[c][b] = 1 * 1/3; W[d][b] = 1 * 1/2
        assertThat(row(model, C)).containsExactly(new float[] {1f / 3, 1f / 3, 0, 0}, within(1e-6f));
        assertThat(row(model, D)).containsExactly(new float[] {0, 0.5f, 0, 0}, within(1e-6f));
        assertThat(model.neighbors(B)).as("best first, never itself").containsExactly(A, D, C);
    }

    @Test
    void alphaRaisesEveryStepToItsPower() {
        Rp3BetaModel model = train(threePeople(), new Rp3BetaParams(0.5, 0, 100, Rp3BetaParams.RAW));
        // W[a][b] = sqrt(1/2) sqrt(1/3) + sqrt(1/2) sqrt(1/2); W[a][c] = sqrt(1/2) sqrt(1/3)
        double viaAnn = Math.sqrt(0.5) * Math.sqrt(1.0 / 3);
        assertThat(row(model, A)[B]).isCloseTo((float) (viaAnn + 0.5), within(1e-6f));
        assertThat(row(model, A)[C]).isCloseTo((float) viaAnn, within(1e-6f));
    }

    @Test
    void betaLowersAPopularProductUntilARarerOneOvertakesIt() {
        Interactions data = threePeople();
        float[] plain = row(train(data, new Rp3BetaParams(1, 0, 100, Rp3BetaParams.RAW)), A);
        float[] half = row(train(data, new Rp3BetaParams(1, 0.5, 100, Rp3BetaParams.RAW)), A);
        float[] full = row(train(data, new Rp3BetaParams(1, 1, 100, Rp3BetaParams.RAW)), A);
        // b is held by 3 people, c by 1: b's weight is divided by 3^beta, c's by 1
        assertThat(half[B]).isCloseTo((float) (5.0 / 12 / Math.sqrt(3)), within(1e-6f));
        assertThat(full[B]).isCloseTo(5f / 36, within(1e-6f));
        assertThat(half[C]).isEqualTo(plain[C]).isEqualTo(full[C]);
        assertThat(plain[B]).as("without beta the popular b comes first").isGreaterThan(plain[C]);
        assertThat(full[B]).as("with beta 1 the rarer c overtakes it").isLessThan(full[C]);
    }

    @Test
    void onlyTheStrongestNeighboursAreKeptTiesByTheLowerIndex() {
        Rp3BetaModel model = train(threePeople(), new Rp3BetaParams(1, 0, 1, Rp3BetaParams.RAW));
        assertThat(model.neighbors(B)).containsExactly(A);
        assertThat(model.weights(B)).containsExactly(5f / 18);
        assertThat(model.neighbors(C)).as("a and b tie at 1/3").containsExactly(A);
        assertThat(row(model, B)).containsExactly(new float[] {5f / 18, 0, 0, 0}, within(1e-6f));
    }

    @Test
    void normalisedRowsSumToOneAfterTheCut() {
        Rp3BetaModel model = train(threePeople(), new Rp3BetaParams(1, 0, 2, Rp3BetaParams.NORMALIZED));
        // row b keeps a (5/18) and d (1/6 = 3/18): 5/8 and 3/8
        assertThat(model.neighbors(B)).containsExactly(A, D);
        assertThat(model.weights(B)).containsExactly(new float[] {5f / 8, 3f / 8}, within(1e-6f));
    }

    @Test
    void valuesWeighTheStepsAndNonPositiveOnesAreLeftOut() {
        Interactions data = Interactions.builder()
                .add("ann", "a", 1).add("ann", "b", 1).add("ann", "c", 2)
                .add("bob", "a", 1).add("bob", "b", 1)
                .add("cid", "b", 1).add("cid", "d", 1).add("cid", "a", -1).build();
        Rp3BetaModel model = train(data, new Rp3BetaParams(1, 0, 100, Rp3BetaParams.RAW));
        // Ann's steps: a 1/4, b 1/4, c 2/4; a's steps: Ann 1/2, Bob 1/2 (Cid's -1 is no edge)
        // W[a][b] = 1/2 * 1/4 + 1/2 * 1/2 = 3/8; W[a][c] = 1/2 * 2/4 = 1/4; W[a][d] = 0
        assertThat(row(model, A)).containsExactly(new float[] {0, 3f / 8, 1f / 4, 0}, within(1e-6f));
        // from d the walk reaches Cid and then b only
        assertThat(model.neighbors(D)).containsExactly(B);
    }

    @Test
    void aPersonScoresTheSumOfTheirProductsRowsWeightedByTheirValues() {
        Rp3BetaModel model = train(threePeople(), new Rp3BetaParams(1, 0, 100, Rp3BetaParams.RAW));
        int[] items = {A, C};
        float[] values = {1, 2};
        float[] dense = new float[4];
        model.score(items, values, 2, dense);
        // b: 1 * 5/12 + 2 * 1/3 = 13/12; a: 2 * W[c][a] = 2/3; c: 1 * 1/6
        assertThat(dense).containsExactly(new float[] {2f / 3, 13f / 12, 1f / 6, 0}, within(1e-6f));
        SparseScores sparse = new SparseScores();
        sparse.ensureCapacity(4);
        model.score(items, values, 2, sparse);
        for (int j = 0; j < 4; j++) {
            assertThat(sparse.score(j)).as("product " + j).isEqualTo(dense[j]);
        }
    }

    @Test
    void theModelIsTheSameWhateverTheThreadCount() {
        Interactions data = randomData(300, 500, 12, 3);
        Rp3BetaParams params = new Rp3BetaParams(0.8, 0.4, 20, Rp3BetaParams.NORMALIZED);
        Rp3BetaModel one = new Rp3BetaTrainer(params, 1).train(data);
        Rp3BetaModel three = new Rp3BetaTrainer(params, 3).train(data);
        for (int item = 0; item < data.itemCount(); item++) {
            assertThat(three.neighbors(item)).isEqualTo(one.neighbors(item));
            assertThat(three.weights(item)).isEqualTo(one.weights(item));
            assertThat(one.neighbors(item).length).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void sparseRowsEqualTheDenseMatrixProductOnRandomWeightedData() {
        Interactions data = randomData(60, 40, 6, 11);
        double alpha = 0.7;
        double beta = 0.3;
        int n = data.itemCount();
        // dense P_ui, P_iu from the row and column sums of R, and the popularity of each product
        double[][] r = new double[data.personCount()][n];
        for (int p = 0; p < data.personCount(); p++) {
            for (int a = data.start(p); a < data.end(p); a++) {
                r[p][data.item(a)] = data.value(a);
            }
        }
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            double column = 0;
            for (double[] person : r) {
                column += person[i];
            }
            for (int p = 0; p < r.length; p++) {
                if (r[p][i] == 0) {
                    continue;
                }
                double rowSum = java.util.Arrays.stream(r[p]).sum();
                for (int j = 0; j < n; j++) {
                    expected[i][j] += Math.pow(r[p][i] / column, alpha) * Math.pow(r[p][j] / rowSum, alpha);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            int popularity = 0;
            for (double[] person : r) {
                popularity += person[j] > 0 ? 1 : 0;
            }
            for (int i = 0; i < n; i++) {
                expected[i][j] = i == j || popularity == 0 ? 0 : expected[i][j] / Math.pow(popularity, beta);
            }
        }
        Rp3BetaModel model = train(data, new Rp3BetaParams(alpha, beta, 1_000, Rp3BetaParams.RAW));
        for (int i = 0; i < n; i++) {
            float[] actual = row(model, i);
            for (int j = 0; j < n; j++) {
                assertThat((double) actual[j]).as("W[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-6));
            }
        }
    }

    /** People with 1 to 2 x meanItems products out of {@code items}, some skewed to the first products. */
    static Interactions randomData(int people, int items, int meanItems, long seed) {
        Random random = new Random(seed);
        Interactions.Builder builder = Interactions.builder();
        for (int i = 0; i < items; i++) {
            builder.addItem("i" + i);
        }
        for (int p = 0; p < people; p++) {
            int count = 1 + random.nextInt(2 * meanItems);
            for (int k = 0; k < count; k++) {
                int item = random.nextBoolean() ? random.nextInt(items / 10) : random.nextInt(items);
                builder.add("p" + p, "i" + item, 1 + random.nextInt(3));
            }
        }
        return builder.build();
    }
}
