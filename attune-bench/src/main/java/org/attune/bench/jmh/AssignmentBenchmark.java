package org.attune.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.experiment.Assignment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What assigning a person to an experiment's variant costs a decision: picking the identity seen
 * first among a signed-in person's three, then the hash of the salt and that identity and the
 * draw by three weights. A decision costs 150 to 300 µs of CPU (docs/benchmarks.md), so this is
 * measured in nanoseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AssignmentBenchmark {
    private static final double[] WEIGHTS = {20, 60, 20};
    private final List<List<Assignment.Identity>> people = new java.util.ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        for (int p = 0; p < 4_096; p++) {
            people.add(List.of(new Assignment.Identity("u-" + p, 5_000L + p),
                    new Assignment.Identity("9f3c2a1e-" + p + "-4b7d-a6c1-2f8e5d9b0c4a", 1_000L + p),
                    new Assignment.Identity("a-" + (p * 31), 3_000L + p)));
        }
    }

    /** The whole assignment of one request's person. */
    @Benchmark
    public int assign() {
        List<Assignment.Identity> person = people.get(next++ & 4_095);
        return Assignment.variant("exp-home-strategy-2026-12", Assignment.unitOf(person), 0.5, WEIGHTS);
    }
}
