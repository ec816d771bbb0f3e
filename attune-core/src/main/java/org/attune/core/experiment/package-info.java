/**
 * Experiments (issue 22, under way): the statistics that compare an experiment's variants.
 * A metric is the ratio of two per-person sums ({@link MetricSums}: clicks per impression,
 * purchases per click, revenue per visitor), its variance by the delta method; a comparison
 * ({@link ExperimentStatistics#compare}) gives the absolute and relative lift with 95%
 * intervals, an always-valid p-value and confidence sequence (mixture SPRT) that stay valid when
 * the result is looked at every day, and the chance to beat control; the sample-ratio check
 * ({@link ExperimentStatistics#sampleRatio}) is a chi-square test of the people per variant
 * against the weights. Distributions come from Apache Commons Statistics. docs/experiments.md
 * gives the formulas and their sources.
 */
package org.attune.core.experiment;
