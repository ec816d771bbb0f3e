package org.attune.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdIndexTest {
    /** Just under the size at which the initial table of 65,536 slots grows: long probe chains. */
    private static final int CROWDED = 39_000;

    @Test
    void addReportsWhetherTheIdWasNew() {
        EventIdIndex index = new EventIdIndex();

        assertThat(index.add("e1")).isTrue();
        assertThat(index.add("e2")).isTrue();
        assertThat(index.add("e1")).as("already present").isFalse();
        assertThat(index.add("E1")).as("ids are case-sensitive").isTrue();
        assertThat(index.add("")).isTrue();
        assertThat(index.add("")).isFalse();
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void idsStayFindableWhileTheTableGrowsPastManyThousands() {
        EventIdIndex index = new EventIdIndex();
        int n = 300_000;

        for (int i = 0; i < n; i++) {
            assertThat(index.add("evt-" + i)).isTrue();
        }

        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            if (index.add("evt-" + i)) {
                throw new AssertionError("evt-" + i + " was lost while the table grew");
            }
        }
        assertThat(index.add("evt-" + n)).isTrue();
        assertThat(index.size()).isEqualTo(n + 1);
    }

    @Test
    void removingIdsKeepsTheOthersFindable() {
        EventIdIndex index = new EventIdIndex();
        for (int i = 0; i < CROWDED; i++) {
            index.add("id-" + i);
        }

        for (int i = 0; i < CROWDED; i += 3) {
            index.remove("id-" + i);
        }

        int kept = CROWDED - (CROWDED + 2) / 3;
        assertThat(index.size()).isEqualTo(kept);
        for (int i = 0; i < CROWDED; i++) {
            if (i % 3 != 0 && index.add("id-" + i)) {
                throw new AssertionError("id-" + i + " became unfindable after removals");
            }
        }
        assertThat(index.size()).as("nothing was added back").isEqualTo(kept);
        for (int i = 0; i < CROWDED; i += 3) {
            if (!index.add("id-" + i)) {
                throw new AssertionError("id-" + i + " is still present after removal");
            }
        }
        assertThat(index.size()).isEqualTo(CROWDED);
    }

    @Test
    void removingAnUnknownIdChangesNothing() {
        EventIdIndex index = new EventIdIndex();
        index.add("a");
        index.add("b");

        index.remove("c");

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.add("a")).isFalse();
        assertThat(index.add("b")).isFalse();
    }

    @Test
    void removingEveryIdEmptiesTheIndex() {
        EventIdIndex index = new EventIdIndex();
        for (int i = 0; i < CROWDED; i++) {
            index.add("x" + i);
        }
        for (int i = CROWDED - 1; i >= 0; i--) {
            index.remove("x" + i);
        }

        assertThat(index.size()).isZero();
        for (int i = 0; i < CROWDED; i++) {
            if (!index.add("x" + i)) {
                throw new AssertionError("x" + i + " survived its removal");
            }
        }
    }
}
