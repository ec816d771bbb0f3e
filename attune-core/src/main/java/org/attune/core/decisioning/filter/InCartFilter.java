package org.attune.core.decisioning.filter;

import java.util.Collection;

/** Leaves out what is in the person's cart (strategy exclusion {@code inCart}). */
public final class InCartFilter extends ProductSetFilter {

    /** @param cart the products in the person's cart */
    public InCartFilter(Collection<String> cart) {
        super(cart);
    }
}
