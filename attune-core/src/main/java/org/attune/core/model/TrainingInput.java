package org.attune.core.model;

import java.util.function.DoubleConsumer;

/**
 * What one training of a kind reads, besides the kind's params.
 *
 * @param data the interactions to learn from
 * @param catalog the catalog's products and attribute values (read by kinds that score by attributes
 *     or recommend products nobody touched yet)
 * @param earlier a model of the same definition trained on an earlier part of {@code data} (same
 *     product numbering), or null; a kind may start from it (the sequence kind starts from its
 *     weights, so that the final fit after the holdout evaluation costs a few epochs instead of a
 *     whole training) or ignore it
 * @param progress told the share done by kinds that take long (0 to 1); may throw to stop the training
 */
public record TrainingInput(Interactions data, CatalogView catalog, TrainedModel earlier, DoubleConsumer progress) {

    /** From scratch, without reporting progress. */
    public TrainingInput(Interactions data, CatalogView catalog) {
        this(data, catalog, null, done -> { });
    }

    /** The product id of each product index of {@link #data}, in index order. */
    public String[] productIds() {
        String[] ids = new String[data.itemCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = data.itemId(i);
        }
        return ids;
    }
}
