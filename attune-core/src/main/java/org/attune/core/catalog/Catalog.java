package org.attune.core.catalog;

import java.time.Instant;

/**
 * A set of products of one type.
 *
 * @param id url-safe identifier, unique per server
 * @param name display name
 * @param language BCP 47 language tag of the product texts, e.g. {@code en} or {@code de-CH}
 * @param schema the typed attributes products may carry
 * @param createdAt when the catalog was created
 */
public record Catalog(String id, String name, String language, CatalogSchema schema, Instant createdAt) {
}
