package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.attune.core.validation.InvalidInputException;

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

    /**
     * These settings with what {@code json} sets: {@code thresholds} (the shape a setup takes, see
     * {@link ViabilityThresholds#with}) and {@code schedule} ({@link DailySchedule#with}).
     *
     * @throws InvalidInputException for an unknown field or a value that does not parse
     */
    public PersonalizationSettings with(JsonNode json) {
        if (json == null || json.isNull()) {
            return this;
        }
        if (!json.isObject()) {
            throw new InvalidInputException("invalid_settings", "personalization settings must be a JSON object");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!Set.of("thresholds", "schedule").contains(field)) {
                throw new InvalidInputException("invalid_settings", "unknown field '" + field
                        + "' in personalization settings; known: schedule, thresholds");
            }
        });
        return new PersonalizationSettings(unassessedKinds, defaultSchedule.with(json.get("schedule")),
                thresholds.with(json.get("thresholds")));
    }

    public boolean assessed(String kind) {
        return !unassessedKinds.contains(kind);
    }
}
