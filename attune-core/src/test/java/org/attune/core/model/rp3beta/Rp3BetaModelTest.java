package org.attune.core.model.rp3beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class Rp3BetaModelTest {

    private static byte[] bytes(Rp3BetaModel model) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            model.write(out);
        }
        return buffer.toByteArray();
    }

    private static Rp3BetaModel read(byte[] bytes) throws IOException {
        return Rp3BetaModel.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void aWrittenAndReadModelScoresEveryPersonIdentically() throws IOException {
        Interactions data = Rp3BetaTrainerTest.randomData(200, 400, 10, 7);
        Rp3BetaModel model = new Rp3BetaTrainer(Rp3BetaParams.DEFAULTS.withMaxNeighbors(30), 2).train(data);
        Rp3BetaModel copy = read(bytes(model));
        assertThat(copy.itemCount()).isEqualTo(400);
        float[] expected = new float[400];
        float[] actual = new float[400];
        for (int person = 0; person < data.personCount(); person++) {
            int[] items = data.itemsOf(person);
            float[] values = new float[items.length];
            for (int k = 0; k < items.length; k++) {
                values[k] = data.value(data.start(person) + k);
            }
            model.score(items, values, items.length, expected);
            copy.score(items, values, items.length, actual);
            assertThat(actual).as("person " + person).containsExactly(expected);
        }
    }

    @Test
    void aDamagedArtifactIsRefusedWithAReason() throws IOException {
        Interactions data = Rp3BetaTrainerTest.randomData(20, 30, 5, 1);
        byte[] good = bytes(new Rp3BetaTrainer(Rp3BetaParams.DEFAULTS, 1).train(data));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(java.io.EOFException.class);
        byte[] negative = good.clone();
        negative[0] = (byte) 0xFF;
        assertThatThrownBy(() -> read(negative)).isInstanceOf(IOException.class)
                .hasMessageContaining("negative length");
        byte[] outside = good.clone();
        // the first product's first neighbour (after the product count and the row's length)
        java.nio.ByteBuffer.wrap(outside).putInt(8, 30);
        assertThatThrownBy(() -> read(outside)).isInstanceOf(IOException.class)
                .hasMessageContaining("neighbour 30 outside the 30 products");
        byte[] huge = good.clone();
        // the first product's neighbour count: refused before an array that size is made
        java.nio.ByteBuffer.wrap(huge).putInt(4, Integer.MAX_VALUE);
        assertThatThrownBy(() -> read(huge)).isInstanceOf(IOException.class)
                .hasMessageContaining("an array of 2147483647 values where at most 30 can be");
    }
}
