package org.attune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.attune.core.json.Json;

/**
 * The two measurements of a request load over keep-alive connections:
 * <ul>
 * <li>Open loop at a fixed rate: request i is due at start + i / rate whatever became of
 *     the earlier ones, and its latency runs from that due time, not from when it was
 *     actually sent, so an answer that stalls counts against every request it held up
 *     (no coordinated omission). The slots are dealt round-robin to several keep-alive
 *     connections, each on its own thread, so one slow answer delays only the next slots
 *     of its own connection.</li>
 * <li>Closed loop: connections on their own threads, each sending its next request as
 *     soon as the previous one is answered. The rate reached is the most the server
 *     sustains at that concurrency; the latencies are times from send to answer under
 *     saturation, without queueing before the send.</li>
 * </ul>
 * Every answer other than 200 is counted and the first is kept, so that a load can fail
 * its run. Client and server share the machine's cores, so on a small machine the client's
 * own work lowers both rates and lengthens the latencies.
 */
final class LoadLoops {
    /** The seed of every draw: connection k draws from {@code SEED + k}, a sample from {@code SEED}. */
    static final long SEED = 42;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private LoadLoops() {
    }

    /** What one measurement saw; {@code firstFailure} is null when every answer was 200. */
    record Phase(LatencyRecorder latency, double seconds, long failures, String firstFailure, double serverCpuSeconds,
                 double clientCpuSeconds) {
        double perSecond() {
            return latency.count() / seconds;
        }

        /** The same with the CPU time each process used during it. */
        Phase withCpu(double server, double client) {
            return new Phase(latency, seconds, failures, firstFailure, server, client);
        }

        /** Microseconds of CPU per answered request. */
        private double micros(double cpuSeconds) {
            return cpuSeconds * 1e6 / Math.max(1, latency.count());
        }
    }

    /** An open loop at {@code rate} over {@code openLoopConnections} and a closed loop over {@code connections}. */
    record Measurement(int rate, int openLoopConnections, Phase fixedRate, int connections, Phase closedLoop) {
        long failures() {
            return fixedRate.failures() + closedLoop.failures();
        }
    }

    /** Answers recorded from several threads at once. */
    private static final class Tally {
        private final LatencyRecorder latency = new LatencyRecorder();
        private long failures;
        private String firstFailure;

        synchronized void add(long nanos, LoadRequest request, KeepAliveConnection.Answer answer) {
            latency.record(nanos);
            if (answer.status() != 200 && failures++ == 0) {
                firstFailure = request.description() + " answered " + answer.status() + ": "
                        + answer.abbreviatedBody();
            }
        }

        synchronized Phase phase(double seconds) {
            return new Phase(latency, seconds, failures, firstFailure, Double.NaN, Double.NaN);
        }
    }

