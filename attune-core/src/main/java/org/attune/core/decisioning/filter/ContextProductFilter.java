package org.attune.core.decisioning.filter;

import org.attune.core.catalog.Product;

/** Leaves out the page's own product (strategy exclusion {@code contextProduct}). */
public final class ContextProductFilter implements CandidateFilter {
    private final String contextProduct;

    /** @param contextProduct the request's context product */
    public ContextProductFilter(String contextProduct) {
        this.contextProduct = contextProduct;
    }

    @Override
    public boolean keeps(String productId, Product product, double score) {
        return !productId.equals(contextProduct);
    }
}
