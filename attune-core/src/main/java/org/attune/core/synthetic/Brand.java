package org.attune.core.synthetic;

import java.util.List;
import java.util.Locale;

/**
 * A made-up brand.
 *
 * @param index position in the brand list, which is also its popularity rank (0 most popular)
 * @param name its name, invented from syllables rather than borrowed from real brands
 * @param popularity power-law weight: how many products it makes and how much they sell
 * @param priceFactor its premium (above 1) or discount (below 1) on a category's typical price
 * @param sections indices of the catalog sections it makes products in, within one to three departments
 * @param pagePath the shop path of its brand page
 */
record Brand(int index, String name, double popularity, double priceFactor, List<Integer> sections,
             String pagePath) {

    /** The words a shopper types for it. */
    String searchTerm() {
        return name.toLowerCase(Locale.ROOT);
    }
}
