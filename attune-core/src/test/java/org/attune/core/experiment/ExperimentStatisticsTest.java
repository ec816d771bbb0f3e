package org.attune.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExperimentStatisticsTest {

    @Test
    void aPerPersonMetricsDeltaVarianceIsTheVarianceOfTheMean() {
        // revenue per visitor: the denominator is 1 per person, so Var(ȳ/1) = s² / n exactly
        double[] revenue = {0, 0, 10, 0, 25.5, 0, 0, 4, 0, 60};
        MetricSums sums = MetricSums.EMPTY;
        for (double r : revenue) {
            sums = sums.plus(r, 1);
        }
        double mean = 9.95;
        double s2 = 0;
        for (double r : revenue) {
            s2 += (r - mean) * (r - mean);
        }
        s2 /= revenue.length - 1;
        assertThat(sums.value()).isCloseTo(mean, within(1e-12));
        assertThat(sums.variance()).isCloseTo(s2 / revenue.length, within(1e-12));
    }

    @Test
    void withTheSameDenominatorForEveryoneTheRatiosVarianceScalesByItsSquare() {
        // every person saw 4 impressions: CTR = mean clicks / 4, Var = s²(clicks) / (n · 16)
        int[] clicks = {0, 1, 0, 2, 0, 0, 1, 0};
        MetricSums sums = MetricSums.EMPTY;
        double mean = 0;
        for (int c : clicks) {
            sums = sums.plus(c, 4);
            mean += c;
        }
        mean /= clicks.length;
        double s2 = 0;
        for (int c : clicks) {
            s2 += (c - mean) * (c - mean);
        }
        s2 /= clicks.length - 1;
        assertThat(sums.value()).isCloseTo(mean / 4, within(1e-12));
        assertThat(sums.variance()).isCloseTo(s2 / (clicks.length * 16.0), within(1e-12));
        assertThat(sums.plus(MetricSums.EMPTY)).isEqualTo(sums);
    }

    @Test
    void aComparisonGivesTheLiftsTheirIntervalsAndTheChanceToBeatControl() {
        MetricSums control = MetricSums.EMPTY;
        MetricSums treatment = MetricSums.EMPTY;
        for (int i = 0; i < 2_000; i++) {
            control = control.plus(i % 20 == 0 ? 1 : 0, 1);     // 5%
            treatment = treatment.plus(i % 16 == 0 ? 1 : 0, 1); // 6.25%
        }
        Comparison result = ExperimentStatistics.compare(control, treatment);
        assertThat(result.control()).isCloseTo(0.05, within(1e-12));
        assertThat(result.treatment()).isCloseTo(0.0625, within(1e-12));
        assertThat(result.absoluteLift()).isCloseTo(0.0125, within(1e-12));
        assertThat(result.relativeLift()).isCloseTo(0.25, within(1e-12));
        double se = Math.sqrt(control.variance() + treatment.variance());
        assertThat(result.absoluteHigh() - result.absoluteLift()).isCloseTo(1.959964 * se, within(1e-6));
        assertThat(result.sequentialHigh() - result.absoluteLift()).as("a sequence is wider than one look's interval")
                .isGreaterThan(result.absoluteHigh() - result.absoluteLift());
        assertThat(result.chanceToBeatControl()).isBetween(0.9, 1.0);
        assertThat(result.enoughData()).isTrue();

        Comparison few = ExperimentStatistics.compare(MetricSums.EMPTY.plus(1, 1).plus(0, 1),
                MetricSums.EMPTY.plus(0, 1).plus(1, 1));
        assertThat(few.enoughData()).as("two people each: no verdict").isFalse();
        assertThat(few.significant(0.05)).isFalse();
    }

    @Test
    void theSampleRatioCheckAlertsOnlyWhenTheSplitIsOff() {
        SampleRatio even = ExperimentStatistics.sampleRatio(new long[] {5_000, 5_030}, new double[] {50, 50});
        assertThat(even.mismatch()).isFalse();
        assertThat(even.pValue()).isGreaterThan(0.5);
        // 5,200 against 4,800 of an even split: chi-square 16 with 1 degree of freedom, p = 6.3e-5
        SampleRatio off = ExperimentStatistics.sampleRatio(new long[] {5_200, 4_800}, new double[] {1, 1});
        assertThat(off.chiSquare()).isCloseTo(16, within(1e-9));
        assertThat(off.pValue()).isCloseTo(6.334e-5, within(1e-7));
        assertThat(off.mismatch()).isTrue();
        SampleRatio weighted = ExperimentStatistics.sampleRatio(new long[] {2_010, 5_990, 2_000},
                new double[] {20, 60, 20});
        assertThat(weighted.mismatch()).as("three variants at 20/60/20").isFalse();
    }
}
