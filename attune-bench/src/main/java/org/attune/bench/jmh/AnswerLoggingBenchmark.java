package org.attune.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.Outcomes;
import org.attune.core.outcome.ServedAnswer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What logging an answer costs: issuing its recId and handing it over (the request's part),
 * and, once the hand-over queue is full, the decision-log thread's writing, forcing and
 * counting, which then sets the pace. Answers of 10 products, as the decisions benchmark's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AnswerLoggingBenchmark {
    private Outcomes outcomes;
    private Path dir;
    private final AnswerDimensions home = new AnswerDimensions(AnswerDimensions.DECISION, "demo", "web", "home",
            "for-you", AnswerDimensions.PERSONALIZED, "mdl_1@3");
    private final List<String> items = new ArrayList<>();
    private final double[] scores = new double[10];
    private long person;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("attune-answer-logging");
        outcomes = new Outcomes(dir, Duration.ofDays(1), id -> List.of(id), null, c -> 20_000, "purchase",
                "add_to_cart", Clock.systemUTC());
        outcomes.start();
        for (int i = 0; i < 10; i++) {
            items.add("product-" + (1_000 + i * 37));
            scores[i] = 1.0 / (i + 1.3);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        outcomes.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Issue and hand over only: the cost on the request's thread while the writer keeps up. */
    @Benchmark
    public String issueAndHandOver() {
        long now = System.currentTimeMillis();
        String recId = outcomes.issue(home, now);
        String who = "visitor-" + (person++ % 50_000);
        outcomes.served(new ServedAnswer(recId, now, home, who, person, null, items, scores, 0));
        return recId;
    }
}
