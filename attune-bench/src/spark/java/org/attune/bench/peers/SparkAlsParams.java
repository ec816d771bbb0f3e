package org.attune.bench.peers;

/**
 * One point of the Spark ALS grid (implicit feedback, Hu, Koren and Volinsky 2008, as
 * {@code org.apache.spark.ml.recommendation.ALS} implements it; its other settings stay at
 * Spark's defaults).
 *
 * @param rank length of the person and product vectors
 * @param regParam L2 regularisation ({@code ALS.setRegParam})
 * @param alpha confidence per unit of interaction value: confidence = 1 + alpha x value
 *     ({@code ALS.setAlpha})
 * @param iterations alternating passes ({@code ALS.setMaxIter})
 */
public record SparkAlsParams(int rank, double regParam, double alpha, int iterations) {

    public SparkAlsParams {
        if (rank < 1 || rank > 1_000) {
            throw new IllegalArgumentException("rank must be between 1 and 1,000, got " + rank);
        }
        if (!(regParam >= 0)) {
            throw new IllegalArgumentException("regParam must be 0 or more, got " + regParam);
        }
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be 0 or more, got " + alpha);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
    }

    /** As the results table shows it, e.g. {@code rank=32 reg=0.01 alpha=10 iter=15}. */
    public String describe() {
        return "rank=" + rank + " reg=" + number(regParam) + " alpha=" + number(alpha) + " iter=" + iterations;
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
