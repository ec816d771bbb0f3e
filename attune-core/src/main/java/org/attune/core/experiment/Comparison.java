package org.attune.core.experiment;

/**
 * A treatment against the control on one metric.
 *
 * @param control the control's value of the metric
 * @param treatment the treatment's value
 * @param absoluteLift treatment − control
 * @param absoluteLow lower end of its 95% (1 − alpha) confidence interval, for one look
 * @param absoluteHigh upper end
 * @param relativeLift treatment ÷ control − 1
 * @param relativeLow lower end of its interval, for one look
 * @param relativeHigh upper end
 * @param sequentialLow lower end of the always-valid confidence sequence of the absolute lift
 * @param sequentialHigh upper end
 * @param alwaysValidP the mixture SPRT's p-value at this look (keep the smallest over looks)
 * @param chanceToBeatControl the posterior chance that the treatment's value is higher (flat prior, normal)
 * @param enoughData whether both variants have the people and events for a verdict
 *     ({@link ExperimentStatistics#MIN_PEOPLE} people and {@link ExperimentStatistics#MIN_EVENTS}
 *     in the numerator each); the figures are given either way
 */
public record Comparison(double control, double treatment, double absoluteLift, double absoluteLow,
                         double absoluteHigh, double relativeLift, double relativeLow, double relativeHigh,
                         double sequentialLow, double sequentialHigh, double alwaysValidP, double chanceToBeatControl,
                         boolean enoughData) {

    /** Whether the always-valid test rejects "no difference" at level {@code alpha}. */
    public boolean significant(double alpha) {
        return enoughData && alwaysValidP < alpha;
    }
}
