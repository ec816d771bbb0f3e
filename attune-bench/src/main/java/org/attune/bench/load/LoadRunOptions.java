package org.attune.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every HTTP load command shares (a picocli mixin): the server to start, the
 * size of the synthetic shop, and how each target is measured (warm-up, open loop, closed loop).
 */
final class LoadRunOptions {
    @Option(names = "--server-jar", defaultValue = "attune-server/target/attune-server.jar",
            description = "The server's jar, started as a child process (default: ${DEFAULT-VALUE})")
    Path serverJar;

    @Option(names = "--products", defaultValue = "20000",
            description = "Products in the shop (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--shoppers", defaultValue = "50000",
            description = "Shoppers visiting the shop (default: ${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--open-loop-connections", defaultValue = "8",
            description = "Connections sharing the open-loop schedule (default: ${DEFAULT-VALUE})")
    int openLoopConnections;

    @Option(names = "--connections", defaultValue = "16",
            description = "Closed-loop connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--seconds", defaultValue = "20",
            description = "Length of each measurement (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "Open-loop warm-up per measured target, not measured (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--server-heap", defaultValue = "4g",
            description = "The server's -Xmx (default: ${DEFAULT-VALUE})")
    String serverHeap;

    @Option(names = "--server-jvm-arg", description = "Extra JVM argument for the server (repeatable)")
    List<String> serverJvmArgs = new ArrayList<>();

    @Option(names = "--server-cpus", description = "Run the server on these CPUs only (taskset -c list, e.g. 0)")
    String serverCpus;

    @Option(names = "--client-cpus", description = "Run this load client on these CPUs only (e.g. 1), so that"
            + " client and server do not share cores")
    String clientCpus;

    /** Says what is about to be measured and warms the server up with the open loop at {@code rate}. */
    void warmUp(String title, LoadTarget target, int rate) throws Exception {
        System.out.printf("%s: warm-up %d s, open loop %d s, closed loop %d s...%n", title, warmupSeconds, seconds,
                seconds);
        LoadLoops.openLoop(target, rate, openLoopConnections, warmupSeconds);
    }

    /** The open loop at {@code rate}, then the closed loop, each with the CPU time the server and this client used. */
    LoadLoops.Measurement measure(ServerProcess server, LoadTarget target, int rate) throws Exception {
        double serverStart = server.cpuSeconds();
        double clientStart = clientCpuSeconds();
        LoadLoops.Phase fixedRate = LoadLoops.openLoop(target, rate, openLoopConnections, seconds);
        double serverMiddle = server.cpuSeconds();
        double clientMiddle = clientCpuSeconds();
        LoadLoops.Phase closedLoop = LoadLoops.closedLoop(target, connections, seconds);
        return new LoadLoops.Measurement(rate, openLoopConnections,
                fixedRate.withCpu(serverMiddle - serverStart, clientMiddle - clientStart), connections,
                closedLoop.withCpu(server.cpuSeconds() - serverMiddle, clientCpuSeconds() - clientMiddle));
    }

    private static double clientCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    ServerProcess startServer(Path dataDir) throws IOException, InterruptedException {
        if (clientCpus != null) {
            // every thread of this JVM, those started later inherit it
            Process pin = new ProcessBuilder("taskset", "-a", "-p", "-c", clientCpus,
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
            String said = new String(pin.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (pin.waitFor() != 0) {
                throw new IOException("taskset could not pin the client to CPUs " + clientCpus + ": " + said);
            }
        }
        return ServerProcess.start(serverJar, dataDir, serverHeap, serverJvmArgs, serverCpus);
    }

    /** These options as a command line gives them, for the reproduce line. */
    String arguments() {
        StringBuilder arguments = new StringBuilder()
                .append(" --server-jar ").append(serverJar)
                .append(" --products ").append(products)
                .append(" --shoppers ").append(shoppers)
                .append(" --open-loop-connections ").append(openLoopConnections)
                .append(" --connections ").append(connections)
                .append(" --seconds ").append(seconds)
                .append(" --warmup-seconds ").append(warmupSeconds)
                .append(" --server-heap ").append(serverHeap);
        for (String arg : serverJvmArgs) {
            arguments.append(" --server-jvm-arg ").append(arg);
        }
        if (serverCpus != null) {
            arguments.append(" --server-cpus ").append(serverCpus);
        }
        if (clientCpus != null) {
            arguments.append(" --client-cpus ").append(clientCpus);
        }
        return arguments.toString();
    }
}
