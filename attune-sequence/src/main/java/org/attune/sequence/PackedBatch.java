package org.attune.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A mini-batch's sequences laid side by side in rows, so that short ones share a row instead
 * of each filling a row of padding: a batch padded to its longest sequence was two thirds
 * padding on the demo shop, and the attention blocks paid for every padded slot. The rows are
 * as long as the longest sequence; sequences go, longest first, into the first row with room
 * (first-fit decreasing). Each slot keeps the position it would have in a row of its own
 * (sequences end at the model's last position), and may attend only to its own sequence's
 * earlier slots, so a packed row gives every sequence the outputs it would have alone. The
 * batch's people and their order are unchanged: packing changes the layout, not what is learned.
 *
 * @param rows rows of slots
 * @param length slots per row
 * @param inputs {@code rows x length} product index + 1 per slot, 0 for padding
 * @param positions {@code rows x length} each slot's index into the position vectors (0 for padding)
 * @param mask {@code rows x length x length}: {@code mask[(r * length + q) * length + k]} is 0
 *     where slot {@code q} of row {@code r} may attend to slot {@code k}, else {@code masked};
 *     a padding slot attends to itself only
 * @param targetSlots the slot ({@code row * length + column}) of each predicted position, in
 *     the order of the people given and, per person, of time
 * @param targets the product each of those slots predicts
 */
record PackedBatch(int rows, int length, long[] inputs, long[] positions, float[] mask, long[] targetSlots,
                   long[] targets) {

    /**
     * Packs the last {@code maxLength + 1} products of each sequence: every product but the
     * last is an input, every product but the first a target.
     *
     * @param sequences one per person of the batch, each of at least 2 products
     * @param maxLength the model's length
     * @param masked the value of a forbidden attention
     */
    static PackedBatch of(List<int[]> sequences, int maxLength, float masked) {
        int people = sequences.size();
        int[] steps = new int[people];
        int length = 1;
        for (int i = 0; i < people; i++) {
            steps[i] = Math.min(sequences.get(i).length - 1, maxLength);
            length = Math.max(length, steps[i]);
        }
        int[] row = new int[people];
        int[] column = new int[people];
        List<int[]> used = new ArrayList<>();
        Integer[] longestFirst = IntStream.range(0, people).boxed().toArray(Integer[]::new);
        Arrays.sort(longestFirst, Comparator.comparingInt((Integer i) -> -steps[i]).thenComparingInt(i -> i));
        for (int person : longestFirst) {
            int r = 0;
            while (r < used.size() && used.get(r)[0] + steps[person] > length) {
                r++;
            }
            if (r == used.size()) {
                used.add(new int[1]);
            }
            row[person] = r;
            column[person] = used.get(r)[0];
            used.get(r)[0] += steps[person];
        }
        int rows = used.size();
        long[] inputs = new long[rows * length];
        long[] positions = new long[rows * length];
        float[] mask = new float[rows * length * length];
        Arrays.fill(mask, masked);
        int positionCount = Arrays.stream(steps).sum();
        long[] targetSlots = new long[positionCount];
        long[] targets = new long[positionCount];
        int n = 0;
        boolean[] filled = new boolean[rows * length];
        for (int person = 0; person < people; person++) {
            int[] sequence = sequences.get(person);
            int first = sequence.length - 1 - steps[person];
            int start = row[person] * length + column[person];
            for (int t = 0; t < steps[person]; t++) {
                int slot = start + t;
                filled[slot] = true;
                inputs[slot] = sequence[first + t] + 1L;
                positions[slot] = maxLength - steps[person] + t;
                for (int k = start; k <= slot; k++) {
                    mask[slot * length + k - row[person] * length] = 0;
                }
                targetSlots[n] = slot;
                targets[n++] = sequence[first + t + 1];
            }
        }
        for (int slot = 0; slot < filled.length; slot++) {
            if (!filled[slot]) {
                mask[slot * length + slot % length] = 0;
            }
        }
        return new PackedBatch(rows, length, inputs, positions, mask, targetSlots, targets);
    }
}
