package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void clicksAreGroupedBySessionInTimeOrderWithRepeatsKept() {
        Sessions sessions = Sessions.builder()
                .add("s1", "a", 3_000).add("s2", "c", 1_000).add("s1", "b", 1_000)
                .add("s1", "a", 2_000).add("s1", "c", 2_000).build();
        assertThat(sessions.sessionCount()).isEqualTo(2);
        assertThat(sessions.itemCount()).isEqualTo(3);
        assertThat(sessions.length(0)).isEqualTo(4);
        int[] s1 = new int[4];
        for (int i = 0; i < 4; i++) {
            s1[i] = sessions.item(sessions.start(0) + i);
        }
        // Products numbered as first added: a 0, c 1, b 2. In s1: b at 1 s, then a and c both
        // at 2 s in the order added, then a again at 3 s.
        assertThat(s1).containsExactly(2, 0, 1, 0);
        assertThat(sessions.timeMillis(sessions.start(0))).isEqualTo(1_000);
        assertThat(sessions.itemId(sessions.item(sessions.start(1)))).isEqualTo("c");
    }

    @Test
    void asInteractionsEachSessionIsAPersonHoldingEachProductOnceAtItsLatestClick() {
        Sessions sessions = Sessions.builder()
                .add("s1", "a", 1_500).add("s1", "b", 2_000).add("s1", "a", 9_999).add("s2", "c", 4_000).build();
        Sessions other = Sessions.builder().add("t", "c", 0).add("t", "z", 0).build().onProductsOf(sessions, 1);
        Interactions interactions = other.toInteractions();
        assertThat(interactions.itemCount()).as("all of the reference's products, clicked or not").isEqualTo(3);
        assertThat(interactions.itemId(2)).isEqualTo("c");

        Interactions mine = sessions.toInteractions();
        assertThat(mine.personCount()).isEqualTo(2);
        assertThat(mine.itemsOf(0)).containsExactly(0, 1);
        assertThat(mine.value(mine.start(0))).as("a clicked twice is one interaction").isEqualTo(1f);
        assertThat(mine.time(mine.start(0))).as("the latest click, in seconds").isEqualTo(9);
    }

    @Test
    void onAnotherSetsProductsUnknownClicksAndThenShortSessionsAreDropped() {
        Sessions train = Sessions.builder().add("x", "a", 0).add("x", "b", 1).add("x", "c", 2).build();
        Sessions test = Sessions.builder()
                .add("t1", "c", 0).add("t1", "new", 1).add("t1", "a", 2)
                .add("t2", "b", 0).add("t2", "new", 1)
                .add("t3", "b", 0).add("t3", "b", 1).build();
        Sessions mapped = test.onProductsOf(train, 2);
        assertThat(mapped.itemCount()).isEqualTo(3);
        assertThat(mapped.sessionCount()).as("t2 keeps a single click").isEqualTo(2);
        assertThat(mapped.sessionId(0)).isEqualTo("t1");
        assertThat(new int[] {mapped.item(0), mapped.item(1)}).containsExactly(2, 0);
        assertThat(mapped.timeMillis(1)).isEqualTo(2);
        assertThat(mapped.sessionId(1)).isEqualTo("t3");
        assertThat(new int[] {mapped.item(2), mapped.item(3)}).containsExactly(1, 1);
        assertThat(mapped.size()).isEqualTo(4);
    }
}
