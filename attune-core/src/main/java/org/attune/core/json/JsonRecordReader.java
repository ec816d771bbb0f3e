package org.attune.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.attune.core.validation.Echo;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Splits a request body into JSON records (events, products): one object, an array of objects, or
 * newline-delimited JSON (NDJSON, also what a browser's sendBeacon sends as text/plain).
 * With NDJSON a malformed line is reported for that line alone, so the other lines
 * can still be accepted. A record that is valid JSON but holds an object with a repeated key
 * ({@code duplicate_key}) or a number beyond the range of a double ({@code non_finite_number},
 * e.g. {@code 1e400}) is reported alone in every form, arrays included. Thread-safe.
 */
public final class JsonRecordReader {

    /**
     * One record of the body, by position.
     *
     * @param index zero-based position of the record in the body
     * @param json the parsed record, or {@code null} when it could not be accepted as JSON
     * @param problem why not ({@code malformed_json}, {@code duplicate_key} or
     *     {@code non_finite_number}), or {@code null}
     */
    public record RawRecord(int index, JsonNode json, Problem problem) {
        /** What {@link #problem} says, or null. */
        public String parseError() {
            return problem == null ? null : problem.message();
        }
    }

    /**
     * @throws InvalidInputException code {@code malformed_json} when an array body cannot be
     *     parsed, {@code batch_too_large} when there are more than {@code maxRecords} records
     */
    public List<RawRecord> read(byte[] body, int length, int maxRecords) {
        return read(body, 0, length, maxRecords);
    }

    /**
     * Reads the records of {@code body[from, to)} (a whole body, or a part made by
     * {@link #slices}); indexes start at 0 within the range.
     */
    public List<RawRecord> read(byte[] body, int from, int to, int maxRecords) {
        int start = skipWhitespace(body, from, to);
        if (start == to) {
            return List.of();
        }
        if (body[start] == '[') {
            return readArray(body, from, to, maxRecords);
        }
        try (MappingIterator<JsonNode> values = Json.REQUEST_READER.forType(JsonNode.class)
                .readValues(body, from, to - from)) {
            List<RawRecord> records = new ArrayList<>();
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                checkCount(records.size() + 1, maxRecords);
                records.add(record(records.size(), value));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            List<RawRecord> byValue = readValueByValue(body, from, to, maxRecords, false);
            return byValue != null ? byValue : readLines(body, from, to, maxRecords);
        }
    }

    /**
     * Cuts a newline-delimited body into at most {@code parts} ranges {@code [from, to)} at
     * line boundaries, so that the parts can be read in parallel. It cuts only between a
     * line ending in '}' and a line starting with '{', which inside one pretty-printed
     * object or an array cannot happen; array bodies are never cut.
     */
    public List<int[]> slices(byte[] body, int length, int parts) {
        List<int[]> ranges = new ArrayList<>(parts);
        int start = skipWhitespace(body, 0, length);
        if (parts < 2 || start == length || body[start] == '[') {
            ranges.add(new int[] {0, length});
            return ranges;
        }
        int from = 0;
        for (int part = 1; part < parts; part++) {
            int cut = boundaryAfter(body, from + (length - from) / (parts - part + 1), length);
            if (cut < 0) {
                break;
            }
            ranges.add(new int[] {from, cut});
            from = cut;
        }
        ranges.add(new int[] {from, length});
        return ranges;
    }

    /** The start of the first line at or after {@code at} that begins a new record, or -1. */
    private static int boundaryAfter(byte[] body, int at, int length) {
        for (int i = at; i < length - 1; i++) {
            if (body[i] == '\n' && body[i + 1] == '{') {
                int end = i - 1;
                while (end >= 0 && (body[end] == '\r' || body[end] == ' ' || body[end] == '\t')) {
                    end--;
                }
                if (end >= 0 && body[end] == '}') {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static List<RawRecord> readArray(byte[] body, int from, int to, int maxRecords) {
        JsonNode array;
        try {
            array = Json.REQUEST_READER.readTree(body, from, to - from);
        } catch (IOException e) {
            // Valid JSON with a bad element (a repeated key) is answered per element.
            List<RawRecord> byElement = readValueByValue(body, from, to, maxRecords, true);
            if (byElement != null) {
                return byElement;
            }
            throw new InvalidInputException("malformed_json", "The body is not valid JSON: " + shortMessage(e));
        }
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("malformed_json", "The body must be one JSON object, an array or NDJSON");
        }
        checkCount(array.size(), maxRecords);
        List<RawRecord> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            records.add(record(i, array.get(i)));
        }
        return records;
    }

    /**
     * The slow path for a body that is valid JSON but that the strict reader refused: finds
     * each record's bytes with a lenient parser (the elements of an array, or the top-level
     * values one after another), then reads each record alone, so that only the bad ones are
     * rejected. Null when the body is not valid JSON even to the lenient parser.
     */
    private static List<RawRecord> readValueByValue(byte[] body, int from, int to, int maxRecords,
                                                    boolean array) {
        List<RawRecord> records = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body, from, to - from)) {
            if (array && parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                 token = parser.nextToken()) {
                checkCount(records.size() + 1, maxRecords);
                // Offsets count from the start of the parsed range.
                int start = from + (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = from + (int) parser.currentLocation().getByteOffset();
                records.add(readOne(records.size(), body, start, end));
            }
            if (array && parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return records;
    }

    private static List<RawRecord> readLines(byte[] body, int from, int to, int maxRecords) {
        List<RawRecord> records = new ArrayList<>();
        int lineStart = from;
        while (lineStart < to) {
            int lineEnd = lineStart;
            while (lineEnd < to && body[lineEnd] != '\n') {
                lineEnd++;
            }
            int recordStart = skipWhitespace(body, lineStart, lineEnd);
            if (recordStart < lineEnd) {
                checkCount(records.size() + 1, maxRecords);
                records.add(readOne(records.size(), body, recordStart, lineEnd));
            }
            lineStart = lineEnd + 1;
        }
        return records;
    }

    /** One record read alone from {@code body[from, to)}. */
    private static RawRecord readOne(int index, byte[] body, int from, int to) {
        try {
            return record(index, Json.REQUEST_READER.readTree(body, from, to - from));
        } catch (IOException e) {
            if (e instanceof JsonProcessingException json && Json.duplicateKey(json) != null) {
                return new RawRecord(index, null, new Problem("", "duplicate_key", Json.duplicateKeyMessage(json)));
            }
            return new RawRecord(index, null, new Problem("", "malformed_json", "not valid JSON: " + shortMessage(e)));
        }
    }

    /** The record, or its problem when it holds a number no double can hold. */
    private static RawRecord record(int index, JsonNode json) {
        String nonFinite = json == null ? null : Json.nonFiniteNumberPath(json);
        if (nonFinite != null) {
            return new RawRecord(index, null, new Problem(nonFinite, "non_finite_number",
                    "numbers must lie within the range of a double (about ±1.8e308)"));
        }
        return new RawRecord(index, json, null);
    }

    private static void checkCount(int count, int maxRecords) {
        if (count > maxRecords) {
            throw new InvalidInputException("batch_too_large",
                    "A request may carry at most " + maxRecords + " records; split the batch");
        }
    }

    private static int skipWhitespace(byte[] body, int from, int to) {
        int i = from;
        while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String shortMessage(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return Echo.of(message);
    }
}
