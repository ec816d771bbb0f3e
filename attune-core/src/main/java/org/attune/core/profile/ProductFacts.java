package org.attune.core.profile;

/**
 * What profiles need to know about a product, and about its catalog, at the moment an
 * event names it. Implemented over the live catalog; must answer from memory, because it
 * is asked for every event. Thread-safe implementations only.
 */
public interface ProductFacts {

    /**
     * The product's affinity keys: for each value of an attribute that affinities are computed
     * over (roles brand, color, size, category, and attributes marked {@code affinity}), the id
     * in the profiles' symbol table of {@link #affinityKey(String, String)}. Empty (never null)
     * for an unknown product or catalog. Callers must not modify the array.
     */
    int[] affinityKeys(String catalog, String productId);

    /** The product's price, or NaN when unknown. */
    double price(String catalog, String productId);

    /** How much an event of this type counts towards affinities in this catalog; 0 for none. */
    double eventWeight(String catalog, String eventType);

    /** The string form of an affinity key: attribute name and value joined by U+001F. */
    static String affinityKey(String attribute, String value) {
        return attribute + '\u001F' + value;
    }
}
