package org.attune.core.model;

import java.util.Locale;

/** Where a model is in its lifecycle. */
public enum ModelStatus {
    /** Being defined: editable and deletable, not serving. */
    DRAFT,
    /** Initial training under way. */
    PROVISIONING,
    /** Serving its active version. */
    RUNNING,
    /** Training failed; the reason is kept with the model. Editable and deletable like a draft. */
    FAILED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelStatus fromJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the definition may be changed or the model deleted. */
    public boolean editable() {
        return this == DRAFT || this == FAILED;
    }

    /** Whether it trains: provisioning, or running (retrained on request or by schedule). */
    public boolean trains() {
        return this == PROVISIONING || this == RUNNING;
    }
}
