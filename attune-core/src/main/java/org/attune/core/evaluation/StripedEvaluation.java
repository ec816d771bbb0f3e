package org.attune.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs an evaluation on several threads, each taking every {@code threads}-th person or
 * session from its own first one and aggregating its own {@link RankingMetrics}, and
 * combines the threads' metrics at the end.
 */
final class StripedEvaluation {
    private StripedEvaluation() {
    }

    /**
     * @param stripe the metrics (one per cut-off, in order) of the stripe starting at the given index
     * @return the combined metrics, one per cut-off
     */
    static List<RankingMetrics> run(int threads, IntFunction<List<RankingMetrics>> stripe) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<RankingMetrics>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> stripe.apply(first)));
            }
            List<RankingMetrics> total = null;
            for (Future<List<RankingMetrics>> part : parts) {
                List<RankingMetrics> metrics = part.get();
                if (total == null) {
                    total = metrics;
                } else {
                    for (int i = 0; i < total.size(); i++) {
                        total.get(i).combine(metrics.get(i));
                    }
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
