package org.attune.core.outcome;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.openhft.hashing.LongHashFunction;

/**
 * What a report groups an answer by. Each field is "" when it does not apply.
 *
 * @param kind {@code decision}, {@code rerank} or {@code recommendations}: the endpoint that answered
 * @param catalog the catalog
 * @param channel the request's {@code context.channel} (decisions), else ""
 * @param placement the placement (decisions) or the re-ranking rule (rerank)
 * @param strategy the placement's strategy, or the built-in strategy of a recommendations request
 * @param source {@code personalized} or {@code fallback} (decisions); for re-ranking {@code personalized}
 *     when a rule re-ranked and {@code unchanged} when none matched
 * @param model the models that served it with their versions, e.g. {@code shop-affinity@3}, several
 *     joined with {@code +}; "" when none
 */
public record AnswerDimensions(String kind, String catalog, String channel, String placement, String strategy,
                               String source, String model) {
    public static final String DECISION = "decision";
    public static final String RERANK = "rerank";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String PERSONALIZED = "personalized";
    public static final String FALLBACK = "fallback";
    public static final String UNCHANGED = "unchanged";

    /** The names a report may group by, in the order its columns show them. */
    public static final List<String> GROUPINGS = List.of("catalog", "channel", "kind", "placement", "strategy",
            "source", "model");

    private static final LongHashFunction HASH = LongHashFunction.xx3(0x6174_7475_6e65L);

    public AnswerDimensions {
        kind = orEmpty(kind);
        catalog = orEmpty(catalog);
        channel = orEmpty(channel);
        placement = orEmpty(placement);
        strategy = orEmpty(strategy);
        source = orEmpty(source);
        model = orEmpty(model);
    }

    /** The stable 64-bit key carried in recIds: the same fields give the same key in every installation. */
    public long key() {
        String joined = String.join("\u0000", kind, catalog, channel, placement, strategy, source, model);
        byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
        return HASH.hashBytes(bytes);
    }

    /** The value of one of {@link #GROUPINGS}. */
    public String value(String grouping) {
        return switch (grouping) {
            case "catalog" -> catalog;
            case "channel" -> channel;
            case "kind" -> kind;
            case "placement" -> placement;
            case "strategy" -> strategy;
            case "source" -> source;
            case "model" -> model;
            default -> throw new IllegalArgumentException("no grouping " + grouping);
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
