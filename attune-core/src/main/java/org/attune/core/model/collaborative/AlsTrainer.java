package org.attune.core.model.collaborative;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.attune.core.model.Interactions;

/**
 * Trains {@link AlsModel} by implicit alternating least squares (Hu, Koren and Volinsky,
 * ICDM 2008): every (person, product) pair is a preference of 1 when the person interacted
 * with it (value above 0) and 0 otherwise, weighted by a confidence of
 * {@code 1 + alpha * value} or 1; person vectors x and product vectors y minimise the
 * weighted squared error of {@code x · y} against the preference plus
 * {@code regularization} times the squared norms.
 *
 * <p>Each sweep fixes the products and solves every person's vector, then the other way
 * round. One person's system is {@code (YᵀY + λ_n I + Σ (c_i − 1) y_i y_iᵀ) x = Σ c_i y_i} over
 * the person's products i only (λ_n: the regularisation for n interactions, see
 * {@link AlsParams#regularizationExponent()}): YᵀY, the same for everyone, is computed once per half-sweep
 * (Hu et al.'s trick), so that a person costs time in their own interactions, not in the
 * catalog. The system is solved approximately by three steps of conjugate gradient started
 * from the previous sweep's vector (Takács, Pilászy and Tikk, "Applications of the conjugate
 * gradient method for implicit feedback collaborative filtering", RecSys 2011), which never
 * forms the matrix.
 *
 * <p>People (then products) are solved in parallel on {@code threads} threads. Every vector
 * depends only on the previous half-sweep and YᵀY is summed in a fixed order, so the model is
 * the same whatever the thread count. Thread-safe (each call uses its own threads).
 */
public final class AlsTrainer {
    /** Conjugate-gradient steps per vector and half-sweep; three is enough when warm-started. */
    static final int CG_STEPS = 3;
    /** Rows per unit of parallel work (and per partial YᵀY, whose summation order is fixed by it). */
    private static final int CHUNK = 256;

    private final AlsParams params;
    private final int threads;

    /** A trainer on all cores. */
    public AlsTrainer(AlsParams params) {
        this(params, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads solving vectors in parallel, at least 1 */
    public AlsTrainer(AlsParams params, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.params = params;
        this.threads = threads;
    }

    public AlsModel train(Interactions data) {
        int f = params.factors();
        int people = data.personCount();
        int items = data.itemCount();
        Rows byPerson = Rows.byPerson(data, params.alpha());
        Rows byItem = byPerson.transpose(items);
        float[] personFactors = new float[people * f];
        float[] itemFactors = new float[items * f];
        SplittableRandom random = new SplittableRandom(params.seed());
        double scale = 1.0 / Math.sqrt(f);
        for (int i = 0; i < personFactors.length; i++) {
            personFactors[i] = (float) (random.nextDouble() * scale);
        }
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) (random.nextDouble() * scale);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "als-trainer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int iteration = 0; iteration < params.iterations(); iteration++) {
                halfSweep(pool, byPerson, personFactors, itemFactors, items);
                halfSweep(pool, byItem, itemFactors, personFactors, people);
            }
            double[] gram = gram(pool, itemFactors, items, f);
            return new AlsModel(f, items, itemFactors, gram, params);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Solves every row of {@code solved} from the fixed vectors {@code fixed} (rows of the other side). */
    private void halfSweep(ExecutorService pool, Rows rows, float[] solved, float[] fixed, int fixedCount) {
        int f = params.factors();
        double[] gram = gram(pool, fixed, fixedCount, f);
        int count = rows.offsets.length - 1;
        forEachChunk(pool, count, chunk -> {
            ConjugateGradient cg = new ConjugateGradient(f, gram, params.regularization(),
                    params.regularizationExponent());
            int end = Math.min(count, (chunk + 1) * CHUNK);
            for (int row = chunk * CHUNK; row < end; row++) {
                cg.solve(rows, row, fixed, solved);
            }
        });
    }

    /**
     * VᵀV of the {@code count} row vectors of length f in {@code vectors}, as a row-major f x f
     * array: partial sums over fixed blocks of rows, added in block order.
     */
    private double[] gram(ExecutorService pool, float[] vectors, int count, int f) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        double[][] partial = new double[chunks][];
        forEachChunk(pool, count, chunk -> {
            double[] sum = new double[f * f];
            int end = Math.min(count, (chunk + 1) * CHUNK);
            for (int row = chunk * CHUNK; row < end; row++) {
                int base = row * f;
                for (int a = 0; a < f; a++) {
                    double va = vectors[base + a];
                    int at = a * f;
                    for (int b = 0; b < f; b++) {
                        sum[at + b] += va * vectors[base + b];
                    }
                }
            }
            partial[chunk] = sum;
        });
        double[] total = new double[f * f];
        for (double[] sum : partial) {
            for (int i = 0; i < total.length; i++) {
                total[i] += sum[i];
            }
        }
        return total;
    }

