package org.attune.core.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A set of products of one type.
 *
 * @param id url-safe identifier, unique per server
 * @param name display name
 * @param language BCP 47 language tag of the product texts, e.g. {@code en} or {@code de-CH}
 * @param schema the typed attributes products may carry
 * @param createdAt when the catalog was created
 * @param eventWeights how much each event type counts towards profile affinities in this
 *     catalog, over the server's defaults (a type given here replaces its default; 0 turns
 *     a type off); empty for the defaults alone
 */
public record Catalog(String id, String name, String language, CatalogSchema schema, Instant createdAt,
                      Map<String, Double> eventWeights) {

    public Catalog {
        eventWeights = Map.copyOf(eventWeights);
    }

    public Catalog(String id, String name, String language, CatalogSchema schema, Instant createdAt) {
        this(id, name, language, schema, createdAt, Map.of());
    }
}
