package org.attune.core.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an experiment can be judged by: each a ratio of two per-person sums ({@link MetricSums}),
 * read from what the exposed people did after their answers.
 */
public enum ExperimentMetric {
    /** Clicks per impression. */
    CTR("clicks", "impressions"),
    /** Purchases per click. */
    CONVERSION_RATE("purchases", "clicks"),
    /** Add-to-carts per click. */
    ADD_TO_CART_RATE("add-to-carts", "clicks"),
    /** Attributed revenue per person exposed. */
    REVENUE_PER_VISITOR("revenue", "people"),
    /** Attributed purchases per person exposed. */
    PURCHASES_PER_VISITOR("purchases", "people"),
    /** Clicks per person exposed. */
    CLICKS_PER_VISITOR("clicks", "people");

    private final String numerator;
    private final String denominator;

    ExperimentMetric(String numerator, String denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What it counts, for people: "clicks per impressions". */
    public String description() {
        return numerator + " per " + (denominator.equals("people") ? "person" : denominator.replaceAll("s$", ""));
    }

    public static Optional<ExperimentMetric> fromJsonName(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName().equals(name)).findFirst();
    }

    /** The names, for messages: "ctr, conversion_rate, ...". */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ExperimentMetric::jsonName).toList());
    }
}
