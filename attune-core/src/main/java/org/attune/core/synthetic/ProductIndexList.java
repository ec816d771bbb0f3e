package org.attune.core.synthetic;

import java.util.Arrays;

/**
 * A growable list of product indices without boxing: the simulation fills millions of
 * short candidate lists. Not thread-safe.
 */
final class ProductIndexList {
    private int[] items = new int[16];
    private int size;

    void add(int product) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = product;
    }

    int get(int position) {
        if (position >= size) {
            throw new IndexOutOfBoundsException(position + " of " + size);
        }
        return items[position];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** First position of a product, -1 when absent. */
    int indexOf(int product) {
        for (int i = 0; i < size; i++) {
            if (items[i] == product) {
                return i;
            }
        }
        return -1;
    }

    boolean contains(int product) {
        return indexOf(product) >= 0;
    }

    /** Removes every occurrence of a product, keeping the order of the rest. */
    void removeEvery(int product) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (items[i] != product) {
                items[kept++] = items[i];
            }
        }
        size = kept;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
