package org.attune.core.decisioning.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSources;
import org.attune.core.decisioning.Definitions;

/**
 * A strategy's candidates from all its sources: each product with its best score (first
 * proposed first), each source's score by label, and the products the sources already read.
 * Not thread-safe: a turn's own.
 */
final class Candidates {
    private final Map<String, Double> best = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> bySource = new HashMap<>();
    /** The products a source already read from the catalog in this request, so ranking need not again. */
    private final Map<String, Product> products = new HashMap<>();
    private boolean truncated;

    /**
     * Asks each of the strategy's sources, in order, for up to {@code limit} products.
     *
     * @param warnings where sources that could not answer are listed
     */
    static Candidates collect(Definitions.Strategy strategy, CandidateSources sources, CandidateRequest request,
                              int limit, List<String> warnings, ExpressionErrorCounts errors) {
        Candidates candidates = new Candidates();
        for (Definitions.Source source : strategy.sources()) {
            CandidateSink sink = candidates.sink(source.label(), warnings, errors);
            candidates.truncated |= sources.source(source.type()).collect(source, request, limit, sink);
        }
        return candidates;
    }

    private CandidateSink sink(String label, List<String> warnings, ExpressionErrorCounts errors) {
        return new CandidateSink() {
            @Override
            public void add(String productId, double score) {
                best.merge(productId, score, Math::max);
                bySource.computeIfAbsent(productId, k -> new LinkedHashMap<>()).merge(label, score, Math::max);
            }

            @Override
            public void add(String productId, double score, Product product) {
                add(productId, score);
                products.put(productId, product);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void expressionFailed(String part) {
                errors.count(part);
            }
        };
    }

    /** Each product with its best score, in the order first proposed. */
    Map<String, Double> best() {
        return best;
    }

    /** The sources that proposed the product, by label, with their scores. */
    Map<String, Double> sources(String productId) {
        return bySource.get(productId);
    }

    /** The product as a source read it in this request, or null when none did. */
    Product product(String productId) {
        return products.get(productId);
    }

    /** Whether a source stopped at the limit, so that a larger limit may give more. */
    boolean truncated() {
        return truncated;
    }
}
