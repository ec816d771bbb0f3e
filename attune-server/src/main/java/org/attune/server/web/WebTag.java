package org.attune.server.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * The tag, {@code attune.js}, as the server hands it out: at {@code /sdk/attune.js} (cached
 * for an hour, revalidated by its ETag, so that pages get a new version within the hour) and at
 * {@code /sdk/attune-{version}.js} (never changes, cached for a year), gzip-compressed for
 * browsers that accept it. The file is plain JavaScript that browsers run as written; its
 * version is filled in here.
 */
public final class WebTag {
    /** The tag's version: what it does and sends, independent of the server's. */
    public static final String VERSION = "1.0.0";
    /** The most the tag may weigh gzip-compressed (Adobe's alloy.js is about 40 KB). */
    public static final int MAX_GZIP_BYTES = 15 * 1024;
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    private final byte[] plain;
    private final byte[] gzip;
    private final String etag;

    public WebTag() {
        try (InputStream in = WebTag.class.getResourceAsStream("/sdk/attune.js")) {
            if (in == null) {
                throw new IllegalStateException("the tag /sdk/attune.js is not on the class path");
            }
            plain = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{version}}", VERSION)
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(compressed) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
                }
            }) {
                out.write(plain);
            }
            gzip = compressed.toByteArray();
            etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 12) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The tag as served, version filled in. */
    public byte[] script() {
        return plain.clone();
    }

    /** Its size gzip-compressed at the best level, as browsers download it. */
    public int gzipBytes() {
        return gzip.length;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/sdk/attune.js").access(Access.PUBLIC).tag("Web")
                        .summary("The web tag: tracking, widgets, impressions and clicks (docs/web.md)")
                        .description("Plain JavaScript, version " + VERSION + ", " + gzip.length + " bytes"
                                + " gzip-compressed. Cached for an hour and revalidated by its ETag (304 when"
                                + " unchanged); gzip-compressed when the browser accepts it. Load it with"
                                + " data-key (a browser key) and data-catalog on the script element.")
                        .textResponse(200, "The script", "text/javascript")
                        .textResponse(304, "Unchanged since the ETag sent in If-None-Match", "text/javascript")
                        .handle(ctx -> serve(ctx, "public, max-age=3600")),
                ApiRoute.get("/sdk/attune-{version}.js").access(Access.PUBLIC).tag("Web")
                        .summary("The web tag of one version, which never changes (cached for a year)")
                        .pathParam("version", "The tag's version, " + VERSION + " on this server")
                        .textResponse(200, "The script", "text/javascript")
                        .textResponse(404, "This server has another version of the tag", "text/plain")
                        .handle(ctx -> {
                            if (!VERSION.equals(ctx.pathParam("version"))) {
                                ctx.status(404).contentType("text/plain; charset=utf-8").result("This server"
                                        + " serves attune.js " + VERSION + " (/sdk/attune-" + VERSION + ".js)");
                                return;
                            }
                            serve(ctx, "public, max-age=31536000, immutable");
                        }));
    }

    private void serve(Context ctx, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", etag);
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("X-Content-Type-Options", "nosniff");
        // pages may load it with crossorigin and integrity (subresource integrity)
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        String asked = ctx.header("If-None-Match");
        if (asked != null && (asked.contains(etag) || asked.trim().equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(JAVASCRIPT);
        String encodings = ctx.header("Accept-Encoding");
        if (encodings != null && encodings.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(gzip);
        } else {
            ctx.result(plain);
        }
    }
}
