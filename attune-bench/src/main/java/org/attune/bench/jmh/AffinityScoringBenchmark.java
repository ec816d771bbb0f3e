package org.attune.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attune.core.evaluation.TopK;
import org.attune.core.model.Interactions;
import org.attune.core.model.affinity.AffinityModel;
import org.attune.core.model.affinity.AffinityParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scoring one person against 100,000 products with the affinity model, then taking the
 * top 10: what a request does after reading the person's recent events. Products carry a
 * brand (of 500), a color (of 20), a size (of 15) and a category (of 300); the person has 20
 * recent products. Sample time, so that the report has percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AffinityScoringBenchmark {
    private static final int PRODUCTS = 100_000;
    private static final int PERSON_ITEMS = 20;

    private AffinityModel model;
    private float[] scores;
    private int[][] people;
    private float[] values;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> ids = new ArrayList<>(PRODUCTS);
        List<List<String>> attributes = new ArrayList<>(PRODUCTS);
        Interactions.Builder interactions = Interactions.builder();
        for (int p = 0; p < PRODUCTS; p++) {
            String id = "p-" + p;
            ids.add(id);
            attributes.add(List.of("brand\u001F" + random.nextInt(500), "color\u001F" + random.nextInt(20),
                    "size\u001F" + random.nextInt(15), "category\u001F" + random.nextInt(300)));
            interactions.add("someone-" + random.nextInt(10_000), id, 1 + random.nextInt(8), 1_700_000_000L + p);
        }
        Interactions data = interactions.build();
        java.util.Map<String, List<String>> byId = new java.util.HashMap<>();
        for (int p = 0; p < PRODUCTS; p++) {
            byId.put(ids.get(p), attributes.get(p));
        }
        model = AffinityModel.train(data, ids, id -> byId.getOrDefault(id, List.of()), AffinityParams.DEFAULTS);
        scores = new float[model.itemCount()];
        people = new int[64][PERSON_ITEMS];
        for (int[] person : people) {
            for (int i = 0; i < PERSON_ITEMS; i++) {
                person[i] = random.nextInt(model.itemCount());
            }
        }
        values = new float[PERSON_ITEMS];
        for (int i = 0; i < PERSON_ITEMS; i++) {
            values[i] = 1 + i % 8;
        }
    }

    @Benchmark
    public int[] scoreAndTakeTop10() {
        int[] person = people[next++ & 63];
        model.score(person, values, PERSON_ITEMS, scores);
        return TopK.of(scores, 10);
    }
}
