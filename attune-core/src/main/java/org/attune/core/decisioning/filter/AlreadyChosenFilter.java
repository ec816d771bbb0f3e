package org.attune.core.decisioning.filter;

import java.util.Set;
import org.attune.core.catalog.Product;

/**
 * Leaves out what the request already placed: in an earlier placement, or earlier in this
 * placement (by the strategy ahead in its fallback chain). Reads the sets as they are when
 * asked, so a product chosen after the filter was built is left out too.
 */
public final class AlreadyChosenFilter implements CandidateFilter {
    private final Set<String> earlierPlacements;
    private final Set<String> thisPlacement;

    public AlreadyChosenFilter(Set<String> earlierPlacements, Set<String> thisPlacement) {
        this.earlierPlacements = earlierPlacements;
        this.thisPlacement = thisPlacement;
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        return !earlierPlacements.contains(productId) && !thisPlacement.contains(productId);
    }
}
