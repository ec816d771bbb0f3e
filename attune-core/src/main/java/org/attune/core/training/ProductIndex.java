package org.attune.core.training;

/**
 * A model version's product ids and their indexes, for the look-ups a request makes for
 * every product it is given (1,000 for a re-rank) and every product of a person's history.
 * Each slot of one {@code long} array holds an id's hash beside its index, so a probe costs
 * one memory read, and the id itself is compared only when the hashes agree; a map of boxed
 * indexes reads a node, the key and the boxed value for each. Open addressing with linear
 * probing, at most half full. Immutable, so thread-safe.
 */
public final class ProductIndex {
    private final String[] ids;
    private final long[] slots;
    private final int mask;
    private final int shift;

    /**
     * @param ids the products, each once; a product's index is its place here
     * @throws IllegalArgumentException when an id is given twice
     */
    public ProductIndex(String[] ids) {
        this.ids = ids;
        int capacity = Integer.highestOneBit(Math.max(2, ids.length) * 2 - 1) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        for (int i = 0; i < ids.length; i++) {
            int hash = ids[i].hashCode();
            int at = start(hash);
            // one probe both finds the free slot and meets an earlier listing of the same id
            while (slots[at] != 0) {
                if ((int) (slots[at] >>> 32) == hash && ids[(int) slots[at] - 1].equals(ids[i])) {
                    throw new IllegalArgumentException("product '" + ids[i] + "' is listed twice");
                }
                at = (at + 1) & mask;
            }
            slots[at] = ((long) hash << 32) | (i + 1L);
        }
    }

    /** The product's index, or -1 when it is not listed. */
    public int indexOf(String id) {
        int hash = id.hashCode();
        int at = start(hash);
        while (true) {
            long slot = slots[at];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash) {
                int index = (int) slot - 1;
                if (ids[index].equals(id)) {
                    return index;
                }
            }
            at = (at + 1) & mask;
        }
    }

    /** The number of products. */
    public int size() {
        return ids.length;
    }

    /**
     * The first slot to probe: the top bits of the hash scattered by a multiplication, since
     * ids that differ only in their last characters have near hashes.
     */
    private int start(int hash) {
        return ((hash ^ (hash >>> 16)) * 0x9E3779B9) >>> shift;
    }
}
