package org.attune.core.catalog;

/**
 * One typed attribute of a catalog schema.
 *
 * @param name attribute name as it appears in product JSON
 * @param type value type
 * @param role what the attribute means to Attune, or {@code null} for none
 * @param required whether every product must have a value
 * @param affinity whether profiles keep affinities per value of this attribute; always so for
 *     the roles brand, color, size and category
 */
public record AttributeDefinition(String name, AttributeType type, AttributeRole role, boolean required,
                                  boolean affinity) {

    public AttributeDefinition(String name, AttributeType type, AttributeRole role, boolean required) {
        this(name, type, role, required, false);
    }

    /** Whether profiles keep affinities per value of this attribute. */
    public boolean tracksAffinity() {
        return affinity || role == AttributeRole.BRAND || role == AttributeRole.COLOR || role == AttributeRole.SIZE
                || role == AttributeRole.CATEGORY;
    }
}