    /**
     * Request i is due at start + i / rate; connection k sends the slots i with i mod n = k,
     * each when it is due or, if the previous answer on its connection came later, right
     * after it. Latency is measured from the due time.
     */
    static Phase openLoop(LoadTarget target, int rate, int connections, int durationSeconds) throws Exception {
        long slots = (long) rate * durationSeconds;
        double intervalNanos = (double) NANOS_PER_SECOND / rate;
        Tally tally = new Tally();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        List<Callable<Long>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int first = w;
            SplittableRandom random = new SplittableRandom(SEED + w);
            workers.add(() -> {
                long lastAnswer = start;
                try (KeepAliveConnection connection = target.connect()) {
                    for (long i = first; i < slots; i += connections) {
                        long due = start + (long) (i * intervalNanos);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        LoadRequest request = target.next(random);
                        KeepAliveConnection.Answer answer = request.send(connection, target.key());
                        lastAnswer = System.nanoTime();
                        tally.add(lastAnswer - due, request, answer);
                    }
                }
                return lastAnswer;
            });
        }
        long end = start;
        for (long lastAnswer : runAll(workers)) {
            end = Math.max(end, lastAnswer);
        }
        return tally.phase((end - start) / 1e9);
    }

    /** Every connection sends its next request as soon as the previous one is answered. */
    static Phase closedLoop(LoadTarget target, int connections, int durationSeconds) throws Exception {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + durationSeconds * NANOS_PER_SECOND;
        List<Callable<Long>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            SplittableRandom random = new SplittableRandom(SEED + w);
            workers.add(() -> {
                long lastAnswer = start;
                try (KeepAliveConnection connection = target.connect()) {
                    while (lastAnswer < end) {
                        LoadRequest request = target.next(random);
                        long sent = System.nanoTime();
                        KeepAliveConnection.Answer answer = request.send(connection, target.key());
                        lastAnswer = System.nanoTime();
                        tally.add(lastAnswer - sent, request, answer);
                    }
                }
                return lastAnswer;
            });
        }
        long finished = start;
        for (long lastAnswer : runAll(workers)) {
            finished = Math.max(finished, lastAnswer);
        }
        return tally.phase((finished - start) / 1e9);
    }

    /**
     * Sends {@code count} requests drawn from {@link #SEED} one after another and returns their
     * answers as JSON; fails on the first that is not 200 or not {@code wellFormed}.
     */
    static List<JsonNode> sampleAnswers(LoadTarget target, int count, Predicate<JsonNode> wellFormed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<JsonNode> answers = new ArrayList<>(count);
        try (KeepAliveConnection connection = target.connect()) {
            for (int i = 0; i < count; i++) {
                LoadRequest request = target.next(random);
                KeepAliveConnection.Answer answer = request.send(connection, target.key());
                JsonNode json = answer.status() == 200 ? Json.MAPPER.readTree(answer.body()) : null;
                if (json == null || !wellFormed.test(json)) {
                    throw new IllegalStateException(request.description() + " answered " + answer.status() + ": "
                            + answer.abbreviatedBody());
                }
                answers.add(json);
            }
        }
        return answers;
    }

    /** The table's head and its two rows, and a warning when the open loop fell behind its rate. */
    static void printRows(Measurement measurement) {
        System.out.printf("  %-36s %9s %9s %8s %8s %8s %8s %8s %8s %11s %11s%n", "ms", "requests", "req/s", "p50",
                "p90", "p99", "p99.9", "max", "non-200", "server CPU", "client CPU");
        printRow(String.format("open loop %,d/s, %d connections", measurement.rate(),
                measurement.openLoopConnections()), measurement.fixedRate());
        printRow(String.format("closed loop, %d connections", measurement.connections()), measurement.closedLoop());
        if (measurement.fixedRate().perSecond() < 0.98 * measurement.rate()) {
            System.out.printf("  NOT SUSTAINED: the open loop reached %,.0f of %,d requests/s; its latencies include"
                    + " the queue that built up%n", measurement.fixedRate().perSecond(), measurement.rate());
        }
    }

    /** Prints each phase's first answer other than 200 to stderr and returns how many there were. */
    static long reportFailures(String name, Measurement measurement) {
        for (Phase phase : List.of(measurement.fixedRate(), measurement.closedLoop())) {
            if (phase.firstFailure() != null) {
                System.err.println("FAILED: " + name + ": " + phase.failures() + " answers other than 200, the first: "
                        + phase.firstFailure());
            }
        }
        return measurement.failures();
    }

    private static void printRow(String title, Phase phase) {
        LatencyRecorder latency = phase.latency();
        System.out.printf("  %-36s %,9d %,9.0f %8.2f %8.2f %8.2f %8.2f %8.2f %,8d %6.0f µs/r %6.0f µs/r%n", title,
                latency.count(), phase.perSecond(), latency.percentileMillis(50), latency.percentileMillis(90),
                latency.percentileMillis(99), latency.percentileMillis(99.9), latency.percentileMillis(100),
                phase.failures(), phase.micros(phase.serverCpuSeconds()), phase.micros(phase.clientCpuSeconds()));
    }

    /** Runs each task on its own thread and returns their results, rethrowing the first failure. */
    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
