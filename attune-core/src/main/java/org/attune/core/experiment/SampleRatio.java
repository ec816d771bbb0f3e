package org.attune.core.experiment;

/**
 * The sample-ratio check: whether the people per variant fit the weights.
 *
 * @param chiSquare Pearson's statistic Σ (observed − expected)² ÷ expected
 * @param pValue its chance under the weights (chi-square with variants − 1 degrees of freedom)
 * @param mismatch whether {@code pValue} is below {@link ExperimentStatistics#SRM_ALPHA}: the
 *     split is broken (assignment, logging or bots) and no result of the experiment can be trusted
 */
public record SampleRatio(double chiSquare, double pValue, boolean mismatch) {
}
