package org.attune.core.decisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.Product;

/** A candidate sink that keeps what a source proposed, in order, for tests. */
public final class RecordingSink implements CandidateSink {
    /** Each product with its score, in the order proposed. */
    public final Map<String, Double> scores = new LinkedHashMap<>();
    public final Map<String, Product> products = new LinkedHashMap<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> failedParts = new ArrayList<>();

    @Override
    public void add(String productId, double score) {
        scores.put(productId, score);
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
        failedParts.add(part);
    }

    /** The products proposed, in order. */
    public List<String> ids() {
        return List.copyOf(scores.keySet());
    }
}
