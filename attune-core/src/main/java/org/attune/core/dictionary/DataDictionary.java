package org.attune.core.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;
import org.attune.core.snapshot.SnapshotPart;

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

    /**
     * One path of one event type, in a tree that mirrors the JSON, so that observing an
     * event walks the tree instead of building path strings.
     */
    private static final class PathNode {
        final String path;
        final Map<String, PathNode> children = new HashMap<>(4);
        PathNode elements;
        long events;
        long lastEvent = -1;
        boolean untracked;
        final EnumMap<ValueType, Long> types = new EnumMap<>(ValueType.class);
        String example;

        PathNode(String path) {
            this.path = path;
        }
    }

    private static final class TypeStats {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long untrackedPaths;
        int trackedPaths;
        final Map<String, Long> byCatalog = new HashMap<>(2);
        final PathNode root = new PathNode("");
    }

    private final Map<String, TypeStats> types = new HashMap<>();
    private final Map<String, Long> eventsByCatalog = new HashMap<>();
    private long events;
    private long lastSeq;

    public synchronized void observeAll(List<Event> batch) {
        for (Event event : batch) {
            observe(event);
        }
    }

    public synchronized void observe(Event event) {
        if (Tombstone.isReserved(event.type())) {
            if (Tombstone.is(event)) {
                forgetExamples(Tombstone.ids(event));
            }
            return;
        }
        TypeStats stats = types.computeIfAbsent(event.type(), t -> new TypeStats());
        long mark = stats.count++;
        stats.first = Math.min(stats.first, event.timestamp());
        stats.last = Math.max(stats.last, event.timestamp());
        if (event.anonymousId() != null) {
            record(stats, child(stats.root, "anonymousId"), mark, ValueType.STRING, event.anonymousId());
        }
        if (event.userId() != null) {
            record(stats, child(stats.root, "userId"), mark, ValueType.STRING, event.userId());
        }
        if (event.catalog() != null) {
            record(stats, child(stats.root, "catalog"), mark, ValueType.STRING, event.catalog());
            eventsByCatalog.merge(event.catalog(), 1L, Long::sum);
            stats.byCatalog.merge(event.catalog(), 1L, Long::sum);
        }
        if (!event.itemIds().isEmpty()) {
            PathNode items = elements(child(stats.root, "itemIds"));
            for (String item : event.itemIds()) {
                record(stats, items, mark, ValueType.STRING, item);
            }
        }
        walkFields(stats, child(stats.root, "properties"), event.properties(), mark);
        walkFields(stats, child(stats.root, "context"), event.context(), mark);
        events++;
        lastSeq = Math.max(lastSeq, event.seq());
    }

    /** A deleted person's ids are no longer shown as examples; the next event gives new ones. */
    private void forgetExamples(List<String> ids) {
        for (TypeStats stats : types.values()) {
            for (String field : List.of("anonymousId", "userId")) {
                PathNode node = stats.root.children.get(field);
                if (node != null && ids.contains(node.example)) {
                    node.example = null;
                }
            }
        }
    }

    private void walkFields(TypeStats stats, PathNode parent, JsonNode object, long mark) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            walk(stats, child(parent, field.getKey()), field.getValue(), mark);
        }
    }

    private void walk(TypeStats stats, PathNode node, JsonNode value, long mark) {
        if (value.isObject()) {
            record(stats, node, mark, ValueType.OBJECT, null);
            walkFields(stats, node, value, mark);
        } else if (value.isArray()) {
            record(stats, node, mark, ValueType.ARRAY, null);
            PathNode elementNode = elements(node);
            for (JsonNode element : value) {
                walk(stats, elementNode, element, mark);
            }
        } else {
            ValueType type = value.isTextual() ? ValueType.STRING : value.isNumber() ? ValueType.NUMBER
                    : value.isBoolean() ? ValueType.BOOLEAN : ValueType.NULL;
            record(stats, node, mark, type, value.isNull() ? null : value.asText());
        }
    }

    private static PathNode child(PathNode parent, String name) {
        PathNode node = parent.children.get(name);
        if (node == null) {
            node = new PathNode(parent.path.isEmpty() ? name : parent.path + "." + name);
            parent.children.put(name, node);
        }
        return node;
    }

    private static PathNode elements(PathNode parent) {
        if (parent.elements == null) {
            parent.elements = new PathNode(parent.path + "[*]");
        }
        return parent.elements;
    }

    private static void record(TypeStats stats, PathNode node, long mark, ValueType type, String example) {
        if (node.lastEvent == -1 && stats.trackedPaths >= MAX_PATHS_PER_TYPE) {
            node.untracked = true;
        } else if (node.lastEvent == -1) {
            stats.trackedPaths++;
        }
        boolean firstInEvent = node.lastEvent != mark;
        node.lastEvent = mark;
        if (node.untracked) {
            if (firstInEvent) {
                stats.untrackedPaths++;
            }
            return;
        }
        if (firstInEvent) {
            node.events++;
        }
        node.types.merge(type, 1L, Long::sum);
        if (node.example == null && example != null) {
            node.example = example.length() > MAX_EXAMPLE_LENGTH
                    ? example.substring(0, MAX_EXAMPLE_LENGTH) + "…" : example;
        }
    }

    /** Total events observed. */
    public synchronized long events() {
        return events;
    }

    /** Events observed that name this catalog. */
    public synchronized long events(String catalog) {
        return eventsByCatalog.getOrDefault(catalog, 0L);
    }

    /**
     * The event types seen in events that name this catalog, each with how many, most frequent
     * first (then by name); empty for a catalog without events. Their paths are those of
     * {@link #snapshot}, which are kept per type, not per catalog.
     */
    public synchronized Map<String, Long> types(String catalog) {
        Map<String, Long> counts = new HashMap<>();
        types.forEach((type, stats) -> {
            Long count = stats.byCatalog.get(catalog);
            if (count != null) {
                counts.put(type, count);
            }
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
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
            collect(stats.root, stats.count, paths);
            paths.sort(Comparator.comparing(DictionarySnapshot.PropertyPath::path));
            list.add(new DictionarySnapshot.EventType(entry.getKey(), stats.count, Instant.ofEpochMilli(stats.first),
                    Instant.ofEpochMilli(stats.last), stats.untrackedPaths, paths));
        }
        list.sort(Comparator.comparingLong(DictionarySnapshot.EventType::count).reversed()
                .thenComparing(DictionarySnapshot.EventType::type));
        return new DictionarySnapshot(events, lastSeq, list);
    }

    private static void collect(PathNode node, long typeCount, List<DictionarySnapshot.PropertyPath> out) {
        if (node.events > 0) {
            Map<String, Long> observed = new LinkedHashMap<>();
            node.types.forEach((t, n) -> observed.put(t.jsonName(), n));
            out.add(new DictionarySnapshot.PropertyPath(node.path, observed, node.events,
                    typeCount == 0 ? 0 : (double) node.events / typeCount, node.example));
        }
        for (PathNode child : node.children.values()) {
            collect(child, typeCount, out);
        }
        if (node.elements != null) {
            collect(node.elements, typeCount, out);
        }
    }

    /** What the dictionary has observed, as a part of the state snapshots. */
    public SnapshotPart snapshotPart() {
        return new SnapshotPart() {
            @Override
            public String name() {
                return "dictionary";
            }

            @Override
            public String configuration() {
                return "v1 maxPathsPerType=" + MAX_PATHS_PER_TYPE + " maxExampleLength=" + MAX_EXAMPLE_LENGTH;
            }

            @Override
            public void save(SnapshotOutput out) throws IOException {
                synchronized (DataDictionary.this) {
                    out.writeLong(events);
                    out.writeLong(lastSeq);
                    writeCounts(out, eventsByCatalog);
                    out.writeInt(types.size());
                    for (Map.Entry<String, TypeStats> entry : types.entrySet()) {
                        TypeStats stats = entry.getValue();
                        out.writeString(entry.getKey());
                        out.writeLong(stats.count);
                        out.writeLong(stats.first);
                        out.writeLong(stats.last);
                        out.writeLong(stats.untrackedPaths);
                        out.writeInt(stats.trackedPaths);
                        writeCounts(out, stats.byCatalog);
                        writePath(out, stats.root);
                    }
                }
            }

            @Override
            public void restore(SnapshotInput in) throws IOException {
                synchronized (DataDictionary.this) {
                    events = in.readLong();
                    lastSeq = in.readLong();
                    readCounts(in, eventsByCatalog);
                    int count = in.readCount(Integer.MAX_VALUE);
                    for (int i = 0; i < count; i++) {
                        String type = in.readString();
                        TypeStats stats = new TypeStats();
                        stats.count = in.readLong();
                        stats.first = in.readLong();
                        stats.last = in.readLong();
                        stats.untrackedPaths = in.readLong();
                        stats.trackedPaths = in.readInt();
                        readCounts(in, stats.byCatalog);
                        readPath(in, stats.root, 0);
                        types.put(type, stats);
                    }
                }
            }
        };
    }

    private static void writeCounts(SnapshotOutput out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            out.writeString(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static void readCounts(SnapshotInput in, Map<String, Long> into) throws IOException {
        int count = in.readCount(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            into.put(in.readString(), in.readLong());
        }
    }

    private static void writePath(SnapshotOutput out, PathNode node) throws IOException {
        out.writeLong(node.events);
        out.writeLong(node.lastEvent);
        out.writeBoolean(node.untracked);
        out.writeString(node.example);
        out.writeInt(node.types.size());
        for (Map.Entry<ValueType, Long> entry : node.types.entrySet()) {
            out.writeInt(entry.getKey().ordinal());
            out.writeLong(entry.getValue());
        }
        out.writeInt(node.children.size());
        for (Map.Entry<String, PathNode> child : node.children.entrySet()) {
            out.writeString(child.getKey());
            writePath(out, child.getValue());
        }
        out.writeBoolean(node.elements != null);
        if (node.elements != null) {
            writePath(out, node.elements);
        }
    }

    /** Reads a path's state into {@code node}, whose own path name is already set. */
    private static void readPath(SnapshotInput in, PathNode node, int depth) throws IOException {
        if (depth > 1_000) {
            throw new IOException("the data dictionary is damaged (paths nested too deep)");
        }
        node.events = in.readLong();
        node.lastEvent = in.readLong();
        node.untracked = in.readBoolean();
        node.example = in.readString();
        ValueType[] valueTypes = ValueType.values();
        int typeCount = in.readCount(valueTypes.length);
        for (int i = 0; i < typeCount; i++) {
            int ordinal = in.readInt();
            if (ordinal < 0 || ordinal >= valueTypes.length) {
                throw new IOException("the data dictionary is damaged (value type " + ordinal + ")");
            }
            node.types.put(valueTypes[ordinal], in.readLong());
        }
        int children = in.readCount(Integer.MAX_VALUE);
        for (int i = 0; i < children; i++) {
            String name = in.readString();
            PathNode child = child(node, name);
            readPath(in, child, depth + 1);
        }
        if (in.readBoolean()) {
            readPath(in, elements(node), depth + 1);
        }
    }
}
