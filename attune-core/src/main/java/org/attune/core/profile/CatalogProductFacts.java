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

    public CatalogProductFacts(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public List<AttributeValue> affinityValues(String catalog, String productId) {
        Optional<Product> product = find(catalog, productId);
        if (product.isEmpty()) {
            return List.of();
        }
        CatalogSchema schema = catalogs.catalog(catalog).schema();
        List<AttributeValue> values = new ArrayList<>(4);
        for (AttributeRole role : AFFINITY_ROLES) {
            Optional<AttributeDefinition> attribute = schema.withRole(role);
            if (attribute.isEmpty()) {
                continue;
            }
            JsonNode value = product.get().attributes().get(attribute.get().name());
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(v -> values.add(new AttributeValue(attribute.get().name(), v.asText())));
            } else {
                values.add(new AttributeValue(attribute.get().name(), value.asText()));
            }
        }
        return values;
    }

    @Override
    public double price(String catalog, String productId) {
        Optional<Product> product = find(catalog, productId);
        if (product.isEmpty()) {
            return Double.NaN;
        }
        return catalogs.catalog(catalog).schema().withRole(AttributeRole.PRICE)
                .map(a -> product.get().attributes().get(a.name()))
                .filter(JsonNode::isNumber)
                .map(JsonNode::asDouble)
                .orElse(Double.NaN);
    }

    private Optional<Product> find(String catalog, String productId) {
        return catalogs.exists(catalog) ? catalogs.product(catalog, productId) : Optional.empty();
    }
}
