package org.attune.store.duckdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attune.core.ingest.EventStore;
import org.attune.core.ingest.EventStore.EncodedFrame;

/**
 * Rewrites event log frames into the newline-delimited JSON that DuckDB's {@code read_json}
 * loads into {@code events} (see {@link #INSERT_SQL}), touching the bytes as little as
 * possible: each line is the codec's line (fields i, t, ts, a, u, c, it, p, x, r; see
 * {@link org.attune.core.event.EventCodec}) with two changes.
 * <ul>
 *   <li>{@code "s":<seq>} is put after the opening brace, since the log numbers lines by
 *       their position in the frame rather than storing the seq.</li>
 *   <li>The objects {@code p} and {@code x} become JSON strings holding their exact text.
 *       DuckDB re-serialises a JSON value it parses ({@code 12.50} comes back as
 *       {@code 12.5}, {@code 1e3} as {@code 1000.0}); a string is stored byte for byte.</li>
 * </ul>
 * Lines whose seq is at or below the given {@code loadedThrough} are left out. Relies on
 * the codec's guarantees: one compact object per line, newlines inside strings escaped.
 * Stateless and thread-safe.
 */
final class EventLoadFile {
    /**
     * The load, with {@code %s} for the quoted file path. Redacted events (what remains in the
     * log of a forgotten person, see {@link org.attune.core.event.Tombstone#redacted}) are not stored.
     */
    static final String INSERT_SQL = """
            INSERT INTO events
            SELECT s, i, t, make_timestamp(ts * 1000), a, u, c, coalesce(it, CAST([] AS VARCHAR[])),
                   coalesce(p, '{}'), coalesce(x, '{}'), make_timestamp(r * 1000)
            FROM read_json(%s, format = 'newline_delimited', maximum_object_size = 67108864,
                           columns = {s: 'BIGINT', i: 'VARCHAR', t: 'VARCHAR', ts: 'BIGINT', a: 'VARCHAR',
                                      u: 'VARCHAR', c: 'VARCHAR', it: 'VARCHAR[]', p: 'VARCHAR',
                                      x: 'VARCHAR', r: 'BIGINT'})
            WHERE t IS DISTINCT FROM '$forgotten'""";

    /**
     * What was written.
     *
     * @param events number of lines written
     * @param highestSeq seq of the last line written, or the given {@code loadedThrough} when none was
     */
    record Written(int events, long highestSeq) {
    }

    private static final byte[] SEQ_FIELD = "{\"s\":".getBytes(StandardCharsets.US_ASCII);

    private EventLoadFile() {
    }

    static Written write(List<EncodedFrame> frames, long loadedThrough, OutputStream out) throws IOException {
        int events = 0;
        long highestSeq = loadedThrough;
        byte[] digits = new byte[20];
        for (EncodedFrame frame : frames) {
            byte[] payload = frame.payload();
            long seq = frame.firstSeq();
            int start = 0;
            while (start < payload.length) {
                int end = start;
                while (end < payload.length && payload[end] != '\n') {
                    end++;
                }
                if (end > start) {
                    if (seq > highestSeq) {
                        writeLine(payload, start, end, seq, out, digits);
                        highestSeq = seq;
                        events++;
                    }
                    seq++;
                }
                start = end + 1;
            }
        }
        return new Written(events, highestSeq);
    }

    private static void writeLine(byte[] line, int start, int end, long seq, OutputStream out, byte[] digits)
            throws IOException {
        if (line[start] != '{') {
            throw new IOException("event log line " + seq + " is not a JSON object");
        }
        out.write(SEQ_FIELD);
        writeDigits(seq, out, digits);
        int pos = start + 1;
        if (line[pos] != '}') {
            out.write(',');
        }
        int copied = pos;
        // Walk the top-level fields; only the values of p and x are rewritten.
        while (pos < end && line[pos] == '"') {
            int nameEnd = skipString(line, pos, end);
            boolean keepAsText = nameEnd - pos == 3 && (line[pos + 1] == 'p' || line[pos + 1] == 'x');
            int valueStart = nameEnd + 1;
            if (valueStart >= end || line[nameEnd] != ':') {
                throw new IOException("event log line " + seq + " is not compact codec JSON");
            }
            int valueEnd = skipValue(line, valueStart, end);
            if (keepAsText && line[valueStart] == '{') {
                out.write(line, copied, valueStart - copied);
                writeAsString(line, valueStart, valueEnd, out);
                copied = valueEnd;
            }
            pos = valueEnd;
            if (pos < end && line[pos] == ',') {
                pos++;
            }
        }
        out.write(line, copied, end - copied);
        out.write('\n');
    }

    /** Index just after the string starting at {@code pos} (an opening quote). */
    private static int skipString(byte[] line, int pos, int end) throws IOException {
        for (int i = pos + 1; i < end; i++) {
            if (line[i] == '\\') {
                i++;
            } else if (line[i] == '"') {
                return i + 1;
            }
        }
        throw new IOException("unterminated string in event log line");
    }

    /** Index just after the JSON value starting at {@code pos}. */
    private static int skipValue(byte[] line, int pos, int end) throws IOException {
        byte first = line[pos];
        if (first == '"') {
            return skipString(line, pos, end);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int i = pos; i < end; i++) {
                byte b = line[i];
                if (b == '"') {
                    i = skipString(line, i, end) - 1;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            }
            throw new IOException("unterminated object or array in event log line");
        }
        int i = pos;
        while (i < end && line[i] != ',' && line[i] != '}') {
            i++;
        }
        return i;
    }

    /** Writes {@code line[from, to)} as a JSON string: quotes and backslashes escaped, nothing else changed. */
    private static void writeAsString(byte[] line, int from, int to, OutputStream out) throws IOException {
        out.write('"');
        int copied = from;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b == '"' || b == '\\') {
                out.write(line, copied, i - copied);
                out.write('\\');
                copied = i;
            }
        }
        out.write(line, copied, to - copied);
        out.write('"');
    }

    private static void writeDigits(long value, OutputStream out, byte[] digits) throws IOException {
        if (value < 0) {
            throw new IOException("negative event seq " + value);
        }
        int i = digits.length;
        long rest = value;
        do {
            digits[--i] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        out.write(digits, i, digits.length - i);
    }
}
