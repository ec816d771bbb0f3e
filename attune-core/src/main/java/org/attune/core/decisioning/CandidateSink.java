package org.attune.core.decisioning;

import org.attune.core.catalog.Product;

/**
 * Where a {@link CandidateSource} puts what it proposes for one request. A product proposed
 * twice keeps its best score. A request's own; not thread-safe.
 */
public interface CandidateSink {

    /** Proposes a product with its score, 0 to 1 (1 for the source's best). */
    void add(String productId, double score);

    /**
     * Proposes a product the source already read from the catalog in this request, so that the
     * later stages need not read it again.
     */
    void add(String productId, double score, Product product);

    /** Says why the source could not answer (e.g. its model is not serving); the answer lists it. */
    void warn(String message);

    /** Counts an expression ({@code part}, e.g. {@code filter}) that failed on a product the source left out. */
    void expressionFailed(String part);
}
