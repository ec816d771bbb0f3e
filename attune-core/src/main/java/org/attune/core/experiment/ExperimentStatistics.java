package org.attune.core.experiment;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The statistics of an experiment's results: one comparison per treatment and metric, and the
 * sample-ratio check. Stateless.
 *
 * <p>The always-valid p-value is the normal-mixture sequential probability ratio test of
 * Johari, Koomen, Pekelis and Walsh ("Always Valid Inference: Continuous Monitoring of A/B
 * Tests", Operations Research 70(3), 2022): for an estimated difference θ̂ with variance V and a
 * mixing distribution N(0, τ²) over the true difference, the likelihood ratio is
 * Λ = √(V ÷ (V + τ²)) · exp(τ²θ̂² ÷ (2V(V + τ²))), and p = min(1, 1 ÷ Λ), kept as its smallest
 * over looks; rejecting when p &lt; α holds the false-positive rate at α however often one
 * looks. Inverting it gives the confidence sequence θ̂ ± √(2V(V + τ²) ÷ τ² · (ln(1 ÷ α) +
 * ½ ln((V + τ²) ÷ V))). τ is {@link #MIXTURE_RELATIVE_EFFECT} of the control's value: the
 * test is most sensitive to effects of about that size.
 */
public final class ExperimentStatistics {
    /** Two-sided level of the intervals and tests: 95%. */
    public static final double ALPHA = 0.05;
    /** The sample-ratio check alerts below this p-value (as GrowthBook and Statsig do). */
    public static final double SRM_ALPHA = 0.001;
    /** The mixture's spread as a share of the control's value: tuned to relative effects of about 10%. */
    public static final double MIXTURE_RELATIVE_EFFECT = 0.1;
    /** People each variant needs before a verdict is given. */
    public static final long MIN_PEOPLE = 100;
    /** Events in the metric's numerator (clicks, purchases) each variant needs before a verdict is given. */
    public static final double MIN_EVENTS = 10;

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private ExperimentStatistics() {
    }

    /** The treatment against the control at level {@link #ALPHA}. */
    public static Comparison compare(MetricSums control, MetricSums treatment) {
        return compare(control, treatment, ALPHA);
    }

    public static Comparison compare(MetricSums control, MetricSums treatment, double alpha) {
        double c = control.value();
        double t = treatment.value();
        double varianceC = control.variance();
        double varianceT = treatment.variance();
        double z = NORMAL.inverseSurvivalProbability(alpha / 2);
        double lift = t - c;
        double variance = varianceC + varianceT;
        double se = Math.sqrt(variance);
        double relative = t / c - 1;
        // delta method for the ratio of two independent estimates
        double relativeSe = Math.sqrt(varianceT / (c * c) + t * t * varianceC / (c * c * c * c));
        double tau2 = Math.pow(MIXTURE_RELATIVE_EFFECT * c, 2);
        double p;
        double halfWidth;
        if (variance > 0 && tau2 > 0) {
            double logLambda = 0.5 * Math.log(variance / (variance + tau2))
                    + tau2 * lift * lift / (2 * variance * (variance + tau2));
            p = Math.min(1, Math.exp(-logLambda));
            halfWidth = Math.sqrt(2 * variance * (variance + tau2) / tau2
                    * (Math.log(1 / alpha) + 0.5 * Math.log((variance + tau2) / variance)));
        } else {
            p = Double.NaN;
            halfWidth = Double.NaN;
        }
        double chance = se > 0 ? NORMAL.cumulativeProbability(lift / se) : Double.NaN;
        boolean enough = control.people() >= MIN_PEOPLE && treatment.people() >= MIN_PEOPLE
                && control.numerator() >= MIN_EVENTS && treatment.numerator() >= MIN_EVENTS
                && Double.isFinite(p);
        return new Comparison(c, t, lift, lift - z * se, lift + z * se, relative, relative - z * relativeSe,
                relative + z * relativeSe, lift - halfWidth, lift + halfWidth, p, chance, enough);
    }

    /**
     * Pearson's chi-square test of the people per variant against the variants' weights.
     *
     * @param people people exposed per variant
     * @param weights the variants' traffic weights (any positive scale)
     */
    public static SampleRatio sampleRatio(long[] people, double[] weights) {
        if (people.length != weights.length || people.length < 2) {
            throw new IllegalArgumentException("one count per variant, at least two variants");
        }
        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < people.length; i++) {
            total += people[i];
            weightSum += weights[i];
        }
        if (total == 0) {
            return new SampleRatio(0, 1, false);
        }
        double chiSquare = 0;
        for (int i = 0; i < people.length; i++) {
            double expected = total * weights[i] / weightSum;
            chiSquare += (people[i] - expected) * (people[i] - expected) / expected;
        }
        double p = ChiSquaredDistribution.of(people.length - 1).survivalProbability(chiSquare);
        return new SampleRatio(chiSquare, p, p < SRM_ALPHA);
    }
}
