package org.attune.core.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attune.core.event.Event;

/**
 * Learns the data dictionary from events as they become durable. Counts are exact for
 * the events observed. Paths use {@code .} between object keys and {@code [*]} for array
 * elements, e.g. {@code properties.items[*].id}. Thread-safe.
 */
public final class DataDictionary {
    /** Paths beyond this many per event type are not tracked; each event carrying such paths adds their number to {@code untrackedPaths}. */
    public static final int MAX_PATHS_PER_TYPE = 1_000;
    static final int MAX_EXAMPLE_LENGTH = 120;

    /** JSON value kinds as reported in the dictionary. */
    public enum ValueType {
        STRING, NUMBER, BOOLEAN, OBJECT, ARRAY, NULL;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final class PathStats {
        long events;
        final EnumMap<ValueType, Long> types = new EnumMap<>(ValueType.class);
        String example;
    }

    private static final class TypeStats {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long untrackedPaths;
        final Map<String, PathStats> paths = new HashMap<>();
    }

    private final Map<String, TypeStats> types = new HashMap<>();
    private long events;
    private long lastSeq;

    public synchronized void observeAll(List<Event> batch) {
        for (Event event : batch) {
            observe(event);
        }
    }

    public synchronized void observe(Event event) {
        TypeStats stats = types.computeIfAbsent(event.type(), t -> new TypeStats());
        stats.count++;
        stats.first = Math.min(stats.first, event.timestamp());
        stats.last = Math.max(stats.last, event.timestamp());
        Set<String> seen = new HashSet<>();
        if (event.anonymousId() != null) {
            record(stats, seen, "anonymousId", ValueType.STRING, event.anonymousId());
        }
        if (event.userId() != null) {
            record(stats, seen, "userId", ValueType.STRING, event.userId());
        }
        if (event.catalog() != null) {
            record(stats, seen, "catalog", ValueType.STRING, event.catalog());
        }
        for (String item : event.itemIds()) {
            record(stats, seen, "itemIds[*]", ValueType.STRING, item);
        }
        walk(stats, seen, "properties", event.properties(), true);
        walk(stats, seen, "context", event.context(), true);
        events++;
        lastSeq = Math.max(lastSeq, event.seq());
    }

    private void walk(TypeStats stats, Set<String> seen, String path, JsonNode node, boolean root) {
        if (node.isObject()) {
            if (!root) {
                record(stats, seen, path, ValueType.OBJECT, null);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(stats, seen, path + "." + field.getKey(), field.getValue(), false);
            }
        } else if (node.isArray()) {
            record(stats, seen, path, ValueType.ARRAY, null);
            for (JsonNode element : node) {
                walk(stats, seen, path + "[*]", element, false);
            }
        } else {
            ValueType type = node.isTextual() ? ValueType.STRING : node.isNumber() ? ValueType.NUMBER
                    : node.isBoolean() ? ValueType.BOOLEAN : ValueType.NULL;
            record(stats, seen, path, type, node.isNull() ? null : node.asText());
        }
    }

    private static void record(TypeStats stats, Set<String> seen, String path, ValueType type, String example) {
        PathStats pathStats = stats.paths.get(path);
        if (pathStats == null) {
            if (stats.paths.size() >= MAX_PATHS_PER_TYPE) {
                if (seen.add(path)) {
                    stats.untrackedPaths++;
                }
                return;
            }
            pathStats = new PathStats();
            stats.paths.put(path, pathStats);
        }
        if (seen.add(path)) {
            pathStats.events++;
        }
        pathStats.types.merge(type, 1L, Long::sum);
        if (pathStats.example == null && example != null) {
            pathStats.example = example.length() > MAX_EXAMPLE_LENGTH
                    ? example.substring(0, MAX_EXAMPLE_LENGTH) + "…" : example;
        }
    }

    /** Total events observed. */
    public synchronized long events() {
        return events;
    }

    /** Highest sequence number observed. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** A consistent copy of the dictionary, types by descending count, paths by name. */
    public synchronized DictionarySnapshot snapshot() {
        List<DictionarySnapshot.EventType> list = new ArrayList<>();
        for (Map.Entry<String, TypeStats> entry : types.entrySet()) {
            TypeStats stats = entry.getValue();
            List<DictionarySnapshot.PropertyPath> paths = new ArrayList<>();
            for (Map.Entry<String, PathStats> p : stats.paths.entrySet()) {
                Map<String, Long> observed = new LinkedHashMap<>();
                p.getValue().types.forEach((t, n) -> observed.put(t.jsonName(), n));
                paths.add(new DictionarySnapshot.PropertyPath(p.getKey(), observed, p.getValue().events,
                        stats.count == 0 ? 0 : (double) p.getValue().events / stats.count, p.getValue().example));
            }
            paths.sort(Comparator.comparing(DictionarySnapshot.PropertyPath::path));
            list.add(new DictionarySnapshot.EventType(entry.getKey(), stats.count, Instant.ofEpochMilli(stats.first),
                    Instant.ofEpochMilli(stats.last), stats.untrackedPaths, paths));
        }
        list.sort(Comparator.comparingLong(DictionarySnapshot.EventType::count).reversed()
                .thenComparing(DictionarySnapshot.EventType::type));
        return new DictionarySnapshot(events, lastSeq, list);
    }
}
