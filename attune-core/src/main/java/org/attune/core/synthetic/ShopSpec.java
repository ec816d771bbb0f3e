package org.attune.core.synthetic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.attune.core.catalog.CatalogDefinitionReader;

/**
 * What synthetic shop to generate. The same spec always gives the same shop, product
 * for product and event for event.
 *
 * @param catalogId the catalog id the products and events use (lower-case letters, digits, '-', '_')
 * @param products how many products the catalog holds, {@value #MIN_PRODUCTS} to {@value #MAX_PRODUCTS}
 * @param shoppers how many distinct people visit during the period, 1 to {@value #MAX_SHOPPERS}
 * @param days the length of the period that ends at {@code end}, 1 to {@value #MAX_DAYS}
 * @param end the end of the period ("now" for the shop); no event lies after it
 * @param seed the seed of every random choice
 */
public record ShopSpec(String catalogId, int products, int shoppers, int days, Instant end, long seed) {
    public static final String DEFAULT_CATALOG_ID = "demo";
    public static final int DEFAULT_PRODUCTS = 20_000;
    public static final int DEFAULT_SHOPPERS = 50_000;
    public static final int DEFAULT_DAYS = 56;
    public static final long DEFAULT_SEED = 42L;

    /** Fewer products than this leave most categories empty and the behaviour without signal. */
    public static final int MIN_PRODUCTS = 20;
    public static final int MAX_PRODUCTS = 2_000_000;
    public static final int MAX_SHOPPERS = 1_000_000;
    public static final int MAX_DAYS = 3_650;

    public ShopSpec {
        if (catalogId == null || !CatalogDefinitionReader.CATALOG_ID.matcher(catalogId).matches()) {
            throw new IllegalArgumentException("catalogId must be 1 to 64 characters of a-z, 0-9, '-' and '_',"
                    + " starting with a letter or digit; got " + (catalogId == null ? "null" : "'" + catalogId + "'"));
        }
        if (products < MIN_PRODUCTS || products > MAX_PRODUCTS) {
            throw new IllegalArgumentException("products must be between " + MIN_PRODUCTS + " and " + MAX_PRODUCTS
                    + ", got " + products);
        }
        if (shoppers < 1 || shoppers > MAX_SHOPPERS) {
            throw new IllegalArgumentException("shoppers must be between 1 and " + MAX_SHOPPERS + ", got " + shoppers);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        Objects.requireNonNull(end, "end is required: the instant the generated period ends");
    }

    /**
     * The demo shop: {@value #DEFAULT_PRODUCTS} products, {@value #DEFAULT_SHOPPERS} shoppers,
     * {@value #DEFAULT_DAYS} days ending at the start of the current hour, seed {@value #DEFAULT_SEED}.
     * The end follows the clock so that the demo's "last week" trends are this week's; pin it with
     * {@link #withEnd(Instant)} for a reproducible shop.
     */
    public static ShopSpec demo() {
        return new ShopSpec(DEFAULT_CATALOG_ID, DEFAULT_PRODUCTS, DEFAULT_SHOPPERS, DEFAULT_DAYS,
                Instant.now().truncatedTo(ChronoUnit.HOURS), DEFAULT_SEED);
    }

    /** The start of the period: {@code end} minus {@code days}. */
    public Instant start() {
        return end.minus(days, ChronoUnit.DAYS);
    }

    public ShopSpec withCatalogId(String newCatalogId) {
        return new ShopSpec(newCatalogId, products, shoppers, days, end, seed);
    }

    public ShopSpec withProducts(int newProducts) {
        return new ShopSpec(catalogId, newProducts, shoppers, days, end, seed);
    }

    public ShopSpec withShoppers(int newShoppers) {
        return new ShopSpec(catalogId, products, newShoppers, days, end, seed);
    }

    public ShopSpec withDays(int newDays) {
        return new ShopSpec(catalogId, products, shoppers, newDays, end, seed);
    }

    public ShopSpec withEnd(Instant newEnd) {
        return new ShopSpec(catalogId, products, shoppers, days, newEnd, seed);
    }

    public ShopSpec withSeed(long newSeed) {
        return new ShopSpec(catalogId, products, shoppers, days, end, newSeed);
    }
}
