package org.attune.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.attune.core.validation.RecordRejection;

/**
 * Reads the event records of a request body straight from the parser's tokens: the top-level
 * fields go to the validator without a tree around them, and properties and context are
 * built as trees once, checked on the way for repeated keys and numbers beyond a double, and
 * measured against the limits, instead of being walked again for each of those afterwards.
 *
 * <p>The answer is the one {@link JsonRecordReader} followed by
 * {@link EventValidator#validate(JsonNode, long)} gives: the same events and the same
 * rejections (index, id, codes, paths, messages); the rules themselves are shared. What that
 * reader answers record by record from its own parse (a line that is not JSON, a repeated
 * key, a number beyond a double, a record that is not an object) and a range over
 * {@code maxRecords} records are left to it for the whole range: such bodies are rare, and it
 * says precisely what went wrong and where. Thread-safe.
 */
public final class StreamingEventReader {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private final EventValidator validator;
    private final EventLimits limits;
    private final JsonRecordReader recordReader = new JsonRecordReader();

    public StreamingEventReader(EventValidator validator) {
        this.validator = validator;
        this.limits = validator.limits();
    }

    /**
     * The records of one range of a body.
     *
     * @param records how many records the range held
     * @param valid the events that passed, in order
     * @param rejected the records that did not, indexed from 0 within the range
     */
    public record Batch(int records, List<Event> valid, List<RecordRejection> rejected) {
    }

    /**
     * Reads and validates the records of {@code body[from, to)}: one object, an array of
     * objects, or newline-delimited objects, as {@link JsonRecordReader#read} accepts them.
     *
     * @throws InvalidInputException as {@link JsonRecordReader#read} does: an array body that
     *     is not JSON, or more than {@code maxRecords} records
     */
    public Batch read(byte[] body, int from, int to, int maxRecords, long nowMillis) {
        return read(body, from, to, maxRecords, nowMillis, EventPermit.ANY);
    }

    /** As {@link #read(byte[], int, int, int, long)}, rejecting the valid events {@code permit} refuses. */
    public Batch read(byte[] body, int from, int to, int maxRecords, long nowMillis, EventPermit permit) {
        Batch batch = readByTokens(body, from, to, maxRecords, nowMillis, permit);
        return batch != null ? batch : readRecordByRecord(body, from, to, maxRecords, nowMillis, permit);
    }

    /** The batch read from tokens alone, or null when the record reader must answer it (see above). */
    Batch readByTokens(byte[] body, int from, int to, int maxRecords, long nowMillis) {
        return readByTokens(body, from, to, maxRecords, nowMillis, EventPermit.ANY);
    }

    private Batch readByTokens(byte[] body, int from, int to, int maxRecords, long nowMillis, EventPermit permit) {
        try {
            return readTokens(body, from, to, maxRecords, nowMillis, permit);
        } catch (IOException | LeftToRecordReader e) {
            return null;
        }
    }

    /**
     * Thrown where the token reading stops for a body the record reader answers better. Thrown
     * only for rare bodies, so it carries no stack trace.
     */
    private static final class LeftToRecordReader extends Exception {
        LeftToRecordReader() {
            super(null, null, false, false);
        }
    }

