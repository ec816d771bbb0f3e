package org.attune.core.model;

import java.time.Instant;

/**
 * A model as the store keeps it.
 *
 * @param id {@code mdl_...}, assigned at creation
 * @param definition what the owner defined
 * @param status lifecycle state
 * @param failure why the last training failed (a failed model's reason; for a running model, a
 *     retraining that failed while the active version kept serving), or null
 * @param activeVersion the version serving (running models) or last served, or null when none
 * @param createdAt when it was created
 * @param updatedAt when its definition or status last changed
 */
public record StoredModel(String id, ModelDefinition definition, ModelStatus status, String failure,
                          Integer activeVersion, Instant createdAt, Instant updatedAt) {

    /** The same model with another status, failure and active version, changed at {@code at}. */
    public StoredModel with(ModelStatus newStatus, String newFailure, Integer newActiveVersion, Instant at) {
        return new StoredModel(id, definition, newStatus, newFailure, newActiveVersion, createdAt, at);
    }
}
