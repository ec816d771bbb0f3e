package org.attune.core.personalization;

/** Where a catalog's personalization setup stands; the JSON names are the API's. */
public enum SetupStatus {
    /** The setup run trains the chosen model. */
    SETUP_IN_PROGRESS,
    /** The model trained; the catalog and its events are being measured. */
    VIABILITY_ASSESSMENT,
    VIABLE,
    VIABLE_NEEDS_IMPROVEMENT,
    NOT_VIABLE,
    /** The assessment (or the training it needs) threw; the reason is kept. Retry is offered. */
    ASSESSMENT_FAILED,
    /** A kind that is not assessed trained; it can be activated. */
    READY_FOR_ACTIVATION,
    /** A kind that is not assessed failed to train; the reason is kept. Retry is offered. */
    SETUP_FAILED,
    /** Serving, retrained daily. */
    ACTIVE,
    /** Ended; a new setup may start for the catalog. */
    DEACTIVATED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SetupStatus fromJson(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the setup run (training or assessment) is under way. */
    public boolean inProgress() {
        return this == SETUP_IN_PROGRESS || this == VIABILITY_ASSESSMENT;
    }

    /** Whether {@code continue} activates it. */
    public boolean activatable() {
        return this == VIABLE || this == VIABLE_NEEDS_IMPROVEMENT || this == READY_FOR_ACTIVATION;
    }
}
