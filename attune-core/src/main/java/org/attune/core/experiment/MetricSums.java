package org.attune.core.experiment;

/**
 * What one variant's exposed people did for one metric, kept as sums over people so that
 * days and nodes add up: the metric is the ratio of the per-person numerators' sum to the
 * denominators' sum (CTR: each person's clicks over their impressions; revenue per visitor:
 * revenue over 1 per person). The squares and cross-products give its variance by the delta
 * method. Immutable.
 *
 * @param people people exposed
 * @param numerator Σ y (e.g. clicks)
 * @param denominator Σ x (e.g. impressions; the people for per-person metrics)
 * @param numeratorSquares Σ y²
 * @param denominatorSquares Σ x²
 * @param products Σ x·y
 */
public record MetricSums(long people, double numerator, double denominator, double numeratorSquares,
                         double denominatorSquares, double products) {
    public static final MetricSums EMPTY = new MetricSums(0, 0, 0, 0, 0, 0);

    /** These sums with one more person, who had {@code y} of the numerator and {@code x} of the denominator. */
    public MetricSums plus(double y, double x) {
        return new MetricSums(people + 1, numerator + y, denominator + x, numeratorSquares + y * y,
                denominatorSquares + x * x, products + x * y);
    }

    /** The sums of both (another day, another node). */
    public MetricSums plus(MetricSums other) {
        return new MetricSums(people + other.people, numerator + other.numerator, denominator + other.denominator,
                numeratorSquares + other.numeratorSquares, denominatorSquares + other.denominatorSquares,
                products + other.products);
    }

    /** The metric: Σy / Σx; NaN without a denominator. */
    public double value() {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /**
     * The variance of {@link #value} by the delta method for a ratio of means (Deng, Knoblich and
     * Lu, "Applying the Delta Method in Metric Analytics", KDD 2018): with n people, means
     * ȳ and x̄, sample variances s²ᵧ, s²ₓ and covariance sₓᵧ,
     * Var(ȳ/x̄) ≈ (s²ᵧ/x̄² − 2ȳ·sₓᵧ/x̄³ + ȳ²·s²ₓ/x̄⁴) / n. NaN for fewer than two people or no
     * denominator.
     */
    public double variance() {
        if (people < 2 || denominator == 0) {
            return Double.NaN;
        }
        double n = people;
        double meanY = numerator / n;
        double meanX = denominator / n;
        double varY = (numeratorSquares - n * meanY * meanY) / (n - 1);
        double varX = (denominatorSquares - n * meanX * meanX) / (n - 1);
        double covXY = (products - n * meanX * meanY) / (n - 1);
        double variance = (varY / (meanX * meanX) - 2 * meanY * covXY / (meanX * meanX * meanX)
                + meanY * meanY * varX / (meanX * meanX * meanX * meanX)) / n;
        return Math.max(0, variance);
    }
}
