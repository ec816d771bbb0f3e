package org.attune.core.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One person's profile at a moment, immutable.
 *
 * @param personId internal person id
 * @param recentEvents the most recent events, newest first (in log order)
 * @param counts events per type
 * @param firstSeen time of the earliest event, or null
 * @param lastSeen time of the latest event, or null
 * @param affinities per attribute (e.g. brand), its values with their decayed scores, strongest first
 * @param rfm recency, frequency and monetary value
 * @param recentlyViewed products viewed or clicked, newest first
 * @param recentlyPurchased products bought, newest first
 * @param cart products added to the cart and neither bought nor removed since, newest first
 */
public record ProfileSnapshot(long personId, List<RecentEvent> recentEvents, Map<String, Long> counts,
                              Instant firstSeen, Instant lastSeen, Map<String, List<Affinity>> affinities, Rfm rfm,
                              List<String> recentlyViewed, List<String> recentlyPurchased, List<String> cart) {

    /**
     * A recent event as the profile keeps it: what happened to which products; the whole
     * event (properties, context) stays in the event log under its sequence number.
     *
     * @param seq position in the event log
     * @param type event type
     * @param timestamp when it happened
     * @param catalog the catalog of its products, or null
     * @param itemIds its products, possibly none
     */
    public record RecentEvent(long seq, String type, Instant timestamp, String catalog, List<String> itemIds) {
    }

    /**
     * A value's affinity.
     *
     * @param value the attribute value
     * @param score the weighted, time-decayed score
     */
    public record Affinity(String value, double score) {
    }

    /**
     * Recency, frequency and monetary value.
     *
     * @param daysSinceLastPurchase days since the last purchase (fractional), or null if none
     * @param purchases30d purchases within the last 30 days
     * @param purchases90d purchases within the last 90 days (counted up to 1,000)
     * @param spend revenue of all purchases ({@code properties.revenue}, else the sum of prices)
     */
    public record Rfm(Double daysSinceLastPurchase, int purchases30d, int purchases90d, double spend) {
    }
}
