package org.attune.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attune.core.model.Interactions;
import org.attune.core.model.collaborative.AlsModel;
import org.attune.core.model.collaborative.AlsParams;
import org.attune.core.model.collaborative.AlsTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Request-time cost of an ALS model over a large catalog: one person with 20 products is
 * folded in (their vector solved exactly) and every product scored. The model is trained in
 * set-up on synthetic interactions (each of 100,000 people takes 10 products with a skewed
 * popularity) for one sweep: scoring cost does not depend on how well it fits. Latency
 * percentiles come from JMH's sample-time mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlsScoringBenchmark {
    @Param("100000")
    int products;

    @Param("64")
    int factors;

    private AlsModel model;
    private float[] scores;
    private float[] personVector;
    private final int[] personItems = new int[20];
    private final float[] personValues = new float[20];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        Interactions.Builder builder = Interactions.builder();
        for (int j = 0; j < products; j++) {
            builder.add("seed-" + (j % 1_000), "product-" + j, 1);
        }
        for (int p = 0; p < 100_000; p++) {
            for (int k = 0; k < 10; k++) {
                double skewed = Math.pow(random.nextDouble(), 3);
                builder.add("person-" + p, "product-" + (int) (skewed * products), 1);
            }
        }
        Interactions data = builder.build();
        model = new AlsTrainer(new AlsParams(factors, 1, 0.1, 10, 42)).train(data);
        for (int k = 0; k < personItems.length; k++) {
            personItems[k] = random.nextInt(data.itemCount());
            personValues[k] = 1 + random.nextInt(3);
        }
        scores = new float[data.itemCount()];
        personVector = model.foldIn(personItems, personValues, personItems.length);
    }

    /** Fold-in plus scores of every product: what one request for a person costs. */
    @Benchmark
    public float[] foldInAndScore() {
        model.score(personItems, personValues, personItems.length, scores);
        return scores;
    }

    /** Scores of every product for a person vector already solved. */
    @Benchmark
    public float[] scoreOnly() {
        model.scoreVector(personVector, scores);
        return scores;
    }

    /** The exact fold-in alone. */
    @Benchmark
    public float[] foldInOnly() {
        return model.foldIn(personItems, personValues, personItems.length);
    }
}
