package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.attune.core.validation.Problem;

/**
 * The one registry of model kinds, by the short names the API uses. An unknown kind is
 * refused when a model is saved, never at request time.
 */
public final class ModelKinds {

    /**
     * One kind.
     *
     * @param name the API name
     * @param description what it does, for documentation and the studio
     * @param params reads and validates its params
     */
    public record Kind(String name, String description, Function<ParamsReader, ModelParams> params) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        register(new Kind("affinity", "weighted, time-decayed preferences over product attributes scored against"
                + " each product, with a popularity prior; works from a person's first event",
                ModelParams.Affinity::read));
        register(new Kind("co_occurrence", "products seen together in sessions and baskets (customers who"
                + " viewed or bought this also viewed or bought), for a product or a person's recent products",
                ModelParams.CoOccurrence::read));
        register(new Kind("collaborative", "people who did alike like alike: EASE, or implicit ALS for large"
                + " catalogs", ModelParams.Collaborative::read));
        register(new Kind("trending", "what is rising now against its own recent past, per catalog and"
                + " category", ModelParams.Trending::read));
        register(new Kind("sequence", "behavioral sequence: a self-attentive model over each person's recent"
                + " products in order, predicting the next; products with few interactions are grouped with"
                + " products sharing their attributes", ModelParams.Sequence::read));
    }

    private ModelKinds() {
    }

    private static void register(Kind kind) {
        KINDS.put(kind.name(), kind);
    }

    public static List<Kind> all() {
        return List.copyOf(KINDS.values());
    }

    public static Optional<Kind> find(String name) {
        return Optional.ofNullable(KINDS.get(name));
    }

    /** Why a kind name cannot be used, or empty when it can. */
    static Optional<String> refusal(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("kind is required: one of " + KINDS.keySet());
        }
        if (!KINDS.containsKey(name)) {
            return Optional.of("unknown kind '" + name + "'; known: " + KINDS.keySet());
        }
        return Optional.empty();
    }

    /** The kind's params with every default. */
    public static ModelParams defaults(Kind kind) {
        return readParams(kind, null, new java.util.ArrayList<>());
    }

    /** The kind's params read from {@code json}, problems added to {@code problems}. */
    static ModelParams readParams(Kind kind, JsonNode json, List<Problem> problems) {
        ParamsReader reader = new ParamsReader(json, problems);
        ModelParams params = kind.params().apply(reader);
        reader.refuseUnknown(kind.name());
        return params;
    }
}
