package org.attune.core.decisioning.filter;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.attune.core.catalog.Product;

/** Leaves out the products of a set fixed when the filter is built. */
abstract class ProductSetFilter implements CandidateFilter {
    private final Set<String> excluded;

    ProductSetFilter(Collection<String> excluded) {
        this.excluded = new HashSet<>(excluded);
    }

    @Override
    public final boolean keeps(String productId, Product product, double score) {
        return !excluded.contains(productId);
    }
}
