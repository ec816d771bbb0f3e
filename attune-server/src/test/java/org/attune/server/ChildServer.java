package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.server.importing.AttuneClient;

/**
 * {@code attune serve} as a child JVM on this test's class path (the runnable jar may not be
 * built yet when tests run), on a free loopback port, with {@link #ADMIN_KEY} as its admin key.
 * Its output goes to {@code server.log} beside the data directory.
 */
public final class ChildServer implements AutoCloseable {
    public static final String ADMIN_KEY = "child-server-admin-key-0123";

    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server over {@code dataDir} with extra {@code attune serve} options; returns once /health answers. */
    public static ChildServer start(Path dataDir, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classPath, "org.attune.server.cli.AttuneCommand",
                "serve", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("server.log").toFile()));
        builder.environment().put("ATTUNE_ADMIN_KEY", ADMIN_KEY);
        ChildServer server = new ChildServer(builder.start(), port);
        AttuneClient probe = new AttuneClient(server.url(), null);
        for (int i = 0; i < 600; i++) {
            assertThat(server.process.isAlive()).as("server process running, see server.log").isTrue();
            try {
                if (probe.get("/health").status() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        server.close();
        throw new AssertionError("server did not start");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public AttuneClient admin() {
        return new AttuneClient(url(), ADMIN_KEY);
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    /** SIGTERM, as an operator stops it: the shutdown hook closes the server cleanly. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute, see server.log").isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
    }

    /** SIGKILL: nothing of the server outlives the test. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
