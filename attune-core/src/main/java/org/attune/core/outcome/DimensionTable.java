package org.attune.core.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.json.Json;

/**
 * Every {@link AnswerDimensions} an answer was given with, by key, kept in
 * {@code dimensions.jsonl}. A new combination (a new placement, strategy or model version) is
 * written and forced to disk before its first recId is handed out, so that an event naming
 * that recId is attributed after any crash. Such writes are rare: answers repeat the same few
 * combinations. Thread-safe.
 */
public final class DimensionTable implements AutoCloseable {
    private final Map<Long, AnswerDimensions> byKey = new ConcurrentHashMap<>();
    /** Keys already computed: the fields' own hash codes find them, cheaper than hashing the joined text. */
    private final Map<AnswerDimensions, Long> keys = new ConcurrentHashMap<>();
    private final FileChannel file;

    public DimensionTable(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                AnswerDimensions dimensions;
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    dimensions = new AnswerDimensions(node.path("kind").asText(), node.path("catalog").asText(),
                            node.path("channel").asText(), node.path("placement").asText(),
                            node.path("strategy").asText(), node.path("source").asText(), node.path("model").asText());
                } catch (IOException e) {
                    continue; // a line torn by a crash was never handed out in a recId
                }
                byKey.put(dimensions.key(), dimensions);
            }
        }
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** The key of {@code dimensions}, written durably first if it is new. */
    public long register(AnswerDimensions dimensions) {
        Long known = keys.get(dimensions);
        if (known != null) {
            return known;
        }
        long key = dimensions.key();
        if (byKey.containsKey(key)) {
            return key;
        }
        synchronized (this) {
            if (!byKey.containsKey(key)) {
                write(dimensions);
                byKey.put(key, dimensions);
            }
        }
        if (keys.size() < 100_000) {
            keys.put(dimensions, key);
        }
        return key;
    }

    /** The dimensions of a key, or null when no answer was given with it. */
    public AnswerDimensions find(long key) {
        return byKey.get(key);
    }

    private void write(AnswerDimensions dimensions) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", dimensions.kind()).put("catalog", dimensions.catalog())
                .put("channel", dimensions.channel()).put("placement", dimensions.placement())
                .put("strategy", dimensions.strategy()).put("source", dimensions.source())
                .put("model", dimensions.model());
        try {
            ByteBuffer bytes = ByteBuffer.wrap((Json.MAPPER.writeValueAsString(node) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the dimensions of an answer", e);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
