package org.attune.core.decisioning.filter;

import java.util.Collection;

/** Leaves out what the person viewed lately (strategy exclusion {@code viewedWithinDays}). */
public final class ViewedWithinFilter extends ProductSetFilter {

    /** @param viewed the products the person viewed within the exclusion's days */
    public ViewedWithinFilter(Collection<String> viewed) {
        super(viewed);
    }
}
