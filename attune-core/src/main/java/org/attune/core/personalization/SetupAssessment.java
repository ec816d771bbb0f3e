package org.attune.core.personalization;

import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.event.Event;
import org.attune.core.training.EventSource;
import org.attune.core.training.ModelTraining;
import org.attune.core.training.ServedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viability assessment of one setup: measures the catalog, its events and the trained
 * version that serves, and judges them against the setup's thresholds. Any failure gives
 * the setup status assessment_failed with the reason. Stateless.
 */
final class SetupAssessment {
    private static final Logger LOG = LoggerFactory.getLogger(SetupAssessment.class);

    private final ModelTraining training;
    private final CatalogService catalogs;
    private final EventSource events;
    private final Function<Event, String> people;

    SetupAssessment(ModelTraining training, CatalogService catalogs, EventSource events,
                    Function<Event, String> people) {
        this.training = training;
        this.catalogs = catalogs;
        this.events = events;
        this.people = people;
    }

    /** The setup once assessed (viable, viable_needs_improvement or not_viable), or failed. */
    PersonalizationSetup assess(PersonalizationSetup setup, Instant now) {
        try {
            ServedModel served = training.served(setup.modelId()).orElseThrow(() -> new IllegalStateException(
                    "model " + setup.modelId() + " has no trained version serving"));
            ViabilityThresholds thresholds = setup.thresholds();
            Set<String> live = catalogs.products(setup.catalog()).stream().map(Product::id)
                    .collect(Collectors.toSet());
            double churn = catalogs.stats(setup.catalog(), thresholds.churnDays()).churn();
            ViabilityAssessment.Measurements measured = CatalogMeasurements.measure(served, events, people, live,
                    churn, thresholds);
            return setup.assessed(ViabilityAssessment.assess(measured, thresholds, served.version(), now), now);
        } catch (RuntimeException e) {
            LOG.error("the viability assessment of catalog {} failed", setup.catalog(), e);
            return setup.failed(SetupStatus.ASSESSMENT_FAILED, "the assessment failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), now);
        }
    }
}
