package org.attune.core.model;

import java.time.Instant;

/**
 * A model as the store keeps it.
 *
 * @param id {@code mdl_...}, assigned at creation
 * @param definition what the owner defined
 * @param status lifecycle state
 * @param failure why training failed, or null
 * @param createdAt when it was created
 * @param updatedAt when its definition or status last changed
 */
public record StoredModel(String id, ModelDefinition definition, ModelStatus status, String failure,
                          Instant createdAt, Instant updatedAt) {
}
