package org.attune.core.model;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Inverts a symmetric positive definite matrix in place, in pure Java, on all cores.
 *
 * <p>Three blocked passes over the matrix G, each about n³/3 floating-point operations:
 * <ol>
 *   <li>Cholesky factorisation G = UᵀU, U upper triangular, right-looking by blocks of rows:
 *       factor the diagonal block, solve the block row to its right, then subtract that block
 *       row's outer product from the rest of the matrix. U overwrites the upper triangle.</li>
 *   <li>X = U⁻ᵀ (lower triangular) by forward substitution, one independent task per block of
 *       columns. X overwrites the lower triangle; the diagonal of U is kept aside because X's
 *       diagonal takes its place.</li>
 *   <li>G⁻¹ = U⁻¹U⁻ᵀ = XᵀX, its lower triangle computed block row by block row in place (block
 *       row I of the product needs only rows I and below of X, which are not yet overwritten),
 *       then mirrored into the upper triangle.</li>
 * </ol>
 *
 * <p>Every inner loop has the form {@code c[j] += a0 * b0[j] + ... + a3 * b3[j]} over one
 * contiguous range of j, with all rows addressed by the same index j. That is the shape
 * HotSpot's C2 compiler turns into SIMD instructions; it does not when two accesses to the
 * same array differ by an offset it cannot see through (a row-major {@code double[]} with
 * {@code m[rowC + j] += a * m[rowB + j]}), which measured three times slower. So the matrix is
 * worked on as an array of rows. Blocks of {@value #BLOCK} rows, and column chunks of
 * {@value #CHUNK}, keep the rows one update combines within the per-core caches (on a 2-core
 * AMD EPYC, blocks of 64 to 256 rows were within 20% of each other and 128 was best: 1.6 s, about
 * 30 GFLOP/s, for n = 3706, where EJML's single-threaded {@code invertSPD} took 21 s).
 *
 * <p>Stateless and thread-safe; a call runs its tasks on the calling thread and the common
 * {@link ForkJoinPool}, and must be the only user of the matrix while it runs.
 */
public final class SpdInverse {
    /** Rows per step of the factorisation and of the product, and columns per task of the substitution. */
    static final int BLOCK = 128;
    /** Columns one task updates in the factorisation and the product. */
    static final int CHUNK = 256;
    /** Rows of X combined into a block of the product per sweep, so that they stay in cache. */
    static final int DEPTH = 256;

    /**
     * How the matrix is cut into work. Tests use small values to reach every edge case on small
     * matrices; production uses {@link #DEFAULT}.
     *
     * @param block rows per step (factorisation, product), columns per substitution task
     * @param chunk columns per task in the factorisation and the product
     * @param depth rows combined per sweep of the product and the substitution
     */
    record Tiling(int block, int chunk, int depth) {
        static final Tiling DEFAULT = new Tiling(BLOCK, CHUNK, DEPTH);

        Tiling {
            if (block < 1 || chunk < 1 || depth < 1) {
                throw new IllegalArgumentException("tiles must be at least 1, got " + block + ", " + chunk + ", "
                        + depth);
            }
        }
    }

    private SpdInverse() {
    }

    /**
     * Replaces {@code matrix}, n x n in row-major order ({@code matrix[i * n + j]} is row i,
     * column j), by its inverse. Only the upper triangle (j >= i) is read; the matrix is taken
     * to be symmetric. Works on a copy as rows, so it needs 8 n² bytes more for the duration;
     * {@link #invertInPlace(double[][])} does not.
     *
     * @throws IllegalArgumentException if the array does not hold n x n values, or the matrix
     *     is not positive definite (the message names the first non-positive pivot); the
     *     array is then left unchanged
     */
    public static void invertInPlace(double[] matrix, int n) {
        if (n < 0 || matrix.length != (long) n * n) {
            throw new IllegalArgumentException("expected " + n + " x " + n + " values, got " + matrix.length);
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(matrix, i * n, i * n + n);
        }
        invertInPlace(rows);
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, matrix, i * n, n);
        }
    }

    /**
     * Replaces the matrix whose row i is {@code rows[i]} by its inverse, which is symmetric and
     * written whole. Only the upper triangle (column >= row) is read; the matrix is taken to be
     * symmetric. Extra memory is O(n · {@value #BLOCK}).
     *
     * @throws IllegalArgumentException if the rows do not form a square matrix, or the matrix is
     *     not positive definite (the message names the first non-positive pivot); the upper
     *     triangle then holds a partial factorisation
     */
    public static void invertInPlace(double[][] rows) {
        invertInPlace(rows, Tiling.DEFAULT);
    }

    static void invertInPlace(double[][] rows, Tiling tiling) {
        int n = rows.length;
        for (int i = 0; i < n; i++) {
            if (rows[i] == null || rows[i].length != n) {
                throw new IllegalArgumentException("expected " + n + " rows of " + n + " values; row " + i + " has "
                        + (rows[i] == null ? "none" : rows[i].length));
            }
        }
        factor(rows, tiling);
        double[] uDiagonal = new double[n];
        for (int i = 0; i < n; i++) {
            uDiagonal[i] = rows[i][i];
        }
        runInParallel((n + tiling.block() - 1) / tiling.block(), task -> {
            int from = task * tiling.block();
            invertTransposedFactorColumns(rows, uDiagonal, from, Math.min(n, from + tiling.block()), tiling);
        });
        multiplyTransposedByItself(rows, tiling);
        mirrorLowerTriangle(rows, tiling.block());
    }

    /** Pass 1: the upper triangle becomes U with G = UᵀU. */
    private static void factor(double[][] a, Tiling tiling) {
        for (int k0 = 0; k0 < a.length; k0 += tiling.block()) {
            factorBlockRow(a, k0, Math.min(a.length, k0 + tiling.block()), tiling);
        }
    }

    /**
     * One step of pass 1: rows [k0, k1), already reduced by the steps before, become rows of U
     * (diagonal block, then the rest of the rows in column chunks), and their outer product is
     * subtracted from the upper triangle of the rows below, in tiles.
     */
    private static void factorBlockRow(double[][] a, int k0, int k1, Tiling tiling) {
        int n = a.length;
        int block = tiling.block();
        int chunk = tiling.chunk();
        for (int i = k0; i < k1; i++) {
            double[] row = a[i];
            addCombination(row, a, i, -1, k0, i, i, k1);
            double pivot = row[i];
            if (!(pivot > 0)) {
                throw new IllegalArgumentException("the matrix is not positive definite: pivot " + i + " of " + n
                        + " is " + pivot);
            }
            double diagonal = Math.sqrt(pivot);
            row[i] = diagonal;
            scale(row, 1 / diagonal, i + 1, k1);
        }
        int rest = n - k1;
        int chunks = (rest + chunk - 1) / chunk;
        runInParallel(chunks, c -> {
            int from = k1 + c * chunk;
            int to = Math.min(n, from + chunk);
            for (int i = k0; i < k1; i++) {
                double[] row = a[i];
                addCombination(row, a, i, -1, k0, i, from, to);
                scale(row, 1 / row[i], from, to);
            }
        });
        int rowBlocks = (rest + block - 1) / block;
        int[] tiles = new int[rowBlocks * chunks];
        int tileCount = 0;
        for (int r = 0; r < rowBlocks; r++) {
            for (int c = 0; c < chunks; c++) {
                if (c * chunk + chunk > r * block) {
                    tiles[tileCount++] = r * chunks + c;
                }
            }
        }
        runInParallel(tileCount, t -> {
            int rowFrom = k1 + tiles[t] / chunks * block;
            int rowTo = Math.min(n, rowFrom + block);
            int colFrom = k1 + tiles[t] % chunks * chunk;
            int colTo = Math.min(n, colFrom + chunk);
            for (int i = rowFrom; i < rowTo; i++) {
                addCombination(a[i], a, i, -1, k0, k1, Math.max(colFrom, i), colTo);
            }
        });
    }

    /**
     * Pass 2 for the columns [j0, j1): X[i][j] = (δij - Σ_{j <= m < i} U[m][i] X[m][j]) / U[i][i]
     * for i >= j, written over the lower triangle. Reads U only above the diagonal (untouched by
     * this pass) and its diagonal from {@code uDiagonal}, so tasks for different columns are
     * independent.
     */
    private static void invertTransposedFactorColumns(double[][] a, double[] uDiagonal, int j0, int j1,
                                                      Tiling tiling) {
        int n = a.length;
        // the diagonal block: X there is the inverse of a small triangle
        for (int i = j0; i < j1; i++) {
            double[] row = a[i];
            Arrays.fill(row, j0, i, 0);
            row[i] = 1;
            addLowerTriangularCombination(row, a, i, -1, j0, i, j0, i);
            scale(row, 1 / uDiagonal[i], j0, i + 1);
        }
        for (int i0 = j1; i0 < n; i0 += tiling.block()) {
            int i1 = Math.min(n, i0 + tiling.block());
            // block rows below it: the terms from the diagonal block, then from the rows between,
            // then forward substitution within the block row
            for (int i = i0; i < i1; i++) {
                Arrays.fill(a[i], j0, j1, 0);
                addLowerTriangularCombination(a[i], a, i, -1, j0, j1, j0, j1);
            }
            for (int m0 = j1; m0 < i0; m0 += tiling.depth()) {
                int m1 = Math.min(i0, m0 + tiling.depth());
                for (int i = i0; i < i1; i++) {
                    addCombination(a[i], a, i, -1, m0, m1, j0, j1);
                }
            }
            for (int i = i0; i < i1; i++) {
                double[] row = a[i];
                addCombination(row, a, i, -1, i0, i, j0, j1);
                scale(row, 1 / uDiagonal[i], j0, j1);
            }
        }
    }

    /**
     * Pass 3: the lower triangle, X = U⁻ᵀ, becomes the lower triangle of XᵀX. Block row I of
     * the product reads rows I and below of X and is written over block row I, so block rows go
     * in ascending order; within one, the columns left of the diagonal block are split into
     * tasks, and the diagonal block, which they read, is computed into a scratch block and
     * copied in after them.
     */
    private static void multiplyTransposedByItself(double[][] a, Tiling tiling) {
        int n = a.length;
        double[][] diagonalBlock = new double[Math.min(n, tiling.block())][n];
        for (int i0 = 0; i0 < n; i0 += tiling.block()) {
            multiplyBlockRow(a, i0, Math.min(n, i0 + tiling.block()), diagonalBlock, tiling);
        }
    }

    /** One step of pass 3: rows [i0, i1) of the lower triangle become rows of XᵀX. */
    private static void multiplyBlockRow(double[][] a, int i0, int i1, double[][] diagonalBlock, Tiling tiling) {
        int chunk = tiling.chunk();
        int chunks = (i0 + chunk - 1) / chunk;
        runInParallel(chunks + 1, c -> {
            if (c < chunks) {
                int from = c * chunk;
                multiplyOffDiagonal(a, i0, i1, from, Math.min(i0, from + chunk), tiling.depth());
            } else {
                multiplyDiagonal(a, i0, i1, diagonalBlock, tiling.depth());
            }
        });
        for (int i = i0; i < i1; i++) {
            System.arraycopy(diagonalBlock[i - i0], i0, a[i], i0, i - i0 + 1);
        }
    }

    /** Rows [i0, i1), columns [from, to) left of the diagonal block: Σ_{m >= i} X[m][i] X[m][j]. */
    private static void multiplyOffDiagonal(double[][] a, int i0, int i1, int from, int to, int depth) {
        int n = a.length;
        // the product's rows i read rows m > i of the block unchanged: ascending order keeps them so
        for (int i = i0; i < i1; i++) {
            double[] row = a[i];
            scale(row, row[i], from, to);
            addCombination(row, a, i, 1, i + 1, i1, from, to);
        }
        for (int m0 = i1; m0 < n; m0 += depth) {
            int m1 = Math.min(n, m0 + depth);
            for (int i = i0; i < i1; i++) {
                addCombination(a[i], a, i, 1, m0, m1, from, to);
            }
        }
    }

    /** The lower triangle of the diagonal block [i0, i1) of XᵀX, into {@code out} (row i at i - i0). */
    private static void multiplyDiagonal(double[][] a, int i0, int i1, double[][] out, int depth) {
        int n = a.length;
        for (int i = i0; i < i1; i++) {
            double[] row = out[i - i0];
            double[] x = a[i];
            double factor = x[i];
            for (int j = i0; j <= i; j++) {
                row[j] = factor * x[j];
            }
            addCombination(row, a, i, 1, i + 1, i1, i0, i + 1);
        }
        for (int m0 = i1; m0 < n; m0 += depth) {
            int m1 = Math.min(n, m0 + depth);
            for (int i = i0; i < i1; i++) {
                addCombination(out[i - i0], a, i, 1, m0, m1, i0, i + 1);
            }
        }
    }

    /** Copies the lower triangle onto the upper one, tile by tile so that both stay in cache. */
    private static void mirrorLowerTriangle(double[][] a, int block) {
        int n = a.length;
        int blocks = (n + block - 1) / block;
        runInParallel(blocks, b -> {
            int i0 = b * block;
            int i1 = Math.min(n, i0 + block);
            for (int j0 = 0; j0 < i1; j0 += block) {
                int j1 = Math.min(i1, j0 + block);
                for (int i = i0; i < i1; i++) {
                    double[] row = a[i];
                    for (int j = j0; j < Math.min(j1, i); j++) {
                        a[j][i] = row[j];
                    }
                }
            }
        });
    }

    /**
     * {@code c[j] += sign * Σ_{k0 <= k < k1} m[k][col] * m[k][j]} for {@code from <= j < to}: a
     * combination of rows of m with coefficients from column {@code col}, four rows per sweep of c.
     */
    private static void addCombination(double[] c, double[][] m, int col, double sign, int k0, int k1, int from,
                                       int to) {
        if (from >= to) {
            return;
        }
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            double[] b0 = m[k];
            double[] b1 = m[k + 1];
            double[] b2 = m[k + 2];
            double[] b3 = m[k + 3];
            addFour(c, sign * b0[col], b0, sign * b1[col], b1, sign * b2[col], b2, sign * b3[col], b3, from, to);
        }
        for (; k < k1; k++) {
            addOne(c, sign * m[k][col], m[k], from, to);
        }
    }

    /**
     * As {@link #addCombination} where rows k0.. of m belong to a lower-triangular block: row k
     * contributes only at columns j <= k (its entries right of that belong to U and stand for zeros).
     */
    private static void addLowerTriangularCombination(double[] c, double[][] m, int col, double sign, int k0, int k1,
                                                      int from, int to) {
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            double[] b0 = m[k];
            double[] b1 = m[k + 1];
            double[] b2 = m[k + 2];
            double[] b3 = m[k + 3];
            double a1 = sign * b1[col];
            double a2 = sign * b2[col];
            double a3 = sign * b3[col];
            // columns up to k take all four rows; k+1..k+3 only the rows whose triangle reaches them
            addFour(c, sign * b0[col], b0, a1, b1, a2, b2, a3, b3, from, Math.min(to, k + 1));
            addOne(c, a1, b1, Math.max(from, k + 1), Math.min(to, k + 2));
            addOne(c, a2, b2, Math.max(from, k + 1), Math.min(to, k + 3));
            addOne(c, a3, b3, Math.max(from, k + 1), Math.min(to, k + 4));
        }
        for (; k < k1; k++) {
            addOne(c, sign * m[k][col], m[k], from, Math.min(to, k + 1));
        }
    }

    private static void addFour(double[] c, double a0, double[] b0, double a1, double[] b1, double a2, double[] b2,
                                double a3, double[] b3, int from, int to) {
        for (int j = from; j < to; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    private static void addOne(double[] c, double a0, double[] b0, int from, int to) {
        for (int j = from; j < to; j++) {
            c[j] += a0 * b0[j];
        }
    }

    private static void scale(double[] c, double factor, int from, int to) {
        for (int j = from; j < to; j++) {
            c[j] *= factor;
        }
    }

    /**
     * Runs {@code task} once for each index in [0, count), on the calling thread and the common
     * pool's workers, each taking the next index when it finishes one (so put the largest first).
     */
    private static void runInParallel(int count, IntConsumer task) {
        if (count <= 1) {
            if (count == 1) {
                task.accept(0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int threads = Math.min(count, ForkJoinPool.getCommonPoolParallelism() + 1);
        IntStream.range(0, threads).parallel().forEach(thread -> {
            for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                task.accept(index);
            }
        });
    }
}
