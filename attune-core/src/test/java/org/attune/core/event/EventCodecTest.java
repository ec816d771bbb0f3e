package org.attune.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attune.core.json.Json;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void roundTripKeepsEveryFieldExactly() throws Exception {
        ObjectNode properties = (ObjectNode) Json.MAPPER.readTree("""
                {"price": 12.50, "zero": 0.00, "hundred": 100.00, "big": 9007199254740993,
                 "max": 9223372036854775807, "huge": 123456789012345678901234567890,
                 "items": [{"id": "a-ü", "qty": 2}, {"id": "b", "tags": ["x", null, true]}],
                 "note": "日本語 \\"quoted\\" and a\\nnewline 😀", "empty": {}, "none": null}
                """);
        ObjectNode context = (ObjectNode) Json.MAPPER.readTree("""
                {"surface": "web", "page": "/p/ä", "device": {"os": "android", "dpr": 2.5}}
                """);
        Event full = new Event(0, "évt-😀-1", "add_to_cart", 1_767_225_600_123L, "anon-1", "user-ß", "shop",
                List.of("p1", "p-ü"), properties, context, 1_767_225_601_000L);
        Event sparse = new Event(0, null, "view", 0L, null, "u2", null, List.of(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), Long.MAX_VALUE);

        List<Event> decoded = codec.decode(encode(full, sparse), 41);

        assertThat(decoded).containsExactly(full.withSeq(41), sparse.withSeq(42));
        Event first = decoded.get(0);
        assertThat(first.properties().get("price").decimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(first.properties().get("price").toString()).isEqualTo("12.50");
        assertThat(first.properties().get("hundred").toString()).isEqualTo("100.00");
        assertThat(first.properties().get("big").longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(first.properties().get("max").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(first.properties().get("huge").bigIntegerValue())
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(first.properties().get("note").asText()).isEqualTo("日本語 \"quoted\" and a\nnewline 😀");
        assertThat(first.properties().get("none").isNull()).isTrue();
        assertThat(first.context().at("/device/dpr").decimalValue()).isEqualTo(new BigDecimal("2.5"));

        Event second = decoded.get(1);
        assertThat(second.eventId()).isNull();
        assertThat(second.anonymousId()).isNull();
        assertThat(second.catalog()).isNull();
        assertThat(second.userId()).isEqualTo("u2");
        assertThat(second.itemIds()).isEmpty();
        assertThat(second.properties().isEmpty()).isTrue();
        assertThat(second.receivedAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void eachEventIsOneLineAndTheSequenceNumberIsNotStored() {
        Event event = new Event(99, "e1", "view", 5L, "a", null, null, List.of("p"),
                JsonNodeFactory.instance.objectNode().put("line", "one\ntwo"), JsonNodeFactory.instance.objectNode(), 6L);

        byte[] payload = encode(event, event);

        String text = new String(payload, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(codec.decode(payload, 1)).extracting(Event::seq).containsExactly(1L, 2L);
    }

    @Test
    void decodingPartOfAPayloadReadsOnlyThatPart() {
        Event a = new Event(0, "a", "view", 1L, "x", null, null, List.of(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 2L);
        Event b = new Event(0, "b", "click", 3L, "y", null, null, List.of(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 4L);
        byte[] onlyA = encode(a);
        byte[] both = encode(a, b);

        List<Event> decoded = new java.util.ArrayList<>();
        codec.decode(both, onlyA.length, both.length - onlyA.length, 7, decoded::add);

        assertThat(decoded).containsExactly(b.withSeq(7));
    }

    @Test
    void theLineWriterTellsWhereEachLineEndsAlsoPastItsOwnBuffer() {
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Some lines longer than the writer's own buffer of a few kilobytes, which it then writes out mid-line.
            String note = "n".repeat(i % 7 == 0 ? 20_000 : 50) + i;
            events.add(new Event(0, "e" + i, "view", i, "a", null, null, List.of(),
                    JsonNodeFactory.instance.objectNode().put("note", note), JsonNodeFactory.instance.objectNode(), 1L));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] lineEnds = new int[events.size()];

        try (EventCodec.LineWriter writer = codec.lineWriter(out)) {
            for (int i = 0; i < events.size(); i++) {
                lineEnds[i] = writer.write(events.get(i));
            }
        }

        byte[] payload = out.toByteArray();
        assertThat(payload).isEqualTo(encode(events.toArray(Event[]::new)));
        int lineStart = 0;
        for (int i = 0; i < events.size(); i++) {
            assertThat(payload[lineEnds[i] - 1]).as("line %d ends with a newline", i).isEqualTo((byte) '\n');
            assertThat(codec.decode(java.util.Arrays.copyOfRange(payload, lineStart, lineEnds[i]), 1))
                    .containsExactly(events.get(i).withSeq(1));
            lineStart = lineEnds[i];
        }
        assertThat(lineStart).isEqualTo(payload.length);
    }

    private byte[] encode(Event... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encode(List.of(events), out);
        return out.toByteArray();
    }
}
