package org.attune.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Products of all catalogs and the history of their changes. */
public interface ProductStore {

    /**
     * Writes one batch atomically: upserted products replace earlier versions (a removed
     * product that is upserted again becomes live), removed ids are marked removed, and
     * the change records are appended. Either all of it is stored or none.
     */
    void write(String catalog, List<Product> upserts, List<String> removals, List<ProductChange> changes);

    /** The live product, empty when unknown or removed. */
    Optional<Product> find(String catalog, String id);

    /** Up to {@code limit} live products with an id greater than {@code afterId} (null: from the start), by id. */
    List<Product> page(String catalog, String afterId, int limit);

    /** Every live product of the catalog, in no particular order. */
    void scan(String catalog, Consumer<Product> sink);

    /** Counts of change records at or after {@code since}. */
    ChangeCounts changesSince(String catalog, Instant since);

    /**
     * Numbers of change records by kind.
     *
     * @param added products added (or re-added)
     * @param changed products changed
     * @param removed products removed
     */
    record ChangeCounts(long added, long changed, long removed) {
    }
}
