package org.attune.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.catalog.Product;

/**
 * Product facts from the live catalog in memory. Affinities are computed over the
 * attributes that {@link AttributeDefinition#tracksAffinity() track affinity}; the price
 * comes from the attribute with role price; event weights are the server's defaults with
 * the catalog's own {@code eventWeights} over them.
 *
 * <p>What is derived from a product is cached with the product it came from and the catalog
 * revision at which that was last confirmed: while the revision is unchanged the entry is
 * used as it is; after a change, it is used again only if the live catalog still holds that
 * very product object (products are immutable and replaced on every change). Thread-safe.
 */
public final class CatalogProductFacts implements ProductFacts {
    private static final int[] NONE = new int[0];

    private final CatalogService catalogs;
    private final Symbols names;
    private final Map<String, Double> defaultWeights;
    private final Map<String, CatalogFacts> byCatalog = new ConcurrentHashMap<>();

    /** What is read from one product, and the catalog revision it was last confirmed at. */
    private record Derived(Product product, long revision, int[] affinityKeys, double price) {
    }

    /** Per catalog (schemas never change): where its values are and what its events weigh. */
    private static final class CatalogFacts {
        final List<String> affinityAttributes = new ArrayList<>(4);
        final String price;
        final Map<String, Double> weights;
        final Map<String, Derived> derived = new ConcurrentHashMap<>();
        final LiveProducts products;

        CatalogFacts(Catalog catalog, LiveProducts products, Map<String, Double> defaultWeights) {
            this.products = products;
            for (AttributeDefinition attribute : catalog.schema().attributes()) {
                if (attribute.tracksAffinity()) {
                    affinityAttributes.add(attribute.name());
                }
            }
            price = catalog.schema().withRole(AttributeRole.PRICE).map(AttributeDefinition::name).orElse(null);
            weights = new HashMap<>(defaultWeights);
            weights.putAll(catalog.eventWeights());
        }
    }

    /**
     * @param names symbol table the affinity keys are interned in
     * @param defaultWeights event weights for types a catalog does not weigh itself
     */
    public CatalogProductFacts(CatalogService catalogs, Symbols names, Map<String, Double> defaultWeights) {
        this.catalogs = catalogs;
        this.names = names;
        this.defaultWeights = Map.copyOf(defaultWeights);
    }

    @Override
    public int[] affinityKeys(String catalog, String productId) {
        Derived derived = derived(catalog, productId);
        return derived == null ? NONE : derived.affinityKeys();
    }

    @Override
    public double price(String catalog, String productId) {
        Derived derived = derived(catalog, productId);
        return derived == null ? Double.NaN : derived.price();
    }

    @Override
    public double eventWeight(String catalog, String eventType) {
        CatalogFacts facts = facts(catalog);
        return facts == null ? defaultWeights.getOrDefault(eventType, 0.0) : facts.weights.getOrDefault(eventType, 0.0);
    }

    private CatalogFacts facts(String catalog) {
        CatalogFacts facts = byCatalog.get(catalog);
        if (facts == null && catalogs.exists(catalog)) {
            facts = byCatalog.computeIfAbsent(catalog, id -> new CatalogFacts(catalogs.catalog(id),
                    catalogs.liveProducts(id), defaultWeights));
        }
        return facts;
    }

    private Derived derived(String catalog, String productId) {
        CatalogFacts facts = facts(catalog);
        if (facts == null) {
            return null;
        }
        // While the catalog's revision is unchanged, a cached entry is current without a look-up.
        long revision = facts.products.revision();
        Derived cached = facts.derived.get(productId);
        if (cached != null && cached.revision() == revision) {
            return cached;
        }
        Product product = facts.products.get(productId);
        if (product == null) {
            if (cached != null) {
                facts.derived.remove(productId);
            }
            return null;
        }
        Derived derived = cached != null && cached.product() == product
                ? new Derived(product, revision, cached.affinityKeys(), cached.price())
                : derive(facts, product, revision);
        facts.derived.put(productId, derived);
        return derived;
    }

    private Derived derive(CatalogFacts facts, Product product, long revision) {
        List<String> keys = new ArrayList<>(4);
        for (String attribute : facts.affinityAttributes) {
            JsonNode value = product.attributes().get(attribute);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(v -> keys.add(ProductFacts.affinityKey(attribute, v.asText())));
            } else {
                keys.add(ProductFacts.affinityKey(attribute, value.asText()));
            }
        }
        int[] symbols = new int[keys.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = names.id(keys.get(i));
        }
        JsonNode price = facts.price == null ? null : product.attributes().get(facts.price);
        return new Derived(product, revision, symbols, price != null && price.isNumber() ? price.asDouble() : Double.NaN);
    }
}
