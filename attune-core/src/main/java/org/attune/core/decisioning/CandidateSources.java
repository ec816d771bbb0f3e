package org.attune.core.decisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry of candidate sources: one {@link CandidateSource} per source type, by name.
 * Built once at start-up, where a missing, unknown or repeated name fails, so that a strategy
 * saved with any {@link Definitions.SourceType} always finds its source at request time.
 * Immutable and thread-safe.
 */
public final class CandidateSources {
    private final Map<String, CandidateSource> byName;

    /**
     * @throws IllegalArgumentException when two sources share a name, a name is no source type,
     *     or a source type has no source
     */
    public CandidateSources(List<CandidateSource> sources) {
        Map<String, CandidateSource> named = new TreeMap<>();
        Set<String> types = new TreeSet<>();
        Arrays.stream(Definitions.SourceType.values()).forEach(type -> types.add(type.jsonName()));
        for (CandidateSource source : sources) {
            if (!types.contains(source.name())) {
                throw new IllegalArgumentException("candidate source '" + source.name() + "' is no source type;"
                        + " the types are " + types);
            }
            if (named.put(source.name(), source) != null) {
                throw new IllegalArgumentException("two candidate sources are named '" + source.name() + "'");
            }
        }
        Set<String> missing = new TreeSet<>(types);
        missing.removeAll(named.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no candidate source for the source types " + missing);
        }
        this.byName = Map.copyOf(named);
    }

    /** The source of a type; never null (every type has one). */
    public CandidateSource source(Definitions.SourceType type) {
        return byName.get(type.jsonName());
    }

    /** The names of the sources, sorted. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
