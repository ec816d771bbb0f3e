package org.attune.core.model;

import java.util.List;
import java.util.function.Function;

/**
 * What kinds that score products by their attributes need of the catalog at training time.
 *
 * @param products the products that can be recommended
 * @param valuesOf a product's attribute values ({@code attribute + U+001F + value}); empty when unknown
 */
public record CatalogView(List<String> products, Function<String, List<String>> valuesOf) {
}
