package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.core.validation.InvalidInputException;

/**
 * The thresholds the viability assessment rates its criteria against, with the defaults
 * (docs/viability.md explains each). A criterion at or above {@code recommended} is green,
 * at or above {@code minimum} yellow, below it red.
 *
 * @param limits each criterion's thresholds by criterion name
 * @param interactionsPerProduct N of "share of products with at least N interactions"
 * @param ownProfileInteractions interactions (distinct people) a product needs in the training data to count
 *     as having its own profile
 * @param churnShare share of the catalog added or removed within {@code churnDays} that raises the churn warning
 * @param churnDays the churn window
 */
public record ViabilityThresholds(Map<String, Limit> limits, int interactionsPerProduct, int ownProfileInteractions,
                                  double churnShare, int churnDays) {

    public static final String KNOWN_PRODUCTS = "known_products_share";
    public static final String OWN_PROFILES = "own_profile_share";
    public static final String EVENTS = "event_volume";
    public static final String PRODUCTS = "product_count";
    public static final String EVENTS_PER_PRODUCT = "events_per_product";
    public static final String PRODUCTS_WITH_INTERACTIONS = "products_with_n_interactions_share";
    public static final String TRANSACTIONAL_PEOPLE = "transactional_people_share";
    public static final String HIGH_INTENT_EVENTS = "high_intent_event_share";

    /** The defaults, declared here only. */
    public static final ViabilityThresholds DEFAULTS = new ViabilityThresholds(defaultLimits(), 5, 10, 0.30, 3);

    /**
     * @param recommended at or above: green
     * @param minimum at or above (and below recommended): yellow; below: red
     */
    public record Limit(double recommended, double minimum) {
        public Limit {
            if (!(minimum >= 0) || !(recommended >= minimum)) {
                throw new IllegalArgumentException("thresholds need 0 <= minimum <= recommended, got minimum "
                        + minimum + " and recommended " + recommended);
            }
        }
    }

    public ViabilityThresholds {
        limits = Map.copyOf(limits);
        if (interactionsPerProduct < 1 || ownProfileInteractions < 1 || churnDays < 1 || !(churnShare > 0)) {
            throw new IllegalArgumentException("interactionsPerProduct, ownProfileInteractions and churnDays must be"
                    + " at least 1 and churnShare above 0");
        }
    }

    private static Map<String, Limit> defaultLimits() {
        Map<String, Limit> limits = new LinkedHashMap<>();
        limits.put(KNOWN_PRODUCTS, new Limit(0.8, 0.5));
        limits.put(OWN_PROFILES, new Limit(0.5, 0.2));
        limits.put(EVENTS, new Limit(10_000, 1_000));
        limits.put(PRODUCTS, new Limit(100, 20));
        limits.put(EVENTS_PER_PRODUCT, new Limit(20, 5));
        limits.put(PRODUCTS_WITH_INTERACTIONS, new Limit(0.5, 0.2));
        limits.put(TRANSACTIONAL_PEOPLE, new Limit(0.1, 0.02));
        limits.put(HIGH_INTENT_EVENTS, new Limit(0.05, 0.01));
        return limits;
    }

    public Limit limit(String criterion) {
        return limits.get(criterion);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ObjectNode criteria = json.putObject("criteria");
        DEFAULTS.limits.keySet().stream().sorted().forEach(name -> criteria.putObject(name)
                .put("recommended", limits.get(name).recommended()).put("minimum", limits.get(name).minimum()));
        return json.put("interactionsPerProduct", interactionsPerProduct)
                .put("ownProfileInteractions", ownProfileInteractions).put("churnShare", churnShare)
                .put("churnDays", churnDays);
    }

    /**
     * These thresholds with what {@code overrides} sets (any subset of {@link #toJson}'s fields).
     *
     * @throws InvalidInputException for an unknown criterion or thresholds out of order
     */
    public ViabilityThresholds with(JsonNode overrides) {
        if (overrides == null || overrides.isNull()) {
            return this;
        }
        try {
            Map<String, Limit> merged = new LinkedHashMap<>(limits);
            overrides.path("criteria").properties().forEach(entry -> {
                Limit current = merged.get(entry.getKey());
                if (current == null) {
                    throw new IllegalArgumentException("unknown criterion '" + entry.getKey() + "'; known: "
                            + DEFAULTS.limits.keySet().stream().sorted().toList());
                }
                try {
                    merged.put(entry.getKey(), new Limit(entry.getValue().path("recommended").asDouble(
                            current.recommended()), entry.getValue().path("minimum").asDouble(current.minimum())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(entry.getKey() + ": " + e.getMessage(), e);
                }
            });
            return new ViabilityThresholds(merged,
                    overrides.path("interactionsPerProduct").asInt(interactionsPerProduct),
                    overrides.path("ownProfileInteractions").asInt(ownProfileInteractions),
                    overrides.path("churnShare").asDouble(churnShare), overrides.path("churnDays").asInt(churnDays));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid_thresholds", e.getMessage());
        }
    }
}
