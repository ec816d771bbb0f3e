package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.attune.core.json.Json;
import org.attune.core.validation.Echo;

/** Reads request bodies with an explicit size limit, answering 413 past it. */
final class RequestBodies {
    /** Limit for small JSON bodies (catalog definitions, patches, keys). */
    static final int SMALL_BODY_BYTES = 1024 * 1024;
    /** Oversized bodies up to this size are read and dropped before answering 413. */
    static final long DRAIN_LIMIT_BYTES = 512L * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * The body's bytes; the array may be longer than the body, use {@link Body#length()}.
     *
     * @param body the bytes read
     * @param length how many of them are the body
     */
    record Body(byte[] bytes, int length) {
    }

    static Body read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            discard(ctx, declared);
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[declared > 0 ? (int) declared : 64 * 1024];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length >= maxBytes) {
                        if (in.read() < 0) {
                            break;
                        }
                        discard(ctx, DRAIN_LIMIT_BYTES);
                        throw tooLarge(maxBytes);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, (long) buffer.length * 2));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return new Body(buffer, length);
        } catch (IOException e) {
            throw new ApiProblem(400, "unreadable_body", "The request body could not be read: " + e.getMessage());
        }
    }

    static JsonNode readJson(Context ctx) {
        Body body = read(ctx, SMALL_BODY_BYTES);
        if (body.length() == 0) {
            throw new ApiProblem(400, "missing_body", "A JSON request body is required");
        }
        JsonNode json;
        try {
            json = Json.REQUEST_READER.readTree(body.bytes(), 0, body.length());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (Json.duplicateKey(e) != null) {
                throw new ApiProblem(400, "duplicate_key", "The body is refused: " + Json.duplicateKeyMessage(e));
            }
            String original = String.valueOf(e.getOriginalMessage());
            throw new ApiProblem(400, "malformed_json", "The body is not valid JSON: " + Echo.of(original)
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ApiProblem(400, "malformed_json", "The body is not valid JSON: " + e.getMessage());
        }
        String nonFinite = json == null ? null : Json.nonFiniteNumberPath(json);
        if (nonFinite != null) {
            throw new ApiProblem(400, "non_finite_number", "The number at '" + Echo.of(nonFinite)
                    + "' lies beyond the range of a double (about ±1.8e308)");
        }
        return json;
    }

    /**
     * Reads and drops what is left of an oversized body (up to a bound), so that the 413
     * answer reaches clients that keep sending until they have sent everything; past the
     * bound the connection is simply closed.
     */
    private static void discard(Context ctx, long declared) {
        if (declared > DRAIN_LIMIT_BYTES) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int n;
            while (drained < DRAIN_LIMIT_BYTES && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    private static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "body_too_large", "The request body exceeds the limit of " + maxBytes
                + " bytes; split it into smaller requests");
    }
}
