package org.attune.core.decisioning.filter;

import org.attune.core.catalog.Product;

/** Leaves out products the catalog does not hold or marks unavailable (out of stock); always applied. */
public final class UnavailableFilter implements CandidateFilter {
    /** The one instance: it holds nothing. */
    public static final UnavailableFilter INSTANCE = new UnavailableFilter();

    private UnavailableFilter() {
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        return product != null && product.available();
    }
}
