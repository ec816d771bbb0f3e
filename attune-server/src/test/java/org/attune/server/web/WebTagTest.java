package org.attune.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag as a page's browser downloads it: small, compressed, cached and revalidated, versioned. */
class WebTagTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theTagIsAtMost15KilobytesGzippedCachedForAnHourAndRevalidatedByItsEtag() throws Exception {
        HttpResponse<byte[]> gzipped = get("/sdk/attune.js", "Accept-Encoding", "gzip");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
        assertThat(gzipped.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        int size = gzipped.body().length;
        System.out.printf("attune.js %s: %,d bytes gzip-compressed (limit %,d)%n", WebTag.VERSION, size,
                WebTag.MAX_GZIP_BYTES);
        assertThat(size).isLessThanOrEqualTo(WebTag.MAX_GZIP_BYTES);

        String script;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<byte[]> plain = get("/sdk/attune.js");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(script);
        assertThat(script).startsWith("/*! attune.js " + WebTag.VERSION).contains("const VERSION = '"
                + WebTag.VERSION + "'").doesNotContain("{{version}}");

        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = get("/sdk/attune.js", "If-None-Match", etag, "Accept-Encoding", "gzip");
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpResponse<byte[]> pinned = get("/sdk/attune-" + WebTag.VERSION + ".js");
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(pinned.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(new String(pinned.body(), StandardCharsets.UTF_8)).isEqualTo(script);
        assertThat(get("/sdk/attune-0.0.1.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theStorefrontIsTheDemosAloneAndOtherServersAnswer404() throws Exception {
        HttpResponse<byte[]> shop = get("/shop/");
        assertThat(shop.statusCode()).isEqualTo(404);
        assertThat(new String(shop.body(), StandardCharsets.UTF_8)).contains("attune demo");
    }
}
