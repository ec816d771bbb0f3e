package org.attune.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The shared, thread-safe JSON mapper. Numbers that need exactness (prices) are read
 * as {@link java.math.BigDecimal} so that a value written is the value read back.
 */
public final class Json {
    /** Thread-safe after construction; never reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(10_000_000)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Jackson would otherwise turn 12.50 into 12.5 and 100.00 into 1E+2 when reading a tree.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // the shortest text that reads back as the same double, without FloatingDecimal's slower work
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads request bodies: like {@link #MAPPER}, but an object with the same key twice is an
     * error instead of keeping the last value, since the sender and Attune would read two
     * different records. The log and the stores are read with {@link #MAPPER}: they hold only
     * what this reader let in.
     */
    public static final ObjectReader REQUEST_READER = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final java.util.regex.Pattern DUPLICATE_FIELD = java.util.regex.Pattern.compile(
            "^Duplicate field '(.*)' for `ObjectNode`", java.util.regex.Pattern.DOTALL);

    private Json() {
    }

    /**
     * The key {@link #REQUEST_READER} found twice in one object, when that is why it failed;
     * otherwise null.
     */
    public static String duplicateKey(JsonProcessingException e) {
        java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        return duplicate.find() ? duplicate.group(1) : null;
    }

    /** What a user reads when {@link #duplicateKey} found one: the key (shortened) and where it was. */
    public static String duplicateKeyMessage(JsonProcessingException e) {
        return "the key '" + org.attune.core.validation.Echo.of(duplicateKey(e)) + "' appears twice in one object"
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")");
    }

    /**
     * The path (e.g. {@code properties.price} or {@code items[2]}) of the first number in
     * {@code value} that is not finite as a double, or null when there is none. JSON has no
     * Infinity, but {@code 1e400} is read as a decimal that every later sum or score would
     * see as Infinity.
     */
    public static String nonFiniteNumberPath(JsonNode value) {
        // Every record of every batch is checked: the path is built only for the rare record that has one.
        return holdsNonFiniteNumber(value) ? nonFiniteNumberPath(value, "") : null;
    }

    private static boolean holdsNonFiniteNumber(JsonNode value) {
        if (value.isNumber()) {
            return !Double.isFinite(value.doubleValue());
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if ((child.isContainerNode() || child.isNumber()) && holdsNonFiniteNumber(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String nonFiniteNumberPath(JsonNode value, String path) {
        if (value.isNumber()) {
            return Double.isFinite(value.doubleValue()) ? null : path;
        }
        if (value.isObject()) {
            for (var field : value.properties()) {
                JsonNode child = field.getValue();
                if (holdsNonFiniteNumber(child)) {
                    return nonFiniteNumberPath(child, path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (holdsNonFiniteNumber(value.get(i))) {
                    return nonFiniteNumberPath(value.get(i), path + "[" + i + "]");
                }
            }
        }
        return null;
    }
}
