package org.attune.core.model.rp3beta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.attune.core.model.Interactions;

/**
 * Trains {@link Rp3BetaModel}. With R the person x product values (interactions of value 0 or
 * less are left out), the walk steps from a product i to a person u with probability
 * {@code R[u][i] / sum of column i} and from a person u to a product j with probability
 * {@code R[u][j] / sum of row u} (with values of 1, one over the product's and the person's
 * number of interactions), each raised to {@code alpha}; then
 * {@code W[i][j] = sum over u of P(i -> u)^alpha * P(u -> j)^alpha / popularity(j)^beta}, the
 * popularity being the number of people who have j. The diagonal is left out (a product
 * does not recommend itself), and only each product's {@code maxNeighbors} largest weights
 * are kept, optionally divided by their sum. This is Paudel et al.'s RP3beta as implemented
 * by Dacrema, Cremonesi and Jannach ("Are we really making much progress?", RecSys 2019),
 * whose products' steps count interactions where ours use their values too (the same for
 * values of 1).
 *
 * <p>Each row of W is accumulated sparsely from the people who have the product and those
 * people's products, then cut to its best neighbours, so memory is the model plus one
 * catalog-sized scratch row per thread, whatever the catalog size, and time grows with the
 * sum over people of their squared interaction counts. Rows are spread over
 * {@code threads} threads; every row is computed alone in a fixed order, so the model is the
 * same whatever the thread count. Thread-safe (each call uses its own threads).
 */
public final class Rp3BetaTrainer {
    /** Rows per unit of work handed to a thread. */
    private static final int CHUNK = 64;

    private final Rp3BetaParams params;
    private final int threads;

    /** A trainer on all cores. */
    public Rp3BetaTrainer(Rp3BetaParams params) {
        this(params, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads computing rows in parallel, at least 1 */
    public Rp3BetaTrainer(Rp3BetaParams params, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.params = params;
        this.threads = threads;
    }

    public Rp3BetaModel train(Interactions data) {
        Walk walk = Walk.of(data, params);
        int n = data.itemCount();
        int[][] neighbors = new int[n][];
        float[][] weights = new float[n][];
        AtomicInteger nextChunk = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, (n + CHUNK - 1) / CHUNK));
        Runnable worker = () -> {
            RowBuilder row = new RowBuilder(n, params.maxNeighbors());
            for (int chunk = nextChunk.getAndIncrement(); chunk * CHUNK < n; chunk = nextChunk.getAndIncrement()) {
                int end = Math.min(n, (chunk + 1) * CHUNK);
                for (int item = chunk * CHUNK; item < end; item++) {
                    row.build(walk, data, item, params.normalizeRows());
                    neighbors[item] = row.keptItems();
                    weights[item] = row.keptWeights();
                }
            }
        };
        if (workers == 1) {
            worker.run();
        } else {
            runOnThreads(worker, workers);
        }
        return new Rp3BetaModel(neighbors, weights);
    }

    private static void runOnThreads(Runnable worker, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "rp3beta-trainer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("RP3beta training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The walk's two steps with {@code alpha} applied: per interaction position, the person's
     * step to that product; per product, the people who have it (columns of R, in person
     * order) with the product's step to each; per product, popularity^-beta.
     */
    record Walk(float[] personStep, int[] itemOffsets, int[] itemPeople, float[] itemStep, double[] popularityWeight) {

        static Walk of(Interactions data, Rp3BetaParams params) {
            int n = data.itemCount();
            double alpha = params.alpha();
            float[] personStep = new float[data.size()];
            int[] degree = new int[n];
            double[] itemSum = new double[n];
            for (int person = 0; person < data.personCount(); person++) {
                double sum = 0;
                for (int a = data.start(person); a < data.end(person); a++) {
                    float value = data.value(a);
                    if (value > 0) {
                        sum += value;
                        degree[data.item(a)]++;
                        itemSum[data.item(a)] += value;
                    }
                }
                for (int a = data.start(person); a < data.end(person); a++) {
                    float value = data.value(a);
                    personStep[a] = value > 0 ? (float) Math.pow(value / sum, alpha) : 0f;
                }
            }
            int[] itemOffsets = new int[n + 1];
            for (int i = 0; i < n; i++) {
                itemOffsets[i + 1] = itemOffsets[i] + degree[i];
            }
            int[] itemPeople = new int[itemOffsets[n]];
            float[] itemStep = new float[itemOffsets[n]];
            int[] filled = new int[n];
            for (int person = 0; person < data.personCount(); person++) {
                for (int a = data.start(person); a < data.end(person); a++) {
                    float value = data.value(a);
                    if (value > 0) {
                        int item = data.item(a);
                        int at = itemOffsets[item] + filled[item]++;
                        itemPeople[at] = person;
                        itemStep[at] = (float) Math.pow(value / itemSum[item], alpha);
                    }
                }
            }
            double[] popularityWeight = new double[n];
            for (int i = 0; i < n; i++) {
                popularityWeight[i] = degree[i] == 0 ? 0 : Math.pow(degree[i], -params.beta());
            }
            return new Walk(personStep, itemOffsets, itemPeople, itemStep, popularityWeight);
        }
    }
}
