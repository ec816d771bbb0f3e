package org.attune.core.catalog;

/**
 * One typed attribute of a catalog schema.
 *
 * @param name attribute name as it appears in product JSON
 * @param type value type
 * @param role what the attribute means to Attune, or {@code null} for none
 * @param required whether every product must have a value
 */
public record AttributeDefinition(String name, AttributeType type, AttributeRole role, boolean required) {
}
