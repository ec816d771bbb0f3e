package org.attune.core.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which sessions of a generated shop see recommendations, and from where: sessions that
 * start at or after {@code from} are shown the {@code recommendations}' placements on the
 * home page and on product pages, and send impression and click events that carry the
 * answer's recId. Before {@code from} the shop behaves exactly as without exposure.
 *
 * @param recommendations what the placements show
 * @param from when the shop starts to show them (sessions that started earlier never do)
 * @param freshness how stale what a placement knows may be: from {@code from} on the generator
 *     passes on events every {@code freshness} of simulated time and tells
 *     {@link ShopRecommendations#eventsSentBefore} so, instead of a day at a time; a session
 *     starting at time t is answered knowing every event before t rounded down to a step
 */
public record ShopExposure(ShopRecommendations recommendations, Instant from, Duration freshness) {
    public ShopExposure {
        Objects.requireNonNull(recommendations, "recommendations");
        Objects.requireNonNull(from, "from");
        if (freshness.isNegative() || freshness.isZero() || freshness.toMillis() > SyntheticCatalog.DAY_MILLIS) {
            throw new IllegalArgumentException("freshness must be between 1 ms and one day, got " + freshness);
        }
    }
}
