package org.attune.core.personalization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.model.ModelVersion;
import org.attune.core.personalization.ViabilityReport.Criterion;
import org.attune.core.personalization.ViabilityReport.Rating;

/**
 * Rates measured figures against thresholds and decides the outcome: every required
 * criterion green gives viable, all at least yellow gives viable_needs_improvement, any red
 * gives not_viable. Priority 3 is informational and never changes the outcome. A pure
 * function; the figures come from {@link CatalogMeasurements}.
 */
public final class ViabilityAssessment {
    /** How coverage is measured for kinds whose versions do not report product profiles. */
    static final String COVERAGE_BASIS = "known to the model: live products the trained version can score;"
            + " own profile: live products with at least %d distinct people interacting in the training data";
    /** How coverage is measured for versions that report product profiles (sequence). */
    static final String PROFILE_BASIS = "the version's product profiles: known to the model: live products with an"
            + " own or a grouped profile (grouped: fewer than %d people, represented through products sharing"
            + " their attribute values); own profile: live products with a profile of their own";

    private ViabilityAssessment() {
    }

    /**
     * The figures an assessment rates.
     *
     * @param liveProducts products in the catalog now
     * @param knownProducts live products the trained version scores
     * @param ownProfileProducts live products with at least {@code ownProfileInteractions} interactions
     * @param productsWithInteractions live products with at least {@code interactionsPerProduct} interactions
     * @param events events of the catalog in the training window
     * @param people people with at least one event of the catalog
     * @param transactionalPeople people with an add-to-cart or purchase
     * @param highIntentEvents add-to-cart and purchase events
     * @param churn share of the catalog added or removed within the churn window
     */
    public record Measurements(long liveProducts, long knownProducts, long ownProfileProducts,
                               long productsWithInteractions, long events, long people, long transactionalPeople,
                               long highIntentEvents, double churn) {
    }

    public static ViabilityReport assess(Measurements m, ViabilityThresholds t, ModelVersion version,
                                         Instant now) {
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(rate(t, ViabilityThresholds.KNOWN_PRODUCTS, 1, true, share(m.knownProducts, m.liveProducts),
                "Share of live products the model can recommend.",
                "Send events for more products, or choose a model that represents products by their attributes."));
        criteria.add(rate(t, ViabilityThresholds.OWN_PROFILES, 1, true, share(m.ownProfileProducts, m.liveProducts),
                "Share of live products with enough interactions of their own (at least " + t.ownProfileInteractions()
                        + " people) to be profiled individually rather than through similar products.",
                "Track views on every product page and collect more history before relying on per-product profiles."));
        criteria.add(rate(t, ViabilityThresholds.EVENTS, 2, true, m.events,
                "Events of the catalog the model learned from.",
                "Send more history (import past orders and views) or wait for more traffic."));
        criteria.add(rate(t, ViabilityThresholds.PRODUCTS, 2, true, m.liveProducts,
                "Live products in the catalog; with very few, personalization has little to choose from.",
                "Upload the whole catalog; a small assortment is better served by curated lists."));
        criteria.add(rate(t, ViabilityThresholds.EVENTS_PER_PRODUCT, 2, true,
                m.liveProducts == 0 ? 0 : (double) m.events / m.liveProducts,
                "Events per live product: how much evidence there is for each product on average.",
                "Collect more events, or narrow the catalog to the products that sell."));
        criteria.add(rate(t, ViabilityThresholds.PRODUCTS_WITH_INTERACTIONS, 2, true,
                share(m.productsWithInteractions, m.liveProducts),
                "Share of live products with at least " + t.interactionsPerProduct() + " interactions.",
                "Traffic is concentrated on few products; send events from listing and search pages too."));
        criteria.add(rate(t, ViabilityThresholds.TRANSACTIONAL_PEOPLE, 3, false,
                share(m.transactionalPeople, m.people),
                "Share of people with an add-to-cart or a purchase: how much of the feedback shows intent.",
                "Track add_to_cart and purchase events (informational; it does not block activation)."));
        criteria.add(rate(t, ViabilityThresholds.HIGH_INTENT_EVENTS, 3, false, share(m.highIntentEvents, m.events),
                "Share of add-to-cart and purchase events among all events (the rest is browsing).",
                "Track add_to_cart and purchase events (informational; it does not block activation)."));
        SetupStatus outcome = SetupStatus.VIABLE;
        for (Criterion c : criteria) {
            if (!c.required()) {
                continue;
            }
            if (c.rating() == Rating.RED) {
                outcome = SetupStatus.NOT_VIABLE;
            } else if (c.rating() == Rating.YELLOW && outcome == SetupStatus.VIABLE) {
                outcome = SetupStatus.VIABLE_NEEDS_IMPROVEMENT;
            }
        }
        String churnWarning = m.churn > t.churnShare() ? String.format(java.util.Locale.ROOT,
                "%.0f%% of the catalog was added or removed within the last %d days (warning above %.0f%%):"
                        + " new products have no history yet, so expect weaker recommendations until they do.",
                100 * m.churn, t.churnDays(), 100 * t.churnShare()) : null;
        String basis = version.productProfiles() != null
                ? String.format(java.util.Locale.ROOT, PROFILE_BASIS, version.productProfiles().minInteractions())
                : String.format(java.util.Locale.ROOT, COVERAGE_BASIS, t.ownProfileInteractions());
        return new ViabilityReport(outcome, now, version.version(), criteria, churnWarning, version.metrics(),
                basis);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static Criterion rate(ViabilityThresholds t, String name, int priority, boolean required, double value,
                                  String meaning, String action) {
        ViabilityThresholds.Limit limit = t.limit(name);
        Rating rating = value >= limit.recommended() ? Rating.GREEN
                : value >= limit.minimum() ? Rating.YELLOW : Rating.RED;
        return new Criterion(name, priority, required, value, limit.recommended(), limit.minimum(), rating, meaning,
                rating == Rating.GREEN ? "" : action);
    }
}
