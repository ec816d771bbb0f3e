package org.attune.server.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A shop's own web server on loopback (another origin than Attune's), serving one page at every path. */
final class ShopSite implements AutoCloseable {
    private final HttpServer server;
    private volatile String page = "";

    ShopSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Its origin, as browsers send it in Origin: what a browser key lists. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The page it serves from now on. */
    void show(String html) {
        page = html;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
