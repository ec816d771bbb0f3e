package org.attune.core.decisioning;

import java.util.List;

/**
 * Where a strategy's candidates come from: one implementation per source type
 * ({@link Definitions.SourceType}), found by its {@link #name()} in {@link CandidateSources}.
 * Implementations hold no state of a request and are thread-safe.
 */
public interface CandidateSource {

    /** The source type's name in definitions ({@link Definitions.SourceType#jsonName()}), e.g. {@code trending}. */
    String name();

    /**
     * Proposes candidates for the request, each with a score from 0 to 1 (1 for the source's
     * best); the same product is proposed once. A source that cannot answer (a model that is
     * not serving) warns through the sink and proposes nothing; one with nothing to go on (no
     * person, no context product) proposes nothing.
     *
     * @param source the strategy's source: its model or collection
     * @param limit how many products the source should propose at most (1 or more); a source whose
     *     products are few and already in hand (the person's recently viewed) may propose all
     * @return whether the source stopped at {@code limit}, so that a larger limit may give more
     */
    boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink);

    /**
     * The person's or page's products that led the source to propose {@code productId}, for
     * explanations: none unless the source relates products to others.
     */
    default List<String> leadingProducts(Definitions.Source source, CandidateRequest request, String productId) {
        return List.of();
    }
}
