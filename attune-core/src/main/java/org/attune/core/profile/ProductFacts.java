package org.attune.core.profile;

import java.util.List;

/**
 * What profiles need to know about a product at the moment an event names it. Implemented
 * over the live catalog; must answer from memory. Thread-safe implementations only.
 */
public interface ProductFacts {

    /**
     * The product's values of the attributes that affinities are computed over (those with
     * roles brand, color, size, category, and any configured affinity attribute); empty for
     * an unknown product or catalog.
     */
    List<AttributeValue> affinityValues(String catalog, String productId);

    /** The product's price, or NaN when unknown. */
    double price(String catalog, String productId);

    /**
     * One attribute value of a product.
     *
     * @param attribute attribute name, e.g. {@code brand}
     * @param value the value, e.g. {@code Nordpeak}
     */
    record AttributeValue(String attribute, String value) {
    }
}
