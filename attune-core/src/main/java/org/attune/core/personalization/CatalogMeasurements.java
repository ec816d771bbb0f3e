package org.attune.core.personalization;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.attune.core.event.Event;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelKind.ProductState;
import org.attune.core.model.SignalReader;
import org.attune.core.training.EventSource;
import org.attune.core.training.ServedModel;

/**
 * Measures a catalog for the viability assessment in one pass over the event log (through
 * the sequence number the trained version read): the catalog's events by intent, its people,
 * and each product's interactions as the model's signals see them.
 */
public final class CatalogMeasurements {
    /** Event types that show intent to buy; every other type counts as browsing. */
    static final Set<String> HIGH_INTENT = Set.of("add_to_cart", "purchase");

    private CatalogMeasurements() {
    }

    /**
     * @param served the trained version, read through the sequence number it read: a product is
     *     known to it when it scores the product (for kinds with product profile states, such as
     *     sequence: when its profile is own or grouped, not unknown); own profiles are the kind's
     *     own states, for other kinds products with at least
     *     {@link ViabilityThresholds#ownProfileInteractions()} people
     * @param people a person key per event, or null to skip it (as training does)
     * @param liveProducts the catalog's products now
     * @param churn share of the catalog added or removed within the churn window
     */
    public static ViabilityAssessment.Measurements measure(ServedModel served, EventSource events,
                                                           Function<Event, String> people, Set<String> liveProducts,
                                                           double churn, ViabilityThresholds thresholds) {
        ModelDefinition definition = served.definition();
        long throughSeq = served.version().data().throughSeq();
        String catalog = definition.catalog();
        SignalReader reader = new SignalReader(definition, people);
        long[] counts = new long[2];
        Set<String> everyone = new HashSet<>();
        Set<String> transactional = new HashSet<>();
        events.read(throughSeq, event -> {
            if (!catalog.equals(event.catalog())) {
                return;
            }
            String person = people.apply(event);
            if (person == null) {
                return;
            }
            reader.accept(event);
            counts[0]++;
            everyone.add(person);
            if (HIGH_INTENT.contains(event.type())) {
                counts[1]++;
                transactional.add(person);
            }
        });
        Interactions data = reader.interactions();
        Map<String, Integer> peoplePerProduct = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            peoplePerProduct.merge(data.itemId(data.item(i)), 1, Integer::sum);
        }
        String[] scored = served.trained().productIds();
        boolean statesKnown = scored.length > 0 && served.productState(0) != null;
        long known = 0;
        long own = 0;
        for (int i = 0; i < scored.length; i++) {
            if (liveProducts.contains(scored[i])) {
                ProductState state = served.productState(i);
                known += state == null || state != ProductState.UNKNOWN ? 1 : 0;
                own += state == ProductState.OWN ? 1 : 0;
            }
        }
        long withInteractions = 0;
        for (String product : liveProducts) {
            int n = peoplePerProduct.getOrDefault(product, 0);
            own += !statesKnown && n >= thresholds.ownProfileInteractions() ? 1 : 0;
            withInteractions += n >= thresholds.interactionsPerProduct() ? 1 : 0;
        }
        return new ViabilityAssessment.Measurements(liveProducts.size(), known, own, withInteractions, counts[0],
                everyone.size(), transactional.size(), counts[1], churn);
    }
}
