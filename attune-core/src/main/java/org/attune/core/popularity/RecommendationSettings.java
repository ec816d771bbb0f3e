package org.attune.core.popularity;

import java.time.Duration;

/**
 * How the first strategies rank. Defaults are declared here and nowhere else.
 *
 * @param trendingHalfLife after this long an event counts half as much towards trending
 * @param salesHalfLife after this long a purchase counts half as much towards best sellers
 * @param affinityValues how many of a person's strongest attribute values top_affinity looks at
 * @param candidatesPerValue how many best sellers per attribute value top_affinity considers
 * @param rankingRefresh how often rankings are rebuilt while events arrive (well under the
 *     one-second freshness promise)
 * @param maxCount the largest {@code count} a request may ask for
 */
public record RecommendationSettings(Duration trendingHalfLife, Duration salesHalfLife, int affinityValues,
                                     int candidatesPerValue, Duration rankingRefresh, int maxCount) {

    public static final RecommendationSettings DEFAULTS = new RecommendationSettings(Duration.ofDays(3),
            Duration.ofDays(30), 12, 500, Duration.ofMillis(250), 100);

    public RecommendationSettings {
        if (trendingHalfLife.isNegative() || trendingHalfLife.isZero()) {
            throw new IllegalArgumentException("trendingHalfLife must be positive, got " + trendingHalfLife);
        }
        if (salesHalfLife.isNegative() || salesHalfLife.isZero()) {
            throw new IllegalArgumentException("salesHalfLife must be positive, got " + salesHalfLife);
        }
        if (affinityValues < 1 || candidatesPerValue < 1 || maxCount < 1) {
            throw new IllegalArgumentException("affinityValues, candidatesPerValue and maxCount must be positive");
        }
        if (rankingRefresh.isNegative() || rankingRefresh.isZero() || rankingRefresh.toMillis() > 1_000) {
            throw new IllegalArgumentException("rankingRefresh must be between 1 ms and 1 s, got " + rankingRefresh);
        }
    }
}