    private Batch readTokens(byte[] body, int from, int to, int maxRecords, long nowMillis, EventPermit permit)
            throws IOException, LeftToRecordReader {
        List<Event> valid = new ArrayList<>();
        List<RecordRejection> rejected = new ArrayList<>(0);
        int records = 0;
        // An array is told by its first byte, as the record reader tells it (a byte order mark is no '[').
        boolean array = startsAnArray(body, from, to);
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body, from, to - from)) {
            JsonToken token = parser.nextToken();
            if (array) {
                if (token != JsonToken.START_ARRAY) {
                    throw new LeftToRecordReader();
                }
                token = parser.nextToken();
            }
            while (token != null && !(array && token == JsonToken.END_ARRAY)) {
                if (token != JsonToken.START_OBJECT || ++records > maxRecords) {
                    throw new LeftToRecordReader();
                }
                EventFields fields = readFields(parser);
                EventValidator.Outcome outcome = validator.validateFields(fields, nowMillis);
                if (outcome.event() != null) {
                    accept(outcome.event(), records - 1, permit, valid, rejected);
                } else {
                    rejected.add(new RecordRejection(records - 1, fields.eventIdText(), outcome.problems()));
                }
                token = parser.nextToken();
            }
            // What follows an array's end is not read, as a tree reader does not read it either.
            if (array && token != JsonToken.END_ARRAY) {
                throw new LeftToRecordReader();
            }
        }
        return new Batch(records, valid, rejected);
    }

    /** One record's fields, the parser standing on its START_OBJECT; leaves it on the END_OBJECT. */
    private EventFields readFields(JsonParser parser) throws IOException, LeftToRecordReader {
        EventFields fields = new EventFields();
        FreeJsonSize freeJson = new FreeJsonSize();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            boolean free = name.equals("properties") || name.equals("context");
            fields.put(name, readValue(parser, 1, free ? freeJson : null));
            if (fields.repeatedName) {
                throw new LeftToRecordReader();
            }
        }
        fields.freeJsonWithinLimits = freeJson.within(limits);
        return fields;
    }

    /**
     * The value the parser stands on, as the tree reader would build it (the same node types,
     * decimals kept with their scale), leaving the parser on its last token.
     *
     * @param depth 1 for a top-level field's value
     * @param freeJson where to measure the value, or null when it is not properties or context
     */
    private JsonNode readValue(JsonParser parser, int depth, FreeJsonSize freeJson)
            throws IOException, LeftToRecordReader {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new LeftToRecordReader();
        }
        if (freeJson != null) {
            freeJson.value(token.isStructStart() ? depth : 0);
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String key = parser.currentName();
                    if (freeJson != null) {
                        freeJson.key(key);
                    }
                    parser.nextToken();
                    if (object.replace(key, readValue(parser, depth + 1, freeJson)) != null) {
                        throw new LeftToRecordReader();
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, depth + 1, freeJson));
                }
                return array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                if (freeJson != null) {
                    freeJson.string(text);
                }
                return NODES.textNode(text);
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> {
                        BigInteger value = parser.getBigIntegerValue();
                        if (!Double.isFinite(value.doubleValue())) {
                            throw new LeftToRecordReader();
                        }
                        yield NODES.numberNode(value);
                    }
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal value = parser.getDecimalValue();
                if (!Double.isFinite(value.doubleValue())) {
                    throw new LeftToRecordReader();
                }
                return NODES.numberNode(value);
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new LeftToRecordReader();
        }
    }

    /**
     * The largest measures of properties and context taken together while they are read.
     * Within every limit, the validator's walk over them would find nothing, whatever the
     * order of the two in the record; otherwise the walk runs and words the problem.
     */
    private static final class FreeJsonSize {
        private int values;
        private int deepestContainer;
        private int longestKey;
        private int longestString;

        /** @param containerDepth the depth of an object or array, 0 for anything else */
        void value(int containerDepth) {
            values++;
            deepestContainer = Math.max(deepestContainer, containerDepth);
        }

        void key(String key) {
            longestKey = Math.max(longestKey, key.length());
        }

        void string(String text) {
            longestString = Math.max(longestString, text.length());
        }

        boolean within(EventLimits limits) {
            return values <= limits.maxPropertyNodes() && deepestContainer <= limits.maxPropertyDepth()
                    && longestKey <= limits.maxIdLength() && longestString <= limits.maxStringLength();
        }
    }

    /** The old way, record by record through trees: every rare case answered as it always was. */
    private Batch readRecordByRecord(byte[] body, int from, int to, int maxRecords, long nowMillis,
                                     EventPermit permit) {
        List<JsonRecordReader.RawRecord> records = recordReader.read(body, from, to, maxRecords);
        List<Event> valid = new ArrayList<>(records.size());
        List<RecordRejection> rejected = new ArrayList<>(0);
        for (JsonRecordReader.RawRecord record : records) {
            if (record.json() == null) {
                rejected.add(new RecordRejection(record.index(), null, List.of(record.problem())));
                continue;
            }
            EventValidator.Outcome outcome = validator.validate(record.json(), nowMillis);
            if (outcome.event() != null) {
                accept(outcome.event(), record.index(), permit, valid, rejected);
            } else {
                String id = record.json().path("eventId").isTextual() ? record.json().get("eventId").asText() : null;
                rejected.add(new RecordRejection(record.index(), id, outcome.problems()));
            }
        }
        return new Batch(records.size(), valid, rejected);
    }

    private static void accept(Event event, int index, EventPermit permit, List<Event> valid,
                               List<RecordRejection> rejected) {
        Problem refusal = permit.refusal(event);
        if (refusal == null) {
            valid.add(event);
        } else {
            rejected.add(new RecordRejection(index, event.eventId(), List.of(refusal)));
        }
    }

    private static boolean startsAnArray(byte[] body, int from, int to) {
        int i = from;
        while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < to && body[i] == '[';
    }
}
