package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decisioning definitions (collections, strategies, placements, rules) of every catalog,
 * each kept as the JSON the API shows. Implementations are thread-safe.
 */
public interface DecisioningStore {

    /**
     * One stored definition.
     *
     * @param kind {@code collection}, {@code strategy}, {@code placement} or {@code rule}
     * @param catalog its catalog
     * @param id its id, unique per kind and catalog
     * @param definition the definition as JSON
     * @param updatedAt when it was last saved
     */
    record Stored(String kind, String catalog, String id, JsonNode definition, Instant updatedAt) {
    }

    /** Stores a definition, replacing the one with the same kind, catalog and id. */
    void put(Stored definition);

    Optional<Stored> find(String kind, String catalog, String id);

    /** A catalog's definitions of one kind, by id. */
    List<Stored> list(String kind, String catalog);

    /** Every definition of every catalog (read once at start). */
    List<Stored> all();

    /** @return whether it existed */
    boolean delete(String kind, String catalog, String id);
}
