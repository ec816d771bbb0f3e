package org.attune.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An attune server in its own JVM, so that its memory can be read from /proc and the
 * client does not share its heap. It runs with the JVM options of the {@code attune}
 * launcher (parallel collector), so the figures are what a user gets.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String ADMIN_KEY = "bench-admin-key-0123456789";

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path serverJar, Path dataDir, String heap) throws IOException, InterruptedException {
        return start(serverJar, dataDir, heap, List.of());
    }

    /** Starts the server with extra JVM arguments (e.g. a flight recording). */
    public static ServerProcess start(Path serverJar, Path dataDir, String heap, List<String> jvmArgs)
            throws IOException, InterruptedException {
        return start(serverJar, dataDir, heap, jvmArgs, null);
    }

    /**
     * As above, the server confined to these CPUs ({@code taskset -c}, e.g. "0" or "0-1"; null
     * for any), so that a load client on the other CPUs does not take its time.
     */
    public static ServerProcess start(Path serverJar, Path dataDir, String heap, List<String> jvmArgs, String cpus)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IOException(serverJar + " not found; build it with ./mvnw -q -pl attune-server -am package -DskipTests");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseParallelGC"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", serverJar.toString(), "serve", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile());
        builder.environment().put("ATTUNE_ADMIN_KEY", ADMIN_KEY);
        Files.createDirectories(dataDir);
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("server did not become healthy within 90 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the server process has used so far, user and system, in seconds (NaN where the OS does not say). */
    public double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Resident set size and its peak, in MiB, from /proc (Linux). */
    public long[] residentMemoryMiB() throws IOException {
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return new long[] {rss, peak};
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
