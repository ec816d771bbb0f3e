package org.attune.core.model.cooccurrence;

import java.util.List;
import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * The params of the {@code co_occurrence} kind.
 *
 * @param sessionGapMinutes a pause this long ends a session (1 to 10,080; default 30)
 * @param measure how pairs are scored: {@code llr} (log-likelihood ratio, default) or
 *     {@code cosine} (co-counts normalised by both products' counts)
 * @param maxNeighbors related products kept per product (1 to 1,000; default 100)
 * @param minSupport pairs seen together fewer times are ignored (1 to 1,000,000; default 2)
 */
public record CoOccurrenceParams(int sessionGapMinutes, String measure, int maxNeighbors, int minSupport)
        implements ModelParams {
    public static final List<String> MEASURES = List.of("llr", "cosine");
    private static final ParamSpec.Whole SESSION_GAP_MINUTES = new ParamSpec.Whole("sessionGapMinutes", 1, 10_080);
    private static final ParamSpec.Choice MEASURE = new ParamSpec.Choice("measure", MEASURES);
    private static final ParamSpec.Whole MAX_NEIGHBORS = new ParamSpec.Whole("maxNeighbors", 1, 1_000);
    private static final ParamSpec.Whole MIN_SUPPORT = new ParamSpec.Whole("minSupport", 1, 1_000_000);

    public static final CoOccurrenceParams DEFAULTS = new CoOccurrenceParams(30, "llr", 100, 2);

    /** @throws IllegalArgumentException naming a field out of its range */
    public CoOccurrenceParams {
        SESSION_GAP_MINUTES.check(sessionGapMinutes);
        MEASURE.check(measure);
        MAX_NEIGHBORS.check(maxNeighbors);
        MIN_SUPPORT.check(minSupport);
    }

    static CoOccurrenceParams read(ParamsReader in) {
        return new CoOccurrenceParams(in.integer(SESSION_GAP_MINUTES, DEFAULTS.sessionGapMinutes),
                in.choice(MEASURE, DEFAULTS.measure),
                in.integer(MAX_NEIGHBORS, DEFAULTS.maxNeighbors),
                in.integer(MIN_SUPPORT, DEFAULTS.minSupport));
    }

    /** The same params with another measure. */
    public CoOccurrenceParams withMeasure(String newMeasure) {
        return new CoOccurrenceParams(sessionGapMinutes, newMeasure, maxNeighbors, minSupport);
    }
}
