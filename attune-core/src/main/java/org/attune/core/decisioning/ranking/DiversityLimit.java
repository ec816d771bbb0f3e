package org.attune.core.decisioning.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.Definitions;

/**
 * A strategy's diversity: takes ranked candidates in order, at most {@code maxPerValue} with
 * the same value of an attribute (a product without one counts under the empty value), until
 * enough are taken. Immutable and thread-safe.
 */
public final class DiversityLimit {
    private static final DiversityLimit NONE = new DiversityLimit(null, Integer.MAX_VALUE);

    private final String attribute;
    private final int maxPerValue;

    private DiversityLimit(String attribute, int maxPerValue) {
        this.attribute = attribute;
        this.maxPerValue = maxPerValue;
    }

    /** The strategy's limit; with no diversity, the first candidates are taken whatever their values. */
    public static DiversityLimit of(Definitions.Diversity diversity) {
        return diversity == null ? NONE : new DiversityLimit(diversity.attribute(), diversity.maxPerValue());
    }

    /** Up to {@code want} of the ranked candidates, in their order, within the limit. */
    public List<RankedCandidate> first(List<RankedCandidate> ranked, int want) {
        List<RankedCandidate> kept = new ArrayList<>(Math.min(want, ranked.size()));
        Map<String, Integer> perValue = new HashMap<>();
        for (RankedCandidate candidate : ranked) {
            if (kept.size() >= want) {
                break;
            }
            if (attribute != null) {
                JsonNode value = candidate.product().attributes().get(attribute);
                String key = value == null || value.isNull() ? "" : value.isValueNode() ? value.asText()
                        : value.toString();
                if (perValue.merge(key, 1, Integer::sum) > maxPerValue) {
                    continue;
                }
            }
            kept.add(candidate);
        }
        return kept;
    }
}
