package org.attune.core.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What each page of the shop lists for a shopper to choose from: a category listing
 * (drawn by popularity, sometimes filtered to a preferred brand), a brand page, the home
 * page, a category reached from an outside link, and the "you may also like" carousel of
 * a product page (same category and similar price, same brand, or a sibling category).
 * Listings are draws, so a product may be listed twice; over the last week the trending
 * products push into listings ever harder ({@link #trendStrength}).
 *
 * <p>Reads only the catalog, which does not change once drawn, and the random stream it
 * is given: thread-safe. The draws a page takes are part of a session's random stream,
 * so their order is what keeps a seed's events the same.
 */
final class ShopPages {
    /** How many products a listing, brand page or home page shows. */
    static final int LISTING_CANDIDATES = 8;
    private static final long TREND_MILLIS = 7 * SyntheticCatalog.DAY_MILLIS;
    private static final int PRICE_NEIGHBOURHOOD = 6;

    private final SyntheticCatalog catalog;
    private final long end;

    ShopPages(SyntheticCatalog catalog, long end) {
        this.catalog = catalog;
        this.end = end;
    }

    /** 0 before the last week, rising to 1 at the end: how hard the trending products pull. */
    double trendStrength(long now) {
        return Draws.clamp((now - (end - TREND_MILLIS)) / (double) TREND_MILLIS, 0, 1);
    }

    /** The category a shopper heads for: mostly one of their favourites. */
    int favouriteOrAnyLeaf(ShopperPersona shopper, SplittableRandom random) {
        if (shopper.leaves().length > 0 && !Draws.chance(random, 0.12)) {
            return shopper.leaves()[shopper.leafTaste().draw(random)];
        }
        return catalog.drawLeaf(random);
    }

    /** A category listing the shopper opens, at times filtered to their strongest preferred brand that sells there. */
    ProductIndexList category(ShopperPersona shopper, SplittableRandom random, long now) {
        int leaf = favouriteOrAnyLeaf(shopper, random);
        int[] listing = null;
        if (Draws.chance(random, shopper.filterRate())) {
            // A brand filter on the listing: the strongest preferred brand that sells here.
            for (int brand : shopper.brands()) {
                int[] branded = catalog.leafBrandListing(leaf, brand);
                if (branded.length > 0) {
                    listing = branded;
                    break;
                }
            }
        }
        ProductIndexList candidates = new ProductIndexList();
        if (listing != null) {
            drawByPopularity(listing, LISTING_CANDIDATES, candidates, random);
        } else {
            for (int c = 0; c < LISTING_CANDIDATES; c++) {
                candidates.add(catalog.drawFromLeaf(leaf, random));
            }
            int[] trending = catalog.trendingInLeaf(leaf);
            if (trending.length > 0 && Draws.chance(random, trendStrength(now))) {
                candidates.add(trending[random.nextInt(trending.length)]);
            }
        }
        return candidates;
    }

    /** A brand page: mostly of a preferred brand, the first ones likelier. */
    ProductIndexList brand(ShopperPersona shopper, SplittableRandom random) {
        int brand;
        if (shopper.brands().length > 0 && !Draws.chance(random, 0.15)) {
            brand = shopper.brands()[Math.min(random.nextInt(shopper.brands().length),
                    random.nextInt(shopper.brands().length))];
        } else {
            brand = catalog.product(catalog.drawFromShop(random)).brand();
        }
        ProductIndexList candidates = new ProductIndexList();
        for (int c = 0; c < LISTING_CANDIDATES; c++) {
            candidates.add(catalog.drawFromBrand(brand, random));
        }
        return candidates;
    }

    /** The home page: products drawn by shop-wide popularity, and trending ones as the last week goes on. */
    ProductIndexList home(SplittableRandom random, long now) {
        ProductIndexList candidates = new ProductIndexList();
        for (int c = 0; c < LISTING_CANDIDATES; c++) {
            candidates.add(catalog.drawFromShop(random));
        }
        int[] trending = catalog.trending();
        double trend = trendStrength(now);
        for (int c = 0; c < 3; c++) {
            if (trending.length > 0 && Draws.chance(random, trend)) {
                candidates.add(trending[random.nextInt(trending.length)]);
            }
        }
        return candidates;
    }

    /** {@code count} products of one category, drawn by popularity. */
    ProductIndexList fromLeaf(int leaf, int count, SplittableRandom random) {
        ProductIndexList candidates = new ProductIndexList();
        for (int c = 0; c < count; c++) {
            candidates.add(catalog.drawFromLeaf(leaf, random));
        }
        return candidates;
    }

    /** The "you may also like" carousel of product {@code current}'s page; never {@code current} itself. */
    ProductIndexList related(int current, SplittableRandom random) {
        SyntheticProduct from = catalog.product(current);
        ProductIndexList candidates = new ProductIndexList();
        double draw = random.nextDouble();
        if (draw < 0.6) {
            int[] listing = catalog.leafListing(from.leaf());
            int position = catalog.positionInLeaf(current);
            for (int p = Math.max(0, position - PRICE_NEIGHBOURHOOD);
                 p <= Math.min(listing.length - 1, position + PRICE_NEIGHBOURHOOD); p++) {
                if (p != position) {
                    candidates.add(listing[p]);
                }
            }
        } else if (draw < 0.85) {
            int[] sameBrandHere = catalog.leafBrandListing(from.leaf(), from.brand());
            if (sameBrandHere.length > 1) {
                drawByPopularity(sameBrandHere, PRICE_NEIGHBOURHOOD, candidates, random);
            } else {
                for (int c = 0; c < PRICE_NEIGHBOURHOOD; c++) {
                    candidates.add(catalog.drawFromBrand(from.brand(), random));
                }
            }
        } else {
            List<Integer> siblings = catalog.tree().sections().get(catalog.leafOf(from).section()).leaves();
            int sibling = siblings.get(random.nextInt(siblings.size()));
            if (catalog.leafListing(sibling).length == 0) {
                sibling = from.leaf();
            }
            for (int c = 0; c < PRICE_NEIGHBOURHOOD; c++) {
                candidates.add(catalog.drawFromLeaf(sibling, random));
            }
        }
        candidates.removeEvery(current);
        return candidates;
    }

    /** The products of a listing weighted by popularity, the order shops list them in. */
    CumulativeWeights popularityOf(int[] listing) {
        double[] popularity = new double[listing.length];
        for (int p = 0; p < listing.length; p++) {
            popularity[p] = catalog.product(listing[p]).popularity();
        }
        return new CumulativeWeights(popularity);
    }

    private void drawByPopularity(int[] listing, int count, ProductIndexList into, SplittableRandom random) {
        CumulativeWeights weights = popularityOf(listing);
        for (int c = 0; c < count; c++) {
            into.add(listing[weights.draw(random)]);
        }
    }
}