    /** Runs {@code work} for every chunk index of {@code count} rows on the pool's threads and waits. */
    private void forEachChunk(ExecutorService pool, int count, ChunkWork work) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        AtomicInteger next = new AtomicInteger();
        Future<?>[] running = new Future<?>[Math.min(threads, Math.max(1, chunks))];
        for (int t = 0; t < running.length; t++) {
            running[t] = pool.submit(() -> {
                for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                    work.run(chunk);
                }
            });
        }
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training ALS", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ALS training failed", e.getCause());
        }
    }

    @FunctionalInterface
    private interface ChunkWork {
        void run(int chunk);
    }

    /**
     * One side's interactions as compressed rows: for row r, the positions
     * {@code offsets[r] .. offsets[r+1] - 1} hold the other side's index and the confidence
     * minus one ({@code alpha * value}). Interactions of value 0 or less are left out: they
     * are no preference, as every pair never seen.
     */
    record Rows(int[] offsets, int[] columns, float[] extraConfidence) {

        static Rows byPerson(Interactions data, double alpha) {
            int people = data.personCount();
            int[] offsets = new int[people + 1];
            int kept = 0;
            for (int position = 0; position < data.size(); position++) {
                kept += data.value(position) > 0 ? 1 : 0;
            }
            int[] columns = new int[kept];
            float[] extra = new float[kept];
            int n = 0;
            for (int p = 0; p < people; p++) {
                offsets[p] = n;
                for (int position = data.start(p); position < data.end(p); position++) {
                    if (data.value(position) > 0) {
                        columns[n] = data.item(position);
                        extra[n++] = (float) (alpha * data.value(position));
                    }
                }
            }
            offsets[people] = n;
            return new Rows(offsets, columns, extra);
        }

        /** The same pairs grouped by the other side (rows in increasing column order within each). */
        Rows transpose(int columnCount) {
            int[] newOffsets = new int[columnCount + 1];
            for (int column : columns) {
                newOffsets[column + 1]++;
            }
            for (int c = 0; c < columnCount; c++) {
                newOffsets[c + 1] += newOffsets[c];
            }
            int[] fill = java.util.Arrays.copyOf(newOffsets, columnCount);
            int[] newColumns = new int[columns.length];
            float[] newExtra = new float[columns.length];
            for (int row = 0; row < offsets.length - 1; row++) {
                for (int at = offsets[row]; at < offsets[row + 1]; at++) {
                    int to = fill[columns[at]]++;
                    newColumns[to] = row;
                    newExtra[to] = extraConfidence[at];
                }
            }
            return new Rows(newOffsets, newColumns, newExtra);
        }
    }

    /**
     * Conjugate gradient on one vector's system, with work arrays reused across rows. Not
     * thread-safe: one per thread.
     */
    private static final class ConjugateGradient {
        private final int f;
        private final double[] gram;
        private final double regularization;
        private final double exponent;
        private final float[] x;
        private final float[] residual;
        private final float[] direction;
        private final float[] product;

        ConjugateGradient(int f, double[] gram, double regularization, double exponent) {
            this.f = f;
            this.gram = gram;
            this.regularization = regularization;
            this.exponent = exponent;
            this.x = new float[f];
            this.residual = new float[f];
            this.direction = new float[f];
            this.product = new float[f];
        }

        /** Improves row {@code row} of {@code solved} in place by {@link #CG_STEPS} steps. */
        void solve(Rows rows, int row, float[] fixed, float[] solved) {
            int base = row * f;
            System.arraycopy(solved, base, x, 0, f);
            int from = rows.offsets[row];
            int to = rows.offsets[row + 1];
            float lambda = (float) AlsParams.rowRegularization(regularization, exponent, to - from);
            // residual = b - A x, with b = sum c_i y_i and A x = (YtY + lambda I) x + sum (c_i - 1)(y_i . x) y_i
            multiplyByGram(x, residual);
            for (int k = 0; k < f; k++) {
                residual[k] = -residual[k] - lambda * x[k];
            }
            for (int at = from; at < to; at++) {
                int y = rows.columns[at] * f;
                float extra = rows.extraConfidence[at];
                float weight = (1 + extra) - extra * dot(fixed, y, x);
                axpy(weight, fixed, y, residual);
            }
            System.arraycopy(residual, 0, direction, 0, f);
            float oldNorm = dot(residual, 0, residual);
            for (int step = 0; step < CG_STEPS && oldNorm > 1e-20f; step++) {
                multiplyByGram(direction, product);
                for (int k = 0; k < f; k++) {
                    product[k] += lambda * direction[k];
                }
                for (int at = from; at < to; at++) {
                    int y = rows.columns[at] * f;
                    axpy(rows.extraConfidence[at] * dot(fixed, y, direction), fixed, y, product);
                }
                float curvature = dot(direction, 0, product);
                if (!(curvature > 0)) {
                    break;
                }
                float stepSize = oldNorm / curvature;
                for (int k = 0; k < f; k++) {
                    x[k] += stepSize * direction[k];
                    residual[k] -= stepSize * product[k];
                }
                float newNorm = dot(residual, 0, residual);
                float ratio = newNorm / oldNorm;
                for (int k = 0; k < f; k++) {
                    direction[k] = residual[k] + ratio * direction[k];
                }
                oldNorm = newNorm;
            }
            System.arraycopy(x, 0, solved, base, f);
        }

        private void multiplyByGram(float[] vector, float[] out) {
            for (int a = 0; a < f; a++) {
                double sum = 0;
                int at = a * f;
                for (int b = 0; b < f; b++) {
                    sum += gram[at + b] * vector[b];
                }
                out[a] = (float) sum;
            }
        }

        /** A dot product over four running sums, which lets the CPU overlap the additions. */
        private float dot(float[] vectors, int offset, float[] vector) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int k = 0;
            for (; k + 4 <= f; k += 4) {
                s0 += vectors[offset + k] * vector[k];
                s1 += vectors[offset + k + 1] * vector[k + 1];
                s2 += vectors[offset + k + 2] * vector[k + 2];
                s3 += vectors[offset + k + 3] * vector[k + 3];
            }
            for (; k < f; k++) {
                s0 += vectors[offset + k] * vector[k];
            }
            return (s0 + s1) + (s2 + s3);
        }

        private void axpy(float scale, float[] vectors, int offset, float[] out) {
            for (int k = 0; k < f; k++) {
                out[k] += scale * vectors[offset + k];
            }
        }
    }
}
