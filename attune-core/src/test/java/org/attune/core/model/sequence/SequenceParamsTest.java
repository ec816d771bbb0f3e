package org.attune.core.model.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceParamsTest {
    private static final SequenceParams AUTO = SequenceParams.DEFAULTS;

    @Test
    void autoKeepsTheFullSoftmaxWhileABatchFitsHoweverLongTheEpoch() {
        // the demo shop: 20,000 products, batches of 64 x 50 positions (its holdout fit: 289,000 an epoch)
        assertThat(AUTO.samplesSoftmax(20_000, 64 * 50)).isFalse();
        // MovieLens latest-small with batches of 32 (docs/benchmarks.md)
        assertThat(AUTO.samplesSoftmax(9_724, 32 * 200)).isFalse();
    }

    @Test
    void autoSamplesWhenOneBatchWouldNotFit() {
        assertThat(AUTO.samplesSoftmax(9_724, 128 * 200)).isTrue();
        assertThat(AUTO.samplesSoftmax(200_000, 64 * 50)).isTrue();
    }

    @Test
    void autoNeverSamplesAsManyProductsAsTheCatalogHas() {
        assertThat(AUTO.withSoftmax("auto", 200_000).samplesSoftmax(200_000, 64 * 50)).isFalse();
    }

    @Test
    void anExplicitChoiceIsKeptWhateverTheSize() {
        assertThat(AUTO.withSoftmax("full", 1_024).samplesSoftmax(200_000, 64 * 50)).isFalse();
        assertThat(AUTO.withSoftmax("sampled", 1_024).samplesSoftmax(100, 10)).isTrue();
    }
}
