package org.attune.core.profile;

/**
 * One event as a profile takes it: interned ids and everything looked up about its
 * products, filled once per event by {@link LiveProfiles} and reused for the next, so that
 * applying an event allocates nothing in the common case. Not thread-safe.
 */
final class AppliedEvent {
    static final int NO_ITEM = -1;

    /** What the event means to a profile beyond counts and affinities. */
    enum Kind { VIEW, ADD_TO_CART, REMOVE_FROM_CART, PURCHASE, OTHER }

    long seq;
    long time;
    int type;
    /** Symbol of the catalog, or -1. */
    int catalog;
    /** Product symbols; only the first {@code itemCount} are valid. */
    int[] items = new int[4];
    int itemCount;
    /** For each item, its affinity keys (never null). */
    int[][] affinityKeys = new int[4][];
    Kind kind;
    double weight;
    /** Revenue of a purchase, 0 otherwise. */
    double revenue;

    void items(int count) {
        if (items.length < count) {
            items = new int[count];
            affinityKeys = new int[count][];
        }
        itemCount = count;
    }
}
