package org.attune.core.profile;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How profiles are computed. Defaults are declared here and nowhere else.
 *
 * @param recentEvents how many recent events a profile keeps (newest first)
 * @param recentProducts how many recently viewed products it keeps, and how many of the products
 *     bought it shows as recently purchased (it remembers up to {@link #MAX_PURCHASED_PRODUCTS})
 * @param affinityHalfLife after this long an event counts half as much towards affinities
 * @param maxAffinityValues how many attribute values a profile keeps affinities for; when full,
 *     the weakest gives way to a stronger new one
 * @param eventWeights weight of each event type towards affinities, for catalogs that do not set
 *     their own; other types count 0
 * @param viewTypes event types whose products count as viewed
 * @param purchaseType the event type that means a purchase (for RFM, cart and recently purchased)
 * @param addToCartType the event type that puts a product in the cart
 * @param removeFromCartType the event type that takes it out again
 */
public record ProfileSettings(int recentEvents, int recentProducts, Duration affinityHalfLife, int maxAffinityValues,
                              Map<String, Double> eventWeights, Set<String> viewTypes, String purchaseType,
                              String addToCartType, String removeFromCartType) {

    /** Products a cart holds at most; adding more drops the oldest. */
    public static final int MAX_CART_PRODUCTS = 100;
    /**
     * Products bought a profile remembers at most (the newest), so that "already purchased"
     * covers a customer's whole history; 8 bytes each. The profile shows the newest
     * {@link #recentProducts} of them.
     */
    public static final int MAX_PURCHASED_PRODUCTS = 1_000;
    /** Purchases within 90 days a profile counts at most (for RFM). */
    public static final int MAX_COUNTED_PURCHASES = 1_000;

    public static final ProfileSettings DEFAULTS = new ProfileSettings(50, 20, Duration.ofDays(14), 32,
            Map.of("view", 1.0, "click", 2.0, "add_to_cart", 5.0, "purchase", 8.0), Set.of("view", "click"),
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
        if (maxAffinityValues < 1 || maxAffinityValues > 10_000) {
            throw new IllegalArgumentException("maxAffinityValues must be between 1 and 10,000, got "
                    + maxAffinityValues);
        }
        checkWeights(eventWeights);
        eventWeights = Map.copyOf(eventWeights);
        viewTypes = Set.copyOf(viewTypes);
    }

    /** Refuses weights outside 0 to 1,000 with a message that names the event type. */
    public static void checkWeights(Map<String, Double> weights) {
        weights.forEach((type, weight) -> {
            if (weight == null || !(weight >= 0) || weight > 1_000) {
                throw new IllegalArgumentException("the weight of '" + type + "' must be between 0 and 1,000, got "
                        + weight);
            }
        });
    }

    /** These settings with another bound on recent events (validated as in the constructor). */
    public ProfileSettings withRecentEvents(int newRecentEvents) {
        return new ProfileSettings(newRecentEvents, recentProducts, affinityHalfLife, maxAffinityValues, eventWeights,
                viewTypes, purchaseType, addToCartType, removeFromCartType);
    }

    /** These settings with another affinity half-life (validated as in the constructor). */
    public ProfileSettings withAffinityHalfLife(Duration newHalfLife) {
        return new ProfileSettings(recentEvents, recentProducts, newHalfLife, maxAffinityValues, eventWeights,
                viewTypes, purchaseType, addToCartType, removeFromCartType);
    }

    public double weight(String eventType) {
        return eventWeights.getOrDefault(eventType, 0.0);
    }
}
