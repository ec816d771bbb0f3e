package org.attune.store.duckdb;

import org.attune.core.ingest.EventStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attune.core.ingest.EventStore.EncodedFrame;
import org.junit.jupiter.api.Test;

class EventLoadFileTest {
    @Test
    void injectsTheSeqAndKeepsPropertiesAndContextAsExactText() throws IOException {
        EncodedFrame frame = frame(7, """
                {"t":"view","ts":1,"a":"x","r":2}
                {"i":"e8","t":"buy","ts":3,"u":"u1","it":["p1"],"p":{"price":12.50,"note":"say \\"hi\\""},"x":{"s":"web"},"r":4}
                {}
                """);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLoadFile.Written written = EventLoadFile.write(List.of(frame), 0, out);

        assertThat(written).isEqualTo(new EventLoadFile.Written(3, 9));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"s":7,"t":"view","ts":1,"a":"x","r":2}
                {"s":8,"i":"e8","t":"buy","ts":3,"u":"u1","it":["p1"],"p":"{\\"price\\":12.50,\\"note\\":\\"say \\\\\\"hi\\\\\\"\\"}","x":"{\\"s\\":\\"web\\"}","r":4}
                {"s":9}
                """);
    }

    @Test
    void leavesOutLinesAtOrBelowLoadedThrough() throws IOException {
        EncodedFrame first = frame(1, "{\"t\":\"a\"}\n{\"t\":\"b\"}\n");
        EncodedFrame second = frame(3, "{\"t\":\"c\"}\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLoadFile.Written written = EventLoadFile.write(List.of(first, second), 2, out);

        assertThat(written).isEqualTo(new EventLoadFile.Written(1, 3));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"s\":3,\"t\":\"c\"}\n");
    }

    @Test
    void nothingAboveLoadedThroughWritesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(EventLoadFile.write(List.of(frame(1, "{\"t\":\"a\"}\n")), 5, out))
                .isEqualTo(new EventLoadFile.Written(0, 5));
        assertThat(out.size()).isZero();
    }

    private static EncodedFrame frame(long firstSeq, String lines) {
        byte[] payload = lines.getBytes(StandardCharsets.UTF_8);
        return new EncodedFrame(firstSeq, (int) lines.lines().count(), payload);
    }
}
