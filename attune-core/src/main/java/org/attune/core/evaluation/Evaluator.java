package org.attune.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attune.core.model.Interactions;
import org.attune.core.model.PersonScorer;

/**
 * Full-ranking evaluation: for every person with a test part, the model scores every
 * product for the person (known by their index and their training interactions), the
 * training products are removed, and the top K are compared with the test part. A person's
 * training products are passed oldest first (by time, ties in their order in the data), as
 * sequence models need; other models ignore the order. People are
 * spread over threads; each thread aggregates its own {@link RankingMetrics}, combined at
 * the end.
 */
public final class Evaluator {
    private final int threads;

    /** @param threads how many threads score people in parallel */
    public Evaluator(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The metrics at each cut-off in {@code ks}, in that order. */
    public List<RankingMetrics> evaluate(PersonScorer model, Split split, int... ks) {
        int maxK = Arrays.stream(ks).max().orElseThrow();
        return StripedEvaluation.run(threads, first -> evaluatePeople(model, split, ks, maxK, first, threads));
    }

    private static List<RankingMetrics> evaluatePeople(PersonScorer model, Split split, int[] ks, int maxK, int first,
                                                       int stride) {
        Interactions train = split.train();
        int n = model.itemCount();
        List<RankingMetrics> metrics = new ArrayList<>(ks.length);
        for (int k : ks) {
            metrics.add(new RankingMetrics(k, n));
        }
        float[] scores = new float[n];
        int[] items = new int[16];
        float[] values = new float[16];
        for (int p = first; p < train.personCount(); p += stride) {
            int[] relevant = split.test()[p];
            if (relevant.length == 0) {
                continue;
            }
            int count = train.end(p) - train.start(p);
            if (items.length < count) {
                items = new int[count];
                values = new float[count];
            }
            int[] positions = timeOrder(train, p);
            for (int i = 0; i < count; i++) {
                items[i] = train.item(positions[i]);
                values[i] = train.value(positions[i]);
            }
            model.score(p, items, values, count, scores);
            for (int i = 0; i < count; i++) {
                scores[items[i]] = Float.NEGATIVE_INFINITY;
            }
            int[] ranked = TopK.of(scores, maxK);
            int[] sorted = relevant.clone();
            Arrays.sort(sorted);
            for (RankingMetrics metric : metrics) {
                metric.add(ranked, sorted);
            }
        }
        return metrics;
    }

    /** A person's positions by time, ties in position order, so that sequence models read them oldest first. */
    private static int[] timeOrder(Interactions train, int person) {
        int start = train.start(person);
        int[] positions = new int[train.end(person) - start];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = start + i;
        }
        boolean sorted = true;
        for (int i = 1; i < positions.length && sorted; i++) {
            sorted = train.time(positions[i - 1]) <= train.time(positions[i]);
        }
        if (!sorted) {
            positions = java.util.stream.IntStream.of(positions).boxed()
                    .sorted((a, b) -> train.time(a) != train.time(b) ? Long.compare(train.time(a), train.time(b))
                            : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
        }
        return positions;
    }
}
