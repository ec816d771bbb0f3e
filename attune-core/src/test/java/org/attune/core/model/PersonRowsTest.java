package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PersonRowsTest {

    /** Bob: a at 30, b at 10, c at 20, then a again at 40 (value 1 + 2); Ann: c at 5. */
    private static Interactions data() {
        return Interactions.builder()
                .add("bob", "a", 1, 30).add("bob", "b", 4, 10).add("bob", "c", 1, 20).add("bob", "a", 2, 40)
                .add("ann", "c", 1, 5).build();
    }

    private static int[] items(PersonRows rows, String person) {
        int row = rows.row(person);
        int[] items = new int[rows.end(row) - rows.start(row)];
        for (int i = 0; i < items.length; i++) {
            items[i] = rows.item(rows.start(row) + i);
        }
        return items;
    }

    @Test
    void eachPersonsProductsAreKeptOldestFirstWithTheirSummedValuesAndLatestTimes() {
        PersonRows rows = PersonRows.of(data(), 100);

        assertThat(rows.personCount()).isEqualTo(2);
        assertThat(rows.size()).isEqualTo(4);
        assertThat(items(rows, "bob")).containsExactly(1, 2, 0);
        int bob = rows.row("bob");
        assertThat(rows.value(rows.start(bob))).isEqualTo(4f);
        assertThat(rows.value(rows.end(bob) - 1)).as("a, twice").isEqualTo(3f);
        assertThat(rows.time(rows.end(bob) - 1)).isEqualTo(40);
        assertThat(items(rows, "ann")).containsExactly(2);
        assertThat(rows.row("cid")).isEqualTo(-1);
        assertThat(PersonRows.none().row("bob")).isEqualTo(-1);
    }

    @Test
    void aRowIsCutToItsNewestProducts() {
        PersonRows rows = PersonRows.of(data(), 2);

        assertThat(items(rows, "bob")).containsExactly(2, 0);
        assertThatThrownBy(() -> PersonRows.of(data(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenRowsReadBackAndDamagedOnesAreRefused() throws IOException {
        PersonRows rows = PersonRows.of(data(), 100);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        rows.write(new DataOutputStream(buffer));
        byte[] bytes = buffer.toByteArray();

        PersonRows read = PersonRows.read(new DataInputStream(new ByteArrayInputStream(bytes)), 3);

        assertThat(items(read, "bob")).containsExactly(items(rows, "bob"));
        assertThat(read.value(read.start(read.row("bob")))).isEqualTo(4f);
        assertThatThrownBy(() -> PersonRows.read(new DataInputStream(new ByteArrayInputStream(bytes)), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("outside the 2 products");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        assertThatThrownBy(() -> PersonRows.read(new DataInputStream(new ByteArrayInputStream(cut)), 3))
                .isInstanceOf(IOException.class);
        byte[] negative = bytes.clone();
        ByteBuffer.wrap(negative).putInt(0, -1);
        assertThatThrownBy(() -> PersonRows.read(new DataInputStream(new ByteArrayInputStream(negative)), 3))
                .isInstanceOf(IOException.class).hasMessageContaining("negative length");
    }
}
