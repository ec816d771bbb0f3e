package org.attune.core.profile;

import java.time.Duration;
import java.util.Map;

/**
 * How profiles are computed. Defaults are declared here and nowhere else.
 *
 * @param recentEvents how many recent events a profile keeps (newest first)
 * @param recentProducts how many recently viewed and recently purchased products it keeps
 * @param affinityHalfLife after this long an event counts half as much towards affinities
 * @param eventWeights weight of each event type towards affinities; other types count 0
 * @param purchaseType the event type that means a purchase (for RFM, cart and recently purchased)
 * @param addToCartType the event type that puts a product in the cart
 * @param removeFromCartType the event type that takes it out again
 */
public record ProfileSettings(int recentEvents, int recentProducts, Duration affinityHalfLife,
                              Map<String, Double> eventWeights, String purchaseType, String addToCartType,
                              String removeFromCartType) {

    public static final ProfileSettings DEFAULTS = new ProfileSettings(50, 20, Duration.ofDays(14),
            Map.of("view", 1.0, "click", 2.0, "add_to_cart", 5.0, "purchase", 8.0),
            "purchase", "add_to_cart", "remove_from_cart");

    public ProfileSettings {
        if (recentEvents < 0 || recentEvents > 10_000) {
            throw new IllegalArgumentException("recentEvents must be between 0 and 10,000, got " + recentEvents);
        }
        if (recentProducts < 0 || recentProducts > 1_000) {
            throw new IllegalArgumentException("recentProducts must be between 0 and 1,000, got " + recentProducts);
        }
        if (affinityHalfLife.isNegative() || affinityHalfLife.isZero()) {
            throw new IllegalArgumentException("affinityHalfLife must be positive, got " + affinityHalfLife);
        }
        eventWeights.forEach((type, weight) -> {
            if (!(weight >= 0) || weight > 1_000) {
                throw new IllegalArgumentException("the weight of '" + type + "' must be between 0 and 1,000, got "
                        + weight);
            }
        });
        eventWeights = Map.copyOf(eventWeights);
    }

    public double weight(String eventType) {
        return eventWeights.getOrDefault(eventType, 0.0);
    }
}
