package org.attune.core.decisioning.filter;

import java.util.Map;
import org.attune.core.catalog.Product;

/**
 * A placement's frequency cap: leaves out what the person was shown in the placement
 * {@code times} or more within the cap's window.
 */
public final class FrequencyCapFilter implements CandidateFilter {
    private final Map<String, Integer> shown;
    private final int times;

    /** @param shown how often each product was shown to the person in the placement within the window */
    public FrequencyCapFilter(Map<String, Integer> shown, int times) {
        this.shown = shown;
        this.times = times;
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        return shown.getOrDefault(productId, 0) < times;
    }
}
