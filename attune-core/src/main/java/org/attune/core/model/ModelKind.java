package org.attune.core.model;

import java.util.List;

/**
 * One kind of model, everything about it in one place: its names, its params (one record,
 * {@code P}, with defaults declared once), how it trains, how its trained scorers are kept in
 * artifact files, and what it needs at request time. Each kind lives in a package of its own
 * ({@code model.affinity}, {@code model.collaborative}, ...) and is listed by one line of the
 * registry ({@code model.kinds.BuiltInKinds}); nothing else names it. Generic code reaches a
 * kind through {@link ModelKinds} by its name and never tests for a kind's classes.
 * Implementations are immutable and thread-safe.
 *
 * @param <P> its params record
 */
public interface ModelKind<P extends ModelParams> {

    /** The short name the API and the CLI use, e.g. {@code co_occurrence}; unique among kinds. */
    String name();

    /** What the studio calls it, e.g. {@code Co-occurrence}. */
    String label();

    /** What it does, in one sentence, for the API's list of kinds and the studio. */
    String description();

    /** The class of its params record. */
    Class<P> paramsType();

    /** Its params with every default (the record's {@code DEFAULTS}). */
    P defaults();

    /**
     * Reads its params from a definition's {@code params} object, field by field with
     * {@code in} (each field's spec and default), so that every bad field is reported at once.
     * The reader reports fields it was not asked for; a field left out takes its default.
     */
    P readParams(ParamsReader in);

    /**
     * Trains a model. The product ids of the result are the data's products in index order,
     * possibly followed by catalog products nobody touched (kinds that can recommend those).
     *
     * @throws IllegalStateException when this build cannot train the kind, or the data cannot be learned
     */
    TrainedModel train(P params, TrainingInput input);

    /**
     * How the scorers it trains are kept in artifact files: one format per scorer class. Tags
     * stay as they are once released (stored artifacts name them).
     */
    List<ScorerFormat<?>> scorerFormats();

    /**
     * At request time, the half-life in days with which a person's recent events are decayed
     * before scoring; infinite (the default) counts each event fully, whatever its age.
     */
    default double recencyHalfLifeDays(P params) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * At request time, why {@code product} was recommended to a person with these products:
     * for kinds that score attribute values, the values of the product they share
     * ({@code attribute:value}, strongest first); empty by default.
     *
     * @param scorer a scorer this kind trained
     */
    default List<String> matchedValues(ItemScorer scorer, int product, int[] items, int count) {
        return List.of();
    }

    /**
     * After training, how many of the version's products have a profile of their own, are
     * grouped with others or are unknown, for kinds that give products such states (read by
     * the viability assessment); null by default.
     */
    default ModelVersion.ProductProfiles productProfiles(P params, TrainedModel trained) {
        return null;
    }

    /**
     * For kinds that give products profile states, how {@code scorer} (one this kind trained)
     * knows {@code product} (an index of the scorer); null by default: the kind gives none,
     * every product it has is scored and own profiles are not told apart.
     */
    default ProductState productState(ItemScorer scorer, int product) {
        return null;
    }

    /** {@code params} as this kind's. @throws IllegalArgumentException when they are another kind's */
    default P cast(ModelParams params) {
        if (!paramsType().isInstance(params)) {
            throw new IllegalArgumentException("kind '" + name() + "' cannot use params of type "
                    + (params == null ? "null" : params.getClass().getSimpleName()));
        }
        return paramsType().cast(params);
    }

    /** How a version knows one product: from its own interactions, grouped with similar products, or not at all. */
    enum ProductState {
        /** Learned from the product's own interactions. */
        OWN,
        /** Scored like the products sharing its attribute values. */
        GROUPED,
        /** Not represented: never recommended. */
        UNKNOWN
    }
}
