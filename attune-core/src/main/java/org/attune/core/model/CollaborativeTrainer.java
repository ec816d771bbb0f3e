package org.attune.core.model;

/**
 * Trains the {@code collaborative} kind from its params: EASE ({@link EaseTrainer}) or implicit
 * ALS ({@link AlsTrainer}). Method {@code auto} takes EASE while the catalog has at most
 * {@code maxEaseItems} products (its closed form is the more accurate of the two on the
 * benchmarks in docs/benchmarks.md, but its memory grows with the square of the catalog and its
 * time with the cube) and ALS beyond. Thread-safe (stateless).
 */
public final class CollaborativeTrainer {
    private final ModelParams.Collaborative params;
    private final int threads;

    /** A trainer on all cores. */
    public CollaborativeTrainer(ModelParams.Collaborative params) {
        this(params, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads ALS solves on (EASE uses the common pool) */
    public CollaborativeTrainer(ModelParams.Collaborative params, int threads) {
        this.params = params;
        this.threads = threads;
    }

    /** The method this trainer uses on {@code data}: {@code ease} or {@code als}. */
    public String methodFor(Interactions data) {
        return switch (params.method()) {
            case "ease", "als" -> params.method();
            default -> data.itemCount() <= params.maxEaseItems() ? "ease" : "als";
        };
    }

    public ItemScorer train(Interactions data) {
        if (methodFor(data).equals("ease")) {
            return new EaseTrainer(params.easeParams()).train(data);
        }
        return new AlsTrainer(AlsParams.of(params), threads).train(data);
    }
}
