package org.attune.core.model.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceParamsTest {
    private static final SequenceParams AUTO = SequenceParams.DEFAULTS;

    @Test
    void autoKeepsTheFullSoftmaxWhileABatchFitsAndTenEpochsFitInTheTimeLimit() {
        // MovieLens latest-small with batches of 32 (docs/benchmarks.md): about 100,000 positions an epoch
        assertThat(AUTO.samplesSoftmax(9_724, 32 * 200, 100_000)).isFalse();
        // a shop of 20,000 products with a tenth of the demo shop's positions
        assertThat(AUTO.samplesSoftmax(20_000, 64 * 50, 29_000)).isFalse();
    }

    @Test
    void autoSamplesWhenTheFullSoftmaxCouldNotConvergeWithinTheTimeLimit() {
        // the demo shop's holdout fit: 289,000 positions an epoch over 20,000 products, 4 minutes
        assertThat(AUTO.samplesSoftmax(20_000, 64 * 50, 289_000)).isTrue();
        // the same with an hour to spend trains the full softmax
        assertThat(AUTO.withStopping(200, 2, 5, 60).samplesSoftmax(20_000, 64 * 50, 289_000)).isFalse();
    }

    @Test
    void autoSamplesWhenOneBatchWouldNotFit() {
        assertThat(AUTO.samplesSoftmax(9_724, 128 * 200, 1_000)).isTrue();
        assertThat(AUTO.samplesSoftmax(200_000, 64 * 50, 1_000)).isTrue();
    }

    @Test
    void autoNeverSamplesAsManyProductsAsTheCatalogHas() {
        assertThat(AUTO.withSoftmax("auto", 200_000).samplesSoftmax(200_000, 64 * 50, 289_000)).isFalse();
    }

    @Test
    void anExplicitChoiceIsKeptWhateverTheSize() {
        assertThat(AUTO.withSoftmax("full", 1_024).samplesSoftmax(200_000, 64 * 50, 289_000)).isFalse();
        assertThat(AUTO.withSoftmax("sampled", 1_024).samplesSoftmax(100, 10, 10)).isTrue();
    }
}
