package org.attune.core.decisioning.filter;

import java.util.Collection;

/** Leaves out what the person ever purchased (strategy exclusion {@code purchased}): their whole history. */
public final class PurchasedFilter extends ProductSetFilter {

    /** @param purchased the products the person bought */
    public PurchasedFilter(Collection<String> purchased) {
        super(purchased);
    }
}
