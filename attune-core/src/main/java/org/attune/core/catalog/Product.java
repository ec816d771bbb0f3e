package org.attune.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One product of a catalog: its id plus attribute values that passed schema validation.
 * The {@code attributes} node must not be modified once the product is built.
 *
 * @param id product id, unique within its catalog
 * @param attributes attribute values by name (validated against the catalog schema)
 * @param available false when the availability-role attribute says so
 * @param updatedAt when this version of the product was written
 */
public record Product(String id, ObjectNode attributes, boolean available, Instant updatedAt) {

    /** Whether the attribute holds {@code value} (exactly, as text), or one of its values is it for a list. */
    public boolean hasValue(String attribute, String value) {
        JsonNode node = attributes.get(attribute);
        if (node == null) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return node.asText().equals(value);
    }
}
