package org.attune.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackedBatchTest {
    private static final float MASKED = -1e9f;

    @Test
    void shortSequencesShareARowAsLongAsTheLongest() {
        // inputs of 4, 1, 2 and 1 products: the first fills a row, the other three share one
        PackedBatch batch = PackedBatch.of(List.of(new int[] {0, 1, 2, 3, 4}, new int[] {5, 6},
                new int[] {7, 8, 9}, new int[] {10, 11}), 50, MASKED);
        assertThat(batch.rows()).isEqualTo(2);
        assertThat(batch.length()).isEqualTo(4);
        assertThat(batch.inputs()).containsExactly(1, 2, 3, 4, 8, 9, 6, 11);
        // each product keeps the position it has alone: a sequence of n inputs ends at 49
        assertThat(batch.positions()).containsExactly(46, 47, 48, 49, 48, 49, 49, 49);
        assertThat(batch.targetSlots()).containsExactly(0, 1, 2, 3, 6, 4, 5, 7);
        assertThat(batch.targets()).containsExactly(1, 2, 3, 4, 6, 8, 9, 11);
    }

    @Test
    void aSlotAttendsToItsOwnSequencesEarlierProductsOnly() {
        PackedBatch batch = PackedBatch.of(List.of(new int[] {0, 1, 2, 3, 4}, new int[] {7, 8, 9},
                new int[] {5, 6}), 50, MASKED);
        // row 1 holds the 2-input sequence in columns 0-1 and the 1-input one in column 2; column 3 is padding
        assertThat(row(batch, 1, 0)).containsExactly(0, MASKED, MASKED, MASKED);
        assertThat(row(batch, 1, 1)).containsExactly(0, 0, MASKED, MASKED);
        assertThat(row(batch, 1, 2)).containsExactly(MASKED, MASKED, 0, MASKED);
        assertThat(row(batch, 1, 3)).containsExactly(MASKED, MASKED, MASKED, 0);
        assertThat(row(batch, 0, 2)).containsExactly(0, 0, 0, MASKED);
        assertThat(batch.inputs()[7]).isZero();
    }

    @Test
    void readsOnlyTheLastMaxLengthInputsOfALongSequence() {
        PackedBatch batch = PackedBatch.of(List.of(new int[] {0, 1, 2, 3, 4, 5, 6}), 3, MASKED);
        assertThat(batch.inputs()).containsExactly(4, 5, 6);
        assertThat(batch.positions()).containsExactly(0, 1, 2);
        assertThat(batch.targets()).containsExactly(4, 5, 6);
    }

    private static float[] row(PackedBatch batch, int row, int query) {
        int from = (row * batch.length() + query) * batch.length();
        return java.util.Arrays.copyOfRange(batch.mask(), from, from + batch.length());
    }
}
