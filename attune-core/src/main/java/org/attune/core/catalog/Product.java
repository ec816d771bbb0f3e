package org.attune.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One product of a catalog: its id plus attribute values that passed schema validation.
 * The {@code attributes} node must not be modified once the product is built. An update
 * makes a new instance (a new version); equality is by value, as for a record.
 *
 * <p>A version also carries one slot for values a reader derives from it and keeps with it
 * ({@link #derived}), so that a hot path finds them again without a map of 100,000 products:
 * the decisioning expressions keep a product's values and rule verdicts there.
 */
public final class Product {
    private final String id;
    private final ObjectNode attributes;
    private final boolean available;
    private final Instant updatedAt;
    private volatile Object derived;

    /**
     * @param id product id, unique within its catalog
     * @param attributes attribute values by name (validated against the catalog schema)
     * @param available false when the availability-role attribute says so
     * @param updatedAt when this version of the product was written
     */
    public Product(String id, ObjectNode attributes, boolean available, Instant updatedAt) {
        this.id = id;
        this.attributes = attributes;
        this.available = available;
        this.updatedAt = updatedAt;
    }

    public String id() {
        return id;
    }

    public ObjectNode attributes() {
        return attributes;
    }

    public boolean available() {
        return available;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** What a reader derived from this version and kept with it, or null. */
    public Object derived() {
        return derived;
    }

    /**
     * Keeps what a reader derived from this version. The last write wins; a reader checks that
     * what it finds is its own (the slot is one, and a reader of another schema may replace it).
     */
    public void derived(Object value) {
        derived = value;
    }

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

    @Override
    public boolean equals(Object other) {
        return other instanceof Product p && available == p.available && java.util.Objects.equals(id, p.id)
                && java.util.Objects.equals(attributes, p.attributes) && java.util.Objects.equals(updatedAt, p.updatedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, attributes, available, updatedAt);
    }

    @Override
    public String toString() {
        return "Product[id=" + id + ", attributes=" + attributes + ", available=" + available + ", updatedAt="
                + updatedAt + "]";
    }
}
