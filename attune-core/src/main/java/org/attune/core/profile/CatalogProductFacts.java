package org.attune.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;

/**
 * Product facts from the live catalog in memory: affinities are computed over the
 * attributes with roles brand, color, size and category; the price comes from the
 * attribute with role price. Thread-safe.
 */
public final class CatalogProductFacts implements ProductFacts {
    private static final List<AttributeRole> AFFINITY_ROLES =
            List.of(AttributeRole.BRAND, AttributeRole.COLOR, AttributeRole.SIZE, AttributeRole.CATEGORY);

    private final CatalogService catalogs;
    /** Per catalog, the names of its affinity attributes and its price attribute (schemas never change). */
    private final java.util.Map<String, Roles> roles = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Where a catalog keeps what profiles read.
     *
     * @param affinityAttributes names of the attributes with an affinity role
     * @param price name of the price attribute, or null
     */
    private record Roles(List<String> affinityAttributes, String price) {
    }

    public CatalogProductFacts(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public List<AttributeValue> affinityValues(String catalog, String productId) {
        Optional<Product> product = find(catalog, productId);
        if (product.isEmpty()) {
            return List.of();
        }
        List<AttributeValue> values = new ArrayList<>(4);
        for (String attribute : roles(catalog).affinityAttributes()) {
            JsonNode value = product.get().attributes().get(attribute);
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(v -> values.add(new AttributeValue(attribute, v.asText())));
            } else {
                values.add(new AttributeValue(attribute, value.asText()));
            }
        }
        return values;
    }

    @Override
    public double price(String catalog, String productId) {
        Optional<Product> product = find(catalog, productId);
        String attribute = product.isEmpty() ? null : roles(catalog).price();
        if (attribute == null) {
            return Double.NaN;
        }
        JsonNode value = product.get().attributes().get(attribute);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private Roles roles(String catalog) {
        return roles.computeIfAbsent(catalog, id -> {
            CatalogSchema schema = catalogs.catalog(id).schema();
            List<String> affinity = new ArrayList<>(4);
            for (AttributeRole role : AFFINITY_ROLES) {
                schema.withRole(role).map(AttributeDefinition::name).ifPresent(affinity::add);
            }
            return new Roles(List.copyOf(affinity), schema.withRole(AttributeRole.PRICE)
                    .map(AttributeDefinition::name).orElse(null));
        });
    }

    private Optional<Product> find(String catalog, String productId) {
        return catalogs.exists(catalog) ? catalogs.product(catalog, productId) : Optional.empty();
    }
}
