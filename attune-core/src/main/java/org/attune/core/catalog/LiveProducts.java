package org.attune.core.catalog;

/**
 * The live products of one catalog, for readers on hot paths that should not look the
 * catalog up for every product. Thread-safe.
 */
public interface LiveProducts {

    /** The product as it is now, or null when the catalog does not hold it. */
    Product get(String productId);

    /** A number that changes whenever any product of the catalog is added, changed or removed. */
    long revision();
}
