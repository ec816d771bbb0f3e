package org.attune.core.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private Json() {
    }
}
