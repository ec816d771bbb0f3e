package org.attune.core.personalization;

import java.util.Set;

/**
 * Server-wide personalization settings.
 *
 * @param unassessedKinds model kinds that go straight to ready_for_activation after the setup run; every
 *     other kind gets a viability assessment (the attribute-based affinity kind scores every product with
 *     attributes, so data volume does not decide whether it can serve)
 * @param defaultSchedule when active setups retrain unless their setup says otherwise
 * @param thresholds the viability thresholds a setup starts from
 */
public record PersonalizationSettings(Set<String> unassessedKinds, DailySchedule defaultSchedule,
                                      ViabilityThresholds thresholds) {
    public static final PersonalizationSettings DEFAULTS = new PersonalizationSettings(Set.of("affinity"),
            DailySchedule.DEFAULT, ViabilityThresholds.DEFAULTS);

    public PersonalizationSettings {
        unassessedKinds = Set.copyOf(unassessedKinds);
    }

    public boolean assessed(String kind) {
        return !unassessedKinds.contains(kind);
    }
}
