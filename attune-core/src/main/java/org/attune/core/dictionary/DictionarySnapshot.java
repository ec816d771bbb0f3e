package org.attune.core.dictionary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data dictionary at one moment.
 *
 * @param events total events observed
 * @param lastSeq highest event-log sequence number observed
 * @param types event types, most frequent first
 */
public record DictionarySnapshot(long events, long lastSeq, List<EventType> types) {

    /**
     * One event type.
     *
     * @param type the type name
     * @param count exact number of stored events of this type
     * @param firstSeen earliest event timestamp
     * @param lastSeen latest event timestamp
     * @param untrackedPaths occurrences (counted once per event) of paths beyond the per-type path limit
     * @param paths property paths seen in events of this type
     */
    public record EventType(String type, long count, Instant firstSeen, Instant lastSeen, long untrackedPaths,
                            List<PropertyPath> paths) {
    }

    /**
     * One path into events of a type.
     *
     * @param path e.g. {@code properties.price} or {@code properties.items[*].id}
     * @param types observed value types with how often each was seen
     * @param events events of the type in which the path occurs
     * @param fillRate events / count of the type, between 0 and 1
     * @param example one observed value (the first seen), shortened to 120 characters
     */
    public record PropertyPath(String path, Map<String, Long> types, long events, double fillRate, String example) {
    }
}
