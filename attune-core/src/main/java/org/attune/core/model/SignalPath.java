package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.event.Event;
import org.attune.core.json.Json;

/**
 * A path into an event, as a signal names where its product ids (or values) are:
 * {@code itemId} or {@code itemIds[*]} (the event's products), or a JSON path under
 * {@code properties} or {@code context}, e.g. {@code properties.items[*].id}. Paths under
 * properties and context are evaluated with Jayway JsonPath (the dialect of
 * {@code $.properties...} with the leading {@code $.} implied); a path may yield several
 * values. Immutable and thread-safe.
 */
public final class SignalPath {
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST)
            .build();
    public static final int MAX_LENGTH = 256;

    private final String text;
    /** Null for the event's own products. */
    private final JsonPath compiled;

    private SignalPath(String text, JsonPath compiled) {
        this.text = text;
        this.compiled = compiled;
    }

    /**
     * Reads a path as a user wrote it.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static SignalPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a path is required, e.g. 'itemId' or 'properties.items[*].id'");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a path may have at most " + MAX_LENGTH + " characters");
        }
        if (text.equals("itemId") || text.equals("itemIds") || text.equals("itemIds[*]")) {
            return new SignalPath(text, null);
        }
        if (!text.startsWith("properties.") && !text.startsWith("properties[")
                && !text.startsWith("context.") && !text.startsWith("context[")) {
            throw new IllegalArgumentException("'" + text + "' must be itemId, itemIds[*], or a path under"
                    + " properties or context, e.g. properties.items[*].id");
        }
        try {
            return new SignalPath(text, JsonPath.compile("$." + text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getMessage());
        }
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** Whether the path names the event's own product ids. */
    public boolean isItemIds() {
        return compiled == null;
    }

    /** The values the path yields in the event, as text (numbers in their JSON form); empty when none. */
    public List<String> read(Event event) {
        if (compiled == null) {
            return event.itemIds();
        }
        List<String> values = new ArrayList<>(2);
        for (JsonNode node : nodes(event)) {
            if (node.isValueNode() && !node.isNull()) {
                values.add(node.asText());
            }
        }
        return values;
    }

    /** The numbers the path yields in the event; values that are not numbers are left out. */
    public List<Double> readNumbers(Event event) {
        List<Double> numbers = new ArrayList<>(2);
        if (compiled == null) {
            return numbers;
        }
        for (JsonNode node : nodes(event)) {
            if (node.isNumber()) {
                numbers.add(node.asDouble());
            }
        }
        return numbers;
    }

    private Iterable<JsonNode> nodes(Event event) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("properties", event.properties());
        root.set("context", event.context());
        JsonNode result = compiled.read(root, JSON_PATH);
        return result == null ? List.of() : result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
