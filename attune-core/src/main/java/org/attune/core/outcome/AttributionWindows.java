package org.attune.core.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.json.Json;

/**
 * How long after a click, and after an impression, a catalog's add-to-carts and purchases are
 * credited to the answer, kept in {@code attribution.json}. A change applies to events
 * attributed from then on (and to a {@code reports rebuild}). Thread-safe.
 */
public final class AttributionWindows {
    /** The windows of a catalog nobody configured: 24 hours each. */
    public static final Windows DEFAULTS = new Windows(24, 24);
    /** Longest window: a week. Attribution forgets a person's clicks and impressions after it. */
    public static final int MAX_HOURS = 7 * 24;

    /**
     * @param clickThroughHours how long after a click on a product its add-to-carts and purchases count
     * @param viewThroughHours how long after a product was seen (not clicked) they count as view-through
     */
    public record Windows(int clickThroughHours, int viewThroughHours) {
        public Windows {
            if (clickThroughHours < 1 || clickThroughHours > MAX_HOURS || viewThroughHours < 1
                    || viewThroughHours > MAX_HOURS) {
                throw new IllegalArgumentException("attribution windows are 1 to " + MAX_HOURS + " hours");
            }
        }

        long clickThroughMillis() {
            return Duration.ofHours(clickThroughHours).toMillis();
        }

        long viewThroughMillis() {
            return Duration.ofHours(viewThroughHours).toMillis();
        }
    }

    private final Path file;
    private final Map<String, Windows> byCatalog = new ConcurrentHashMap<>();

    public AttributionWindows(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            JsonNode catalogs = Json.MAPPER.readTree(file.toFile()).path("catalogs");
            for (Iterator<Map.Entry<String, JsonNode>> it = catalogs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                byCatalog.put(entry.getKey(), new Windows(entry.getValue().path("clickThroughHours").asInt(),
                        entry.getValue().path("viewThroughHours").asInt()));
            }
        }
    }

    /** The catalog's windows, or {@link #DEFAULTS}. */
    public Windows of(String catalog) {
        return catalog == null ? DEFAULTS : byCatalog.getOrDefault(catalog, DEFAULTS);
    }

    /** Sets a catalog's windows, written to disk before this returns. */
    public synchronized void put(String catalog, Windows windows) throws IOException {
        Map<String, Windows> next = new java.util.TreeMap<>(byCatalog);
        next.put(catalog, windows);
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode catalogs = root.putObject("catalogs");
        next.forEach((id, w) -> catalogs.putObject(id).put("clickThroughHours", w.clickThroughHours())
                .put("viewThroughHours", w.viewThroughHours()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        byCatalog.put(catalog, windows);
    }
}
