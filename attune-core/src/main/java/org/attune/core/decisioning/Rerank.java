package org.attune.core.decisioning;

import java.util.List;

/**
 * What a re-rank of a search or category page is asked and answers: the page's products in
 * the order the matching rule gives. Immutable records; {@code DecisionEngine} (in
 * {@code decisioning.engine}) answers them.
 */
public final class Rerank {
    /** Most products one re-rank request may give. */
    public static final int MAX_PRODUCTS = 1_000;

    private Rerank() {
    }

    /**
     * A re-rank request for a search or category page.
     *
     * @param query the search query, for search pages
     * @param category the category, for category pages
     * @param productIds the page's products in their given order (1 to {@link #MAX_PRODUCTS}, no repeats)
     * @param preview whether nothing is recorded (the answer is not logged)
     */
    public record Request(String catalog, Decision.Person person, Definitions.PageType pageType, String query,
                          String category, List<String> productIds, boolean preview) {
    }

    /**
     * The re-ranked list.
     *
     * @param rule the rule applied, or null when none matched (the order is then unchanged)
     * @param items every product given, in the new order
     * @param warnings why the rule could not apply (e.g. its model is not serving), in which case the order is unchanged
     */
    public record Answer(String recId, String rule, String model, double strength, List<RankedItem> items,
                         List<String> warnings) {
    }

    /**
     * @param position its place in the given list (0-based)
     * @param modelScore the model's score, or null when the model does not know the product or no rule applied
     */
    public record RankedItem(String id, int position, Double modelScore) {
    }
}
