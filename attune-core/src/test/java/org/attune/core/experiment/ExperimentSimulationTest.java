package org.attune.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The statistics proved by simulation, as docs/experiments.md reports them: experiments of 14
 * days looked at every day, each day 300 new people per variant who see 1 to 9 recommended
 * products and click each with the variant's chance (CTR, a ratio metric). A/A experiments
 * must rarely be called significant however often one looks; a true lift must be found; a
 * broken split must raise the sample-ratio alert.
 */
class ExperimentSimulationTest {
    private static final int EXPERIMENTS = 500;
    private static final int DAYS = 14;
    private static final int PEOPLE_PER_DAY = 300;
    private static final double BASE_CTR = 0.05;
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    /** What happened to one simulated experiment over its days. */
    private record Run(boolean alwaysValidRejected, boolean naiveRejectedAtSomeLook, boolean intervalCovers) {
    }

    private static Run run(SplittableRandom random, double treatmentCtr) {
        MetricSums control = MetricSums.EMPTY;
        MetricSums treatment = MetricSums.EMPTY;
        double smallestP = 1;
        boolean naive = false;
        Comparison last = null;
        for (int day = 0; day < DAYS; day++) {
            control = day(random, control, BASE_CTR);
            treatment = day(random, treatment, treatmentCtr);
            last = ExperimentStatistics.compare(control, treatment);
            smallestP = Math.min(smallestP, last.alwaysValidP());
            double z = last.absoluteLift() / Math.sqrt(control.variance() + treatment.variance());
            naive |= 2 * NORMAL.survivalProbability(Math.abs(z)) < 0.05;
        }
        double truth = treatmentCtr - BASE_CTR;
        return new Run(smallestP < 0.05, naive, last.absoluteLow() <= truth && truth <= last.absoluteHigh());
    }

    private static MetricSums day(SplittableRandom random, MetricSums sums, double ctr) {
        MetricSums next = sums;
        for (int person = 0; person < PEOPLE_PER_DAY; person++) {
            int impressions = 1 + random.nextInt(9);
            int clicks = 0;
            for (int i = 0; i < impressions; i++) {
                if (random.nextDouble() < ctr) {
                    clicks++;
                }
            }
            next = next.plus(clicks, impressions);
        }
        return next;
    }

    @Test
    void aaExperimentsLookedAtDailyAreRarelySignificantWhereANaiveTestOftenIs() {
        SplittableRandom random = new SplittableRandom(20261205L);
        int alwaysValid = 0;
        int naive = 0;
        int covered = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Run run = run(random, BASE_CTR);
            alwaysValid += run.alwaysValidRejected() ? 1 : 0;
            naive += run.naiveRejectedAtSomeLook() ? 1 : 0;
            covered += run.intervalCovers() ? 1 : 0;
        }
        double falsePositives = alwaysValid / (double) EXPERIMENTS;
        double naiveFalsePositives = naive / (double) EXPERIMENTS;
        System.out.printf("A/A, %d experiments of %d daily looks: always-valid false positives %.1f%%, a fixed-horizon"
                + " test looked at daily %.1f%%, 95%% interval on the last day covering the truth %.1f%%%n",
                EXPERIMENTS, DAYS, 100 * falsePositives, 100 * naiveFalsePositives, 100.0 * covered / EXPERIMENTS);
        assertThat(falsePositives).as("at most the nominal 5%% (and its sampling error)").isLessThanOrEqualTo(0.07);
        assertThat(naiveFalsePositives).as("peeking breaks the fixed-horizon test").isGreaterThan(0.1)
                .isGreaterThan(falsePositives);
        assertThat(covered / (double) EXPERIMENTS).isBetween(0.92, 0.98);
    }

    @Test
    void aTrueLiftOfTwentyPercentIsFoundWithinTheFortnight() {
        SplittableRandom random = new SplittableRandom(7L);
        int found = 0;
        int covered = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            Run run = run(random, BASE_CTR * 1.2);
            found += run.alwaysValidRejected() ? 1 : 0;
            covered += run.intervalCovers() ? 1 : 0;
        }
        double power = found / (double) EXPERIMENTS;
        System.out.printf("A/B with a true lift of 20%% (CTR 5%% to 6%%): found by day %d in %.1f%% of %d experiments,"
                + " 95%% interval covering the true lift %.1f%%%n", DAYS, 100 * power, EXPERIMENTS,
                100.0 * covered / EXPERIMENTS);
        assertThat(power).isGreaterThan(0.9);
        assertThat(covered / (double) EXPERIMENTS).isBetween(0.92, 0.98);
    }

    @Test
    void aBrokenSplitRaisesTheSampleRatioAlertAndASoundOneAlmostNever() {
        SplittableRandom random = new SplittableRandom(11L);
        int people = DAYS * PEOPLE_PER_DAY * 2;
        int soundAlerts = 0;
        int brokenAlerts = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            long[] sound = new long[2];
            long[] broken = new long[2];
            for (int p = 0; p < people; p++) {
                sound[random.nextDouble() < 0.5 ? 0 : 1]++;
                broken[random.nextDouble() < 0.47 ? 0 : 1]++;
            }
            soundAlerts += ExperimentStatistics.sampleRatio(sound, new double[] {1, 1}).mismatch() ? 1 : 0;
            brokenAlerts += ExperimentStatistics.sampleRatio(broken, new double[] {1, 1}).mismatch() ? 1 : 0;
        }
        System.out.printf("sample-ratio alerts among %d experiments of %,d people: a 50/50 split %d, a 47/53 split %d%n",
                EXPERIMENTS, people, soundAlerts, brokenAlerts);
        assertThat(soundAlerts).as("p < 0.001: about 1 in 1,000").isLessThanOrEqualTo(5);
        assertThat(brokenAlerts / (double) EXPERIMENTS).isGreaterThan(0.95);
    }
}
