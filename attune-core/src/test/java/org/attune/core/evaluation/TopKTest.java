package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void theBestOfAListAreTheBestOfTheWholeArrayHeldByThatList() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            float[] all = new float[n];
            Arrays.fill(all, Float.NEGATIVE_INFINITY);
            int[] ids = random.ints(0, n).distinct().limit(1 + random.nextInt(n)).toArray();
            float[] listed = new float[ids.length];
            for (int j = 0; j < ids.length; j++) {
                listed[j] = random.nextInt(20); // many ties, broken by the lower id
                all[ids[j]] = listed[j];
            }
            int k = 1 + random.nextInt(40);
            int[] positions = TopK.of(ids, listed, ids.length, k);
            int[] byList = Arrays.stream(positions).map(p -> ids[p]).toArray();
            assertThat(byList).isEqualTo(TopK.of(all, k));
        }
    }

    @Test
    void anEmptyListOrKOfZeroGivesNothing() {
        assertThat(TopK.of(new int[0], new float[0], 0, 5)).isEmpty();
        assertThat(TopK.of(new int[] {1}, new float[] {2f}, 1, 0)).isEmpty();
        assertThat(TopK.of(new int[] {4, 1, 9}, new float[] {2f, 5f, 2f}, 2, 10)).containsExactly(1, 0);
    }
}
