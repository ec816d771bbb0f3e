package org.attune.core.model.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceParamsTest {
    private static final SequenceParams AUTO = SequenceParams.DEFAULTS;

    @Test
    void autoSamplesWhenAnEpochOfTheFullSoftmaxCostsTooMuchThoughEachBatchFits() {
        // the demo shop's holdout fit: 20,000 products, 288,793 positions, batches of 64 x 50
        assertThat(64L * 50 * 20_000).isLessThan(SequenceParams.FULL_SOFTMAX_BATCH_LOGITS);
        assertThat(AUTO.samplesSoftmax(20_000, 288_793, 64 * 50)).isTrue();
    }

    @Test
    void autoKeepsTheFullSoftmaxWhileAnEpochIsAffordable() {
        // MovieLens 100K: 1,682 products, under 100,000 positions
        assertThat(AUTO.samplesSoftmax(1_682, 99_000, 64 * 200)).isFalse();
        // MovieLens latest-small: 9,724 products, under 100,836 positions, batches of 32 (docs/benchmarks.md)
        assertThat(AUTO.samplesSoftmax(9_724, 100_836, 32 * 200)).isFalse();
    }

    @Test
    void autoSamplesWhenOneBatchWouldNotFitEvenInAShortEpoch() {
        assertThat(AUTO.samplesSoftmax(200_000, 1_000, 64 * 50)).isTrue();
    }

    @Test
    void autoNeverSamplesAsManyProductsAsTheCatalogHas() {
        SequenceParams manyNegatives = AUTO.withSoftmax("auto", 20_000);
        assertThat(manyNegatives.samplesSoftmax(20_000, 288_793, 64 * 50)).isFalse();
    }

    @Test
    void anExplicitChoiceIsKeptWhateverTheCost() {
        assertThat(AUTO.withSoftmax("full", 1_024).samplesSoftmax(20_000, 288_793, 64 * 50)).isFalse();
        assertThat(AUTO.withSoftmax("sampled", 1_024).samplesSoftmax(100, 10, 10)).isTrue();
    }
}
