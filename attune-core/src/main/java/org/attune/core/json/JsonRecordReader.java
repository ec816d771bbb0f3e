package org.attune.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.attune.core.validation.InvalidInputException;

/**
 * Splits a request body into JSON records (events, products): one object, an array of objects, or
 * newline-delimited JSON (NDJSON, also what a browser's sendBeacon sends as text/plain).
 * With NDJSON a malformed line is reported for that line alone, so the other lines
 * can still be accepted. Thread-safe.
 */
public final class JsonRecordReader {

    /**
     * One record of the body, by position.
     *
     * @param index zero-based position of the record in the body
     * @param json the parsed record, or {@code null} when it could not be parsed
     * @param parseError why it could not be parsed, or {@code null}
     */
    public record RawRecord(int index, JsonNode json, String parseError) {
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
        try (MappingIterator<JsonNode> values = Json.MAPPER.readerFor(JsonNode.class)
                .readValues(body, from, to - from)) {
            List<RawRecord> records = new ArrayList<>();
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                checkCount(records.size() + 1, maxRecords);
                records.add(new RawRecord(records.size(), value, null));
            }
            return records;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            return readLines(body, from, to, maxRecords);
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
            array = Json.MAPPER.readTree(body, from, to - from);
        } catch (IOException e) {
            throw new InvalidInputException("malformed_json", "The body is not valid JSON: " + shortMessage(e));
        }
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("malformed_json", "The body must be one JSON object, an array or NDJSON");
        }
        checkCount(array.size(), maxRecords);
        List<RawRecord> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            records.add(new RawRecord(i, array.get(i), null));
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
                try {
                    JsonNode json = Json.MAPPER.readTree(body, recordStart, lineEnd - recordStart);
                    records.add(new RawRecord(records.size(), json, null));
                } catch (IOException e) {
                    records.add(new RawRecord(records.size(), null, "not valid JSON: " + shortMessage(e)));
                }
            }
            lineStart = lineEnd + 1;
        }
        return records;
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
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
