package org.attune.core.decisioning.filter;

import java.util.Map;
import org.attune.core.catalog.Product;

/**
 * Leaves out what the person was shown, in any placement, more than {@code times} within the
 * window the counts cover (strategy exclusion {@code shownMoreThan}).
 */
public final class ShownMoreThanFilter implements CandidateFilter {
    private final Map<String, Integer> shown;
    private final int times;

    /** @param shown how often each product was shown to the person within the window */
    public ShownMoreThanFilter(Map<String, Integer> shown, int times) {
        this.shown = shown;
        this.times = times;
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        return shown.getOrDefault(productId, 0) <= times;
    }
}
