package org.attune.bench.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attune.core.training.ProductIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A re-rank's look-ups: the model index of each of 1,000 product ids, given as new strings
 * (their hash not yet computed) as a request's JSON gives them, four in five of them known to a model of 100,000 products.
 * Sample time per 1,000: a {@code HashMap} of boxed indexes (what the server used before)
 * against {@link ProductIndex}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProductIndexBenchmark {
    private static final int PRODUCTS = 100_000;
    private static final int PAGE = 1_000;
    private static final int PAGES = 64;

    private Map<String, Integer> map;
    private ProductIndex index;
    private String[][] pages;
    private int next;

    @Setup
    public void setUp() {
        String[] ids = new String[PRODUCTS];
        map = new HashMap<>(PRODUCTS * 2);
        for (int i = 0; i < PRODUCTS; i++) {
            ids[i] = "p" + (i * 7 + 3);
            map.put(ids[i], i);
        }
        index = new ProductIndex(ids);
        SplittableRandom random = new SplittableRandom(11);
        pages = new String[PAGES][PAGE];
        for (String[] page : pages) {
            for (int i = 0; i < PAGE; i++) {
                page[i] = random.nextInt(5) == 0 ? "p" + (random.nextInt(PRODUCTS) * 7 + 4)
                        : String.valueOf(ids[random.nextInt(PRODUCTS)].toCharArray());
            }
        }
    }

    @Benchmark
    public long hashMapOfBoxedIndexes() {
        long sum = 0;
        for (String id : pages[next++ % PAGES]) {
            Integer i = map.get(id);
            sum += i == null ? -1 : i;
        }
        return sum;
    }

    @Benchmark
    public long productIndex() {
        long sum = 0;
        for (String id : pages[next++ % PAGES]) {
            sum += index.indexOf(id);
        }
        return sum;
    }
}
