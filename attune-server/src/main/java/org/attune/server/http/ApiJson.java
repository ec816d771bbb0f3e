package org.attune.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.attune.core.json.Json;

/** Writes API responses as JSON; instants as ISO-8601 text. Thread-safe. */
public final class ApiJson {
    public static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Writes one answer field by field. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private ApiJson() {
    }

    public static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an answer through a streaming generator, for the hot routes whose answers are
     * long lists (a re-rank of 1,000 products): no map per entry, no serializer look-up per value.
     */
    public static void stream(Context ctx, int status, Writer body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(4096)) {
            try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
                body.write(json);
            }
            ctx.status(status).contentType("application/json").result(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
