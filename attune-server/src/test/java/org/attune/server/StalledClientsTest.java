package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No client may exhaust the server: a real server process, clients on other loopback
 * addresses that send a request's headers and the first bytes of its body and then stall,
 * and the health check and event ingestion of everyone else still answering at once.
 * Linux routes all of 127.0.0.0/8 to the loopback interface, so each attacker socket is
 * bound to an address of its own there.
 */
class StalledClientsTest {
    private static final int CONNECTIONS_PER_ADDRESS = 120;
    private static final Duration PROMPT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<Socket> sockets = new ArrayList<>();

    @Test
    void stalledRequestBodiesAndSurplusConnectionsLeaveTheServerAnsweringEveryoneElse() throws Exception {
        try (ChildServer server = ChildServer.start(dir.resolve("data"),
                "--max-connections-per-address", Integer.toString(CONNECTIONS_PER_ADDRESS))) {
            String ingestKey = server.admin().postJson("/v1/keys", Map.of("name", "web tag", "role", "ingest"))
                    .body().path("secret").asText();
            // 300 stalled event uploads with the (public) browser key, from three addresses.
            for (int address = 2; address <= 4; address++) {
                for (int i = 0; i < 100; i++) {
                    Socket socket = connect(server, "127.0.0." + address);
                    socket.getOutputStream().write(("POST /v1/events?key=" + ingestKey + " HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n"
                            + "{\"eventId\":\"").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
            Thread.sleep(1_000);

            HttpClient http = HttpClient.newBuilder().connectTimeout(PROMPT).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .timeout(PROMPT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/events"))
                    .timeout(PROMPT).header("Authorization", "Bearer " + ChildServer.ADMIN_KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"eventId\":\"e-1\",\"type\":\"view\",\"anonymousId\":\"a-1\",\"itemId\":\"p-1\"}\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            assertThat(events.body()).contains("\"accepted\":1");

            // One more address opens more connections than it may hold: the surplus is closed, the rest served.
            List<Socket> crowd = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS + 10; i++) {
                crowd.add(connect(server, "127.0.0.5"));
            }
            Thread.sleep(500);
            int answered = 0;
            for (Socket socket : crowd) {
                if (answersHealth(socket)) {
                    answered++;
                }
            }
            assertThat(answered).isEqualTo(CONNECTIONS_PER_ADDRESS);
            // Once they are closed the address is served again: the server counted every close.
            for (Socket socket : crowd) {
                socket.close();
            }
            boolean servedAgain = false;
            for (long end = System.nanoTime() + PROMPT.toNanos(); !servedAgain && System.nanoTime() < end; ) {
                servedAgain = answersHealth(connect(server, "127.0.0.5"));
                Thread.sleep(servedAgain ? 0 : 100);
            }
            assertThat(servedAgain).as("a new connection after the crowd closed its own").isTrue();

            // A body trickling in slower than 1,024 bytes/s is refused at the next bytes, not waited for.
            Socket trickle = connect(server, "127.0.0.6");
            OutputStream out = trickle.getOutputStream();
            out.write(("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + ChildServer.ADMIN_KEY + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"eventId\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1_500);
            out.write("slow-1\",".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(trickle.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"request_too_slow\"");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private Socket connect(ChildServer server, String fromAddress) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(fromAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) PROMPT.toMillis());
        socket.setSoTimeout((int) PROMPT.toMillis());
        return socket;
    }

    /** Whether a GET /health on this connection is answered 200; false when the server closed it. */
    private static boolean answersHealth(Socket socket) throws IOException {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] statusLine = in.readNBytes("HTTP/1.1 200".length());
            return new String(statusLine, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (java.net.SocketException closedByTheServer) {
            return false;
        }
    }
}
