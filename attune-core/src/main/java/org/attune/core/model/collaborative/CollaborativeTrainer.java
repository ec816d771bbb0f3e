package org.attune.core.model.collaborative;

import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;

/**
 * Trains the {@code collaborative} kind from its params: EASE ({@link EaseTrainer}), implicit
 * ALS ({@link AlsTrainer}) or both blended ({@link BlendModel}). Method {@code auto} takes the
 * blend while the catalog has at most {@code maxEaseItems} products (the most accurate of the
 * three on the benchmarks in docs/benchmarks.md, but EASE's memory grows with the square of the
 * catalog and its time with the cube) and ALS alone beyond. Thread-safe (stateless).
 */
public final class CollaborativeTrainer {
    private final CollaborativeParams params;
    private final int threads;

    /** A trainer on all cores. */
    public CollaborativeTrainer(CollaborativeParams params) {
        this(params, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads ALS solves on (EASE uses the common pool) */
    public CollaborativeTrainer(CollaborativeParams params, int threads) {
        this.params = params;
        this.threads = threads;
    }

    /**
     * The method this trainer uses on {@code data}: {@code blend}, {@code ease} or {@code als}.
     * {@code auto} takes the blend only when EASE also fits in memory: its training holds about
     * 12 n² bytes for n products, which must stay under 60% of the heap's limit; ALS otherwise.
     */
    public String methodFor(Interactions data) {
        return switch (params.method()) {
            case "blend", "ease", "als" -> params.method();
            default -> data.itemCount() <= params.maxEaseItems() && easeFits(data.itemCount()) ? "blend" : "als";
        };
    }

    /** Whether EASE's training memory for {@code items} products stays under 60% of the heap's limit. */
    static boolean easeFits(int items) {
        return 12.0 * items * items < 0.6 * Runtime.getRuntime().maxMemory();
    }

    /** What {@link #train} trains on {@code data}, in words, for a model version. */
    public String describe(Interactions data) {
        String ease = "ease lambda=" + params.easeLambda() + " activity=" + params.easeActivityExponent()
                + " dropout=" + params.easeDropout();
        String als = "als factors=" + params.factors() + " reg=" + params.regularization() + " exponent="
                + params.regularizationExponent() + " alpha=" + params.alpha() + " iterations=" + params.iterations();
        return switch (methodFor(data)) {
            case "ease" -> ease;
            case "als" -> als;
            default -> "blend (als share " + params.alsShare() + ") of " + ease + " and " + als;
        };
    }

    public ItemScorer train(Interactions data) {
        return switch (methodFor(data)) {
            case "ease" -> ease(data);
            case "als" -> als(data);
            default -> new BlendModel(ease(data), als(data), params.alsShare());
        };
    }

    private EaseModel ease(Interactions data) {
        return new EaseTrainer(params.easeParams()).train(data);
    }

    private AlsModel als(Interactions data) {
        return new AlsTrainer(params.alsParams(), threads).train(data);
    }
}
