package org.attune.core.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.attune.core.json.Json;

/**
 * The compact JSON form events take in the event log: one object per line with short
 * field names. The sequence number is not stored per event; the log frame carries it.
 * Thread-safe.
 */
public final class EventCodec {
    private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    /** Appends the events, one line each, to {@code out}. */
    public void encode(List<Event> events, ByteArrayOutputStream out) {
        try (LineWriter writer = lineWriter(out)) {
            for (Event e : events) {
                writer.write(e);
            }
        }
    }

    /**
     * Writes events one line at a time, telling where each line ends; {@code out} holds them all
     * once the writer is closed. Not thread-safe.
     */
    public LineWriter lineWriter(ByteArrayOutputStream out) {
        try {
            JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
            return new LineWriter(g, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes events into one buffer, one line each. */
    public static final class LineWriter implements AutoCloseable {
        private final JsonGenerator g;
        private final ByteArrayOutputStream out;

        private LineWriter(JsonGenerator g, ByteArrayOutputStream out) {
            this.g = g;
            this.out = out;
        }

        /**
         * Writes one event; returns where its line ends: the buffer's size after it once the
         * writer is closed (until then the last lines may still be held by the writer).
         */
        public int write(Event e) {
            try {
                writeEvent(g, e);
                // Counted rather than flushed: a flush per event copied every line on its own.
                int held = g.getOutputBuffered();
                if (held < 0) {
                    g.flush();
                    held = 0;
                }
                return out.size() + held;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            try {
                g.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void writeEvent(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        if (e.eventId() != null) {
            g.writeStringField("i", e.eventId());
        }
        g.writeStringField("t", e.type());
        g.writeNumberField("ts", e.timestamp());
        if (e.anonymousId() != null) {
            g.writeStringField("a", e.anonymousId());
        }
        if (e.userId() != null) {
            g.writeStringField("u", e.userId());
        }
        if (e.catalog() != null) {
            g.writeStringField("c", e.catalog());
        }
        if (!e.itemIds().isEmpty()) {
            g.writeArrayFieldStart("it");
            for (String id : e.itemIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        if (!e.properties().isEmpty()) {
            g.writeFieldName("p");
            writeNode(g, e.properties());
        }
        if (!e.context().isEmpty()) {
            g.writeFieldName("x");
            writeNode(g, e.context());
        }
        g.writeNumberField("r", e.receivedAt());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /**
     * Writes a JSON tree token by token, without the mapper's serializer look-up per node
     * that {@code JsonGenerator.writeTree} does.
     */
    private static void writeNode(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (java.util.Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    writeNode(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    writeNode(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            case NULL -> g.writeNull();
            default -> g.writeTree(node);
        }
    }

    /** Reads the events of one payload, numbering them from {@code firstSeq}. */
    public void decode(byte[] payload, int offset, int length, long firstSeq, Consumer<Event> sink) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(payload, offset, length)) {
            long seq = firstSeq;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(readOne(p, seq++));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt event log payload", e);
        }
    }

    public List<Event> decode(byte[] payload, long firstSeq) {
        List<Event> events = new ArrayList<>();
        decode(payload, 0, payload.length, firstSeq, events::add);
        return events;
    }

    private static Event readOne(JsonParser p, long seq) throws IOException {
        String eventId = null;
        String type = null;
        long ts = 0;
        String anonymousId = null;
        String userId = null;
        String catalog = null;
        List<String> items = List.of();
        ObjectNode properties = EMPTY;
        ObjectNode context = EMPTY;
        long received = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "i" -> eventId = p.getText();
                case "t" -> type = p.getText();
                case "ts" -> ts = p.getLongValue();
                case "a" -> anonymousId = p.getText();
                case "u" -> userId = p.getText();
                case "c" -> catalog = p.getText();
                case "it" -> {
                    List<String> list = new ArrayList<>(2);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(p.getText());
                    }
                    items = List.copyOf(list);
                }
                case "p" -> properties = (ObjectNode) Json.MAPPER.readTree(p);
                case "x" -> context = (ObjectNode) Json.MAPPER.readTree(p);
                case "r" -> received = p.getLongValue();
                default -> {
                    JsonNode ignored = Json.MAPPER.readTree(p);
                    assert ignored != null;
                }
            }
        }
        return new Event(seq, eventId, type, ts, anonymousId, userId, catalog, items, properties, context, received);
    }
}
