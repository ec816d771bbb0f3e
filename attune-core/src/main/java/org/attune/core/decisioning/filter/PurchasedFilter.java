package org.attune.core.decisioning.filter;

import java.util.Collection;

/** Leaves out what the person recently purchased (strategy exclusion {@code purchased}). */
public final class PurchasedFilter extends ProductSetFilter {

    /** @param recentlyPurchased the person's recently purchased products */
    public PurchasedFilter(Collection<String> recentlyPurchased) {
        super(recentlyPurchased);
    }
}
