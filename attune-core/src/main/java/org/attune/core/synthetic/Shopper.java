package org.attune.core.synthetic;

import java.util.List;

/**
 * The hidden truth about one generated shopper, for checks that recommendations find
 * what the shopper really likes. Nothing of this reaches the events except through the
 * behaviour it drives.
 *
 * @param anonymousIds the ids of their one or two devices, the first being their main device
 * @param userId their account id, or null when they never log in during the period
 * @param favouriteDepartments the departments they shop in ("Women", "Home")
 * @param favouriteCategories the category paths they browse most, in no particular order
 * @param preferredBrands the brands they prefer, strongest first; empty only in a tiny catalog
 * @param preferredColours the colours they prefer
 * @param priceSensitivity 0 buys premium gladly, 1 hunts for the cheapest
 * @param sessions how many visits they make during the period
 */
public record Shopper(List<String> anonymousIds, String userId, List<String> favouriteDepartments,
                      List<String> favouriteCategories, List<String> preferredBrands,
                      List<String> preferredColours, double priceSensitivity, int sessions) {
}
