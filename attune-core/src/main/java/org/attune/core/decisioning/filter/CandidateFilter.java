package org.attune.core.decisioning.filter;

import java.util.List;
import org.attune.core.catalog.Product;

/**
 * Whether a candidate stays: one exclusion or condition, composed with others by {@link #and}
 * and {@link #all}. Filters are asked in order and the first that refuses ends the asking, so
 * an expensive filter (an expression) goes last. A filter is built for one request and read
 * on its thread.
 */
@FunctionalInterface
public interface CandidateFilter {

    /**
     * @param product the product as the catalog holds it now (or as its source read it in this
     *     request), or null when the catalog does not hold it
     * @param score the candidate's score from its sources, 0 to 1
     */
    boolean keeps(String productId, Product product, double score);

    /** This filter, then {@code next} on what this one keeps. */
    default CandidateFilter and(CandidateFilter next) {
        return (id, product, score) -> keeps(id, product, score) && next.keeps(id, product, score);
    }

    /** The filters in order; keeps everything when there are none. */
    static CandidateFilter all(List<CandidateFilter> filters) {
        List<CandidateFilter> inOrder = List.copyOf(filters);
        return (id, product, score) -> {
            for (CandidateFilter filter : inOrder) {
                if (!filter.keeps(id, product, score)) {
                    return false;
                }
            }
            return true;
        };
    }
}
