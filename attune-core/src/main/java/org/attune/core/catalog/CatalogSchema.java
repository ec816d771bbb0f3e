package org.attune.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed attributes of a catalog, by name, in declaration order. Immutable. */
public record CatalogSchema(List<AttributeDefinition> attributes) {

    public CatalogSchema {
        attributes = List.copyOf(attributes);
    }

    public Map<String, AttributeDefinition> byName() {
        Map<String, AttributeDefinition> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.name(), a));
        return map;
    }

    public Optional<AttributeDefinition> withRole(AttributeRole role) {
        return attributes.stream().filter(a -> a.role() == role).findFirst();
    }
}
