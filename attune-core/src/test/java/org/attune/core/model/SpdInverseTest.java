package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the inverse against the definition (G·P = I) and against a textbook inversion.
 *
 * <p>Tolerances: inversion through a Cholesky factorisation is backward stable, so in double
 * precision (unit roundoff u = 2⁻⁵³) both the residual G·P - I and the relative error of P are
 * bounded by a modest multiple of n · u · κ(G) (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., ch. 10 and 14). The test matrices are G = BBᵀ/n + ridge · I with B
 * uniform in [-1, 1]; BBᵀ is positive semi-definite, so the smallest eigenvalue is at least the
 * ridge, and power iteration estimates the largest, which gives κ(G). The tests allow 4 n u κ.
 * That bound is for the worst case: the errors seen are 2 (n = 1) to 15,000 times smaller, and
 * as small as those of the textbook inversion, which is checked too (at most ten times its
 * residual). A lost or doubled term, say at a block edge, leaves errors of order 10⁻³ or more.
 */
class SpdInverseTest {
    private static final double UNIT_ROUNDOFF = Math.ulp(1.0) / 2;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 65, 300, 600})
    void productWithTheMatrixIsTheIdentityAndMatchesATextbookInverse(int n) {
        for (double ridge : new double[] {1, 1e-4}) {
            double[][] g = randomSpd(n, ridge, new Random(n));
            double[][] p = copy(g);
            SpdInverse.invertInPlace(p);
            double tolerance = 4 * n * UNIT_ROUNDOFF * largestEigenvalue(g) / ridge;
            double residual = maxDistanceFromIdentity(g, p);
            assertThat(residual).as("|G·P - I| for n=%d ridge=%s", n, ridge).isLessThanOrEqualTo(tolerance);
            double[][] reference = gaussJordanInverse(g);
            assertThat(residual).as("no worse than the textbook inversion")
                    .isLessThanOrEqualTo(10 * Math.max(maxDistanceFromIdentity(g, reference), UNIT_ROUNDOFF));
            // both are within the relative error bound of the true inverse, so of each other
            assertThat(maxDifference(p, reference)).as("|P - textbook| for n=%d ridge=%s", n, ridge)
                    .isLessThanOrEqualTo(2 * tolerance * maxAbs(reference));
            assertThat(isSymmetric(p)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 9, 13, 17, 30})
    void everyWayOfCuttingTheMatrixIntoTilesGivesTheSameInverse(int n) {
        double[][] g = randomSpd(n, 1, new Random(31 * n));
        double[][] expected = copy(g);
        SpdInverse.invertInPlace(expected);
        double tolerance = 4 * n * UNIT_ROUNDOFF * largestEigenvalue(g);
        for (int block = 1; block <= 6; block++) {
            for (int chunk : new int[] {1, 3, 8}) {
                for (int depth : new int[] {1, 2, 5}) {
                    double[][] p = copy(g);
                    SpdInverse.invertInPlace(p, new SpdInverse.Tiling(block, chunk, depth));
                    assertThat(maxDistanceFromIdentity(g, p)).as("n=%d block=%d chunk=%d depth=%d", n, block, chunk,
                            depth).isLessThanOrEqualTo(tolerance);
                    assertThat(maxDifference(p, expected)).isLessThanOrEqualTo(2 * tolerance * maxAbs(expected));
                }
            }
        }
    }

    @Test
    void rowMajorArrayIsInvertedLikeRows() {
        int n = 70;
        double[][] g = randomSpd(n, 1, new Random(3));
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g[i], 0, flat, i * n, n);
        }
        double[][] rows = copy(g);
        SpdInverse.invertInPlace(rows);
        SpdInverse.invertInPlace(flat, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(flat[i * n + j]).isEqualTo(rows[i][j]);
            }
        }
    }

    @Test
    void onlyTheUpperTriangleIsRead() {
        double[][] g = randomSpd(20, 1, new Random(5));
        double[][] upperOnly = copy(g);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < i; j++) {
                upperOnly[i][j] = Double.NaN;
            }
        }
        double[][] p = copy(g);
        SpdInverse.invertInPlace(p);
        SpdInverse.invertInPlace(upperOnly);
        assertThat(upperOnly).isDeepEqualTo(p);
    }

    @Test
    void knownTwoByTwoInverse() {
        // [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8
        double[][] p = {{4, 2}, {2, 3}};
        SpdInverse.invertInPlace(p);
        assertThat(p[0][0]).isCloseTo(0.375, within(1e-15));
        assertThat(p[0][1]).isCloseTo(-0.25, within(1e-15));
        assertThat(p[1][0]).isCloseTo(-0.25, within(1e-15));
        assertThat(p[1][1]).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void matricesThatAreNotPositiveDefiniteAreRefusedWithThePivot() {
        // eigenvalues 3 and -1
        assertThatThrownBy(() -> SpdInverse.invertInPlace(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not positive definite").hasMessageContaining("pivot 1 of 2");
        assertThatThrownBy(() -> SpdInverse.invertInPlace(new double[][] {{0}}))
                .hasMessageContaining("pivot 0 of 1 is 0.0");
        assertThatThrownBy(() -> SpdInverse.invertInPlace(new double[][] {{Double.NaN}}))
                .hasMessageContaining("not positive definite");
        // an indefinite direction that only shows in the second block of rows
        int n = 150;
        double[][] g = randomSpd(n, 1, new Random(11));
        g[100][100] = -5;
        assertThatThrownBy(() -> SpdInverse.invertInPlace(g)).hasMessageContaining("pivot 100 of 150");
        double[] flat = {1, 2, 2, 1};
        assertThatThrownBy(() -> SpdInverse.invertInPlace(flat, 2)).hasMessageContaining("not positive definite");
        assertThat(flat).as("left unchanged").containsExactly(1, 2, 2, 1);
    }

    @Test
    void shapesThatAreNotSquareAreRefused() {
        assertThatThrownBy(() -> SpdInverse.invertInPlace(new double[][] {{1, 0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1");
        assertThatThrownBy(() -> SpdInverse.invertInPlace(new double[5], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 x 2 values, got 5");
    }

    /** BBᵀ/n + ridge·I, B uniform in [-1, 1]: eigenvalues in [ridge, ridge + n]. */
    private static double[][] randomSpd(int n, double ridge, Random random) {
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = 2 * random.nextDouble() - 1;
            }
        }
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += b[i][k] * b[j][k];
                }
                g[i][j] = sum / n;
                g[j][i] = sum / n;
            }
            g[i][i] += ridge;
        }
        return g;
    }

    /** By power iteration; the Rayleigh quotient approaches it from below within a few percent. */
    private static double largestEigenvalue(double[][] g) {
        int n = g.length;
        double[] v = new double[n];
        Arrays.fill(v, 1 / Math.sqrt(n));
        double estimate = 0;
        for (int step = 0; step < 200; step++) {
            double[] w = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i] += g[i][j] * v[j];
                }
                norm += w[i] * w[i];
            }
            estimate = 0;
            for (int i = 0; i < n; i++) {
                estimate += v[i] * w[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        return estimate;
    }

    /** Gauss-Jordan elimination on [G | I] without pivoting (safe for SPD matrices). */
    private static double[][] gaussJordanInverse(double[][] g) {
        int n = g.length;
        double[][] left = copy(g);
        double[][] right = new double[n][n];
        for (int i = 0; i < n; i++) {
            right[i][i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = left[col][col];
            for (int j = 0; j < n; j++) {
                left[col][j] /= pivot;
                right[col][j] /= pivot;
            }
            for (int row = 0; row < n; row++) {
                double factor = left[row][col];
                if (row != col && factor != 0) {
                    for (int j = 0; j < n; j++) {
                        left[row][j] -= factor * left[col][j];
                        right[row][j] -= factor * right[col][j];
                    }
                }
            }
        }
        return right;
    }

    private static double maxDistanceFromIdentity(double[][] g, double[][] p) {
        int n = g.length;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += g[i][k] * p[k][j];
                }
                worst = Math.max(worst, Math.abs(sum - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    private static double maxDifference(double[][] x, double[][] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(x[i][j] - y[i][j]));
            }
        }
        return worst;
    }

    private static double maxAbs(double[][] x) {
        double worst = 0;
        for (double[] row : x) {
            for (double v : row) {
                worst = Math.max(worst, Math.abs(v));
            }
        }
        return worst;
    }

    private static boolean isSymmetric(double[][] x) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < i; j++) {
                if (x[i][j] != x[j][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] copy(double[][] x) {
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return copy;
    }
}
