package org.attune.core.synthetic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shop's search as shoppers use it: the query a shopper types ({@link #compose}: a
 * category, often with a colour or a brand they like, as in "black nordvik sneakers", or a
 * brand alone) and what the shop lists for it ({@link #results}: the products matching
 * every word that exist by then, most popular first; shoppers rarely look past the first
 * {@value #SHOWN_RESULTS}).
 *
 * <p>Reads only the catalog, which does not change once drawn, and the random stream it
 * is given: thread-safe. The draws a query takes are part of a session's random stream,
 * so their order is what keeps a seed's events the same.
 */
final class ShopSearch {
    /** Shoppers rarely look past the first pages of search results. */
    static final int SHOWN_RESULTS = 48;

    private final SyntheticCatalog catalog;

    /** A query's words: the colour, brand and category it names, and which of them it says. */
    record Query(String text, int leaf, int brand, String colour, boolean withColour, boolean withBrand,
                 boolean withCategory) {
        /** The search page's address, as a listing's clicks name it. */
        String page() {
            return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    /** How many products match, and the first of them as listed. */
    record Results(int count, ProductIndexList shown) {
    }

    ShopSearch(SyntheticCatalog catalog) {
        this.catalog = catalog;
    }

    /** The words a shopper types when looking for something in leaf category {@code leafIndex}. */
    Query compose(ShopperPersona shopper, int leafIndex, SplittableRandom random) {
        CategoryLeaf leaf = catalog.tree().leaves().get(leafIndex);
        int brand = -1;
        for (int preferred : shopper.brands()) {
            if (catalog.leafBrandListing(leafIndex, preferred).length > 0 && Draws.chance(random, 0.7)) {
                brand = preferred;
                break;
            }
        }
        if (brand < 0) {
            brand = catalog.product(catalog.drawFromLeaf(leafIndex, random)).brand();
        }
        String colour = null;
        if (leaf.palette() != Palette.NONE) {
            List<String> liked = shopper.colours().stream().filter(leaf.palette().colours()::contains).toList();
            colour = !liked.isEmpty() && Draws.chance(random, 0.75) ? liked.get(random.nextInt(liked.size()))
                    : leaf.palette().colours().get(leaf.palette().commonness().draw(random));
        }
        double form = random.nextDouble();
        boolean withColour = colour != null && (form < 0.25 || form >= 0.92);
        boolean withBrand = form >= 0.45;
        boolean withCategory = form < 0.82 || form >= 0.92;
        List<String> words = new ArrayList<>(3);
        if (withColour) {
            words.add(colour.toLowerCase(Locale.ROOT));
        }
        if (withBrand) {
            words.add(catalog.brands().get(brand).searchTerm());
        }
        if (withCategory) {
            words.add(leaf.searchTerm());
        }
        return new Query(String.join(" ", words), leafIndex, brand, colour, withColour, withBrand, withCategory);
    }

    /** What the shop lists for {@code query} at time {@code now}; products added later are not found. */
    Results results(Query query, long now) {
        ProductIndexList shown = new ProductIndexList();
        int results;
        if (query.withCategory()) {
            results = 0;
            for (int product : catalog.leafListingByPopularity(query.leaf())) {
                SyntheticProduct candidate = catalog.product(product);
                if ((!query.withColour() || query.colour().equals(candidate.colour()))
                        && (!query.withBrand() || candidate.brand() == query.brand())
                        && candidate.createdMillis() <= now) {
                    results++;
                    if (shown.size() < SHOWN_RESULTS) {
                        shown.add(product);
                    }
                }
            }
        } else {
            // A brand name alone finds the whole brand; counted without a scan because big brands are big.
            results = catalog.brandProductsExisting(query.brand(), now);
            for (int product : catalog.brandListingByPopularity(query.brand())) {
                if (shown.size() == SHOWN_RESULTS) {
                    break;
                }
                if (catalog.product(product).createdMillis() <= now) {
                    shown.add(product);
                }
            }
        }
        return new Results(results, shown);
    }
}
