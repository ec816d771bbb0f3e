package org.attune.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attune.core.model.Interactions;
import org.attune.core.model.sequence.SequenceModel;
import org.attune.core.model.sequence.SequenceParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SequenceModelTest {

    @BeforeAll
    static void offline() {
        DjlEnvironment.configure(Path.of("target", "djl-cache"));
    }

    /** Every person walks the catalog in steps of one from a random start: the next product is always known. */
    private static List<int[]> walks(int people, int items, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> sequences = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            int start = random.nextInt(items);
            int[] walk = new int[length];
            for (int t = 0; t < length; t++) {
                walk[t] = (start + t) % items;
            }
            sequences.add(walk);
        }
        return sequences;
    }

    private static final SequenceParams SMALL = new SequenceParams(8, 16, 2, 2, 0.1, 0.01, 32, 40, 5, 3,
            "full", 8, 10, 1, 7);

    @Test
    void theJavaForwardPassMatchesDjlOnTheSameWeights() {
        SequenceModel model = new SequenceTrainer().learn(30, walks(60, 30, 10, 1), SMALL.withStopping(5, 5, 3, 10),
                null, done -> { });
        int[][] sequences = {{3}, {4, 5, 6}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
        // the model's full length, and a batch padded only to 4 as training batches are
        for (int length : new int[] {model.maxLength(), 4}) {
            long[] inputs = new long[sequences.length * length];
            int[][] read = new int[sequences.length][];
            for (int row = 0; row < sequences.length; row++) {
                int[] sequence = sequences[row];
                int n = Math.min(sequence.length, length);
                read[row] = java.util.Arrays.copyOfRange(sequence, sequence.length - n, sequence.length);
                for (int t = 0; t < n; t++) {
                    inputs[row * length + length - n + t] = read[row][t] + 1L;
                }
            }
            try (SequenceNetwork network = new SequenceNetwork(model, NDManager.newBaseManager())) {
                NDArray input = network.weights().get("items").getManager()
                        .create(inputs, new Shape(sequences.length, length));
                NDArray hidden = network.forward(input, 0, false);
                float[] all = hidden.toFloatArray();
                float[] logits = network.logits(hidden.reshape(-1, model.dimension())).toFloatArray();
                for (int row = 0; row < sequences.length; row++) {
                    float[] state = model.encode(read[row], read[row].length);
                    int last = row * length + length - 1;
                    for (int f = 0; f < model.dimension(); f++) {
                        assertThat(state[f]).isCloseTo(all[last * model.dimension() + f], within(1e-4f));
                    }
                    float[] scores = new float[model.itemCount()];
                    model.scoreEncoded(state, scores);
                    for (int i = 0; i < model.itemCount(); i++) {
                        assertThat(scores[i]).isCloseTo(logits[last * model.itemCount() + i], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void packedSequencesGetWhatEachGetsAlone() {
        SequenceModel model = org.attune.core.model.sequence.SequenceInit.random(30, SMALL, 5);
        // inputs of 8 (the model's length, from a longer sequence), 3, 1, 4 and 2 products: rows share
        List<int[]> sequences = List.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new int[] {4, 5, 6, 7},
                new int[] {3, 9}, new int[] {20, 21, 22, 23, 24}, new int[] {0, 29, 28});
        PackedBatch batch = PackedBatch.of(sequences, model.maxLength(), -1e9f);
        assertThat(batch.rows()).isLessThan(sequences.size());
        try (NDManager arrays = NDManager.newBaseManager();
             SequenceNetwork network = new SequenceNetwork(model, NDManager.newBaseManager())) {
            float[] hidden = network.forward(batch, arrays, 0, false).toFloatArray();
            int d = model.dimension();
            int n = 0;
            for (int[] sequence : sequences) {
                int steps = Math.min(sequence.length - 1, model.maxLength());
                int[] read = java.util.Arrays.copyOfRange(sequence, sequence.length - 1 - steps, sequence.length - 1);
                n += steps;
                long lastSlot = batch.targetSlots()[n - 1];
                float[] state = model.encode(read, read.length);
                for (int f = 0; f < d; f++) {
                    assertThat(hidden[(int) lastSlot * d + f]).isCloseTo(state[f], within(1e-4f));
                }
            }
        }
    }

    @Test
    void thePyTorchScorerTheBenchmarkComparesWithGivesTheSameScores() {
        SequenceModel model = org.attune.core.model.sequence.SequenceInit.random(40, SMALL, 3);
        int[] sequence = {5, 9, 2, 31, 7, 7, 12, 1, 0, 39, 4};
        float[] java = new float[40];
        model.scoreEncoded(model.encode(sequence, sequence.length), java);
        try (TorchSequenceScorer torch = new TorchSequenceScorer(model)) {
            float[] viaTorch = torch.logits(sequence, sequence.length);
            for (int i = 0; i < 40; i++) {
                assertThat(viaTorch[i]).isCloseTo(java[i], within(1e-4f));
            }
        }
    }

    @Test
    void learnsWhatComesNextAndStopsEarly() {
        SequenceTrainer trainer = new SequenceTrainer();
        SequenceModel model = trainer.learn(30, walks(200, 30, 12, 2), SMALL, null, done -> { });
        assertThat(trainer.lastReport().validationNdcg()).isGreaterThan(0.8);
        assertThat(trainer.lastReport().bestEpoch()).isLessThanOrEqualTo(trainer.lastReport().epochs());
        float[] scores = new float[30];
        model.score(new int[] {10, 11, 12, 13}, null, 4, scores);
        assertThat(org.attune.core.evaluation.TopK.of(scores, 1)[0]).isEqualTo(14);
    }

    @Test
    void theSampledSoftmaxLearnsTheSameWalksFromAFewNegatives() {
        SequenceTrainer trainer = new SequenceTrainer();
        SequenceModel model = trainer.learn(30, walks(200, 30, 12, 2), SMALL.withSoftmax("sampled", 8), null,
                done -> { });
        assertThat(trainer.lastReport().softmax()).isEqualTo("sampled");
        assertThat(trainer.lastReport().validationNdcg()).isGreaterThan(0.8);
        float[] scores = new float[30];
        model.score(new int[] {20, 21, 22}, null, 3, scores);
        assertThat(org.attune.core.evaluation.TopK.of(scores, 1)[0]).isEqualTo(23);
    }

    @Test
    void aWarmStartKeepsWhatTheEarlierModelLearnedAndAddsNewProducts() {
        SequenceTrainer trainer = new SequenceTrainer();
        SequenceModel earlier = trainer.learn(30, walks(200, 30, 12, 2), SMALL, null, done -> { });
        SequenceModel fresh = trainer.learn(35, walks(200, 30, 12, 3), SMALL.withStopping(1, 1, 1, 10), null,
                done -> { });
        double freshNdcg = trainer.lastReport().validationNdcg();
        SequenceModel warm = trainer.learn(35, walks(200, 30, 12, 3), SMALL.withStopping(1, 1, 1, 10), earlier,
                done -> { });
        assertThat(trainer.lastReport().validationNdcg()).isGreaterThan(0.8).isGreaterThan(freshNdcg + 0.3);
        assertThat(warm.itemCount()).isEqualTo(35);
        assertThat(fresh.itemCount()).isEqualTo(35);
    }

    @Test
    void stopsAtItsTimeLimitKeepingValidatedWeightsAndReportsProgress() {
        SequenceTrainer trainer = new SequenceTrainer();
        List<Double> reported = new ArrayList<>();
        trainer.learn(30, walks(200, 30, 12, 2), SMALL.withStopping(100_000, 1, 1_000, 0.05), null,
                reported::add);
        assertThat(trainer.lastReport().stoppedBy()).isEqualTo("time");
        assertThat(trainer.lastReport().bestEpoch()).isPositive();
        assertThat(reported).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void readsInteractionsInTimeOrderNotInFileOrder() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 200; p++) {
            int start = p % 30;
            for (int t = 11; t >= 0; t--) {
                builder.add("person" + p, "item" + (start + t) % 30, 1, 1_000 + t);
            }
        }
        Interactions data = builder.build();
        SequenceTrainer trainer = new SequenceTrainer();
        SequenceModel model = trainer.train(data, SMALL);
        assertThat(trainer.lastReport().validationNdcg()).isGreaterThan(0.8);
        int[] walk = {data.itemsInTimeOrder(0)[0], data.itemsInTimeOrder(0)[1]};
        float[] scores = new float[data.itemCount()];
        model.score(walk, null, 2, scores);
        assertThat(org.attune.core.evaluation.TopK.of(scores, 1)[0]).isEqualTo(data.itemsInTimeOrder(0)[2]);
    }

    @Test
    void validatesOnTheLatestProductsByTimeAndStopsByPatienceBeforeItsLimits() {
        // every person walks the catalog, one product a day over 12 days, starting on different days
        Interactions.Builder builder = Interactions.builder();
        SplittableRandom random = new SplittableRandom(5);
        for (int p = 0; p < 200; p++) {
            int start = random.nextInt(30);
            int firstDay = random.nextInt(6);
            for (int t = 0; t < 12; t++) {
                builder.add("person" + p, "item" + (start + t) % 30, 1, 86_400L * (firstDay + t));
            }
        }
        SequenceTrainer trainer = new SequenceTrainer();
        trainer.train(builder.build(), SMALL.withStopping(1_000, 1, 3, 10));
        SequenceTrainer.Report report = trainer.lastReport();
        assertThat(report.validation()).isEqualTo("time cut");
        assertThat(report.validationPeople()).isBetween(20, 200);
        assertThat(report.stoppedBy()).isEqualTo("patience");
        assertThat(report.epochs()).isLessThan(1_000);
        assertThat(report.bestEpoch()).isLessThan(report.epochs());
        assertThat(report.validationNdcg()).isGreaterThan(0.6);
    }

    @Test
    void withoutASpreadOfTimesValidatesOnEachPersonsLastProduct() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 200; p++) {
            for (int t = 0; t < 12; t++) {
                builder.add("person" + p, "item" + (p + t) % 30, 1, 1_000);
            }
        }
        SequenceTrainer trainer = new SequenceTrainer();
        trainer.train(builder.build(), SMALL.withStopping(2, 1, 3, 10));
        assertThat(trainer.lastReport().validation()).isEqualTo("last product");
        assertThat(trainer.lastReport().validationPeople()).isEqualTo(200);
    }

    @Test
    void rejectsParamsAUserCouldMistype() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SequenceParams.DEFAULTS.withShape(200, 64, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heads (3) must divide");
    }
}
