package org.attune.core.synthetic;

import java.util.List;

/**
 * The hidden truth about one shopper: the tastes their behaviour is drawn from, how
 * active they are, and when they visit. Immutable; arrays are never modified after
 * construction.
 *
 * @param index position in the population
 * @param departments favourite departments (1 to 3)
 * @param leaves favourite category leaves, within those departments
 * @param leafTaste how much each favourite leaf draws them, by position in {@code leaves}
 * @param brands preferred brands, strongest first (0 to 4; none only when the catalog has no brand where they shop)
 * @param colours preferred colour names (2 or 3)
 * @param priceSensitivityLevel 0 buys premium gladly, {@link SyntheticCatalog#PRICE_SENSITIVITY_LEVELS} hunts
 *     for the cheapest
 * @param fitQuantile where they sit in the size range, 0 smallest to 1 largest
 * @param exitRate chance of leaving after each page; the inverse of engagement
 * @param buyingPropensity multiplies the chance to add to cart and to complete a purchase
 * @param searchRate multiplies how often they use the search box
 * @param filterRate chance that a category listing is filtered to a preferred brand
 * @param devices one or two devices
 * @param userId their account id, or null when they never log in
 * @param loginSession the session in which they log in for the first time, -1 when never
 * @param sessionStarts start of each session, ascending, at least two hours apart
 */
record ShopperPersona(int index, int[] departments, int[] leaves, CumulativeWeights leafTaste, int[] brands,
                      List<String> colours, int priceSensitivityLevel, double fitQuantile, double exitRate,
                      double buyingPropensity, double searchRate, double filterRate, List<ShopperDevice> devices,
                      String userId, int loginSession, long[] sessionStarts) {

    /** Price sensitivity from 0 (buys premium gladly) to 1 (hunts for the cheapest). */
    double priceSensitivity() {
        return priceSensitivityLevel / (double) SyntheticCatalog.PRICE_SENSITIVITY_LEVELS;
    }

    /** Position of a brand in their preferences, -1 when they have no liking for it. */
    int brandRank(int brand) {
        for (int i = 0; i < brands.length; i++) {
            if (brands[i] == brand) {
                return i;
            }
        }
        return -1;
    }

    boolean likesColour(String colour) {
        return colour != null && colours.contains(colour);
    }

    boolean likesLeaf(int leaf) {
        for (int favourite : leaves) {
            if (favourite == leaf) {
                return true;
            }
        }
        return false;
    }

    boolean likesDepartment(int department) {
        for (int favourite : departments) {
            if (favourite == department) {
                return true;
            }
        }
        return false;
    }
}
