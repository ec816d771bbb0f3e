package org.attune.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level fields of one event record before validation, gathered either from a JSON tree
 * ({@link EventValidator#validate(JsonNode, long)}) or straight from parser tokens
 * ({@link StreamingEventReader}), so that both are judged by the one set of rules in
 * {@link EventValidator}. A field left out is null; a field sent as JSON null is a
 * {@code NullNode}. One per record; not thread-safe.
 */
final class EventFields {
    JsonNode eventId;
    JsonNode type;
    JsonNode timestamp;
    JsonNode anonymousId;
    JsonNode userId;
    JsonNode catalog;
    JsonNode itemId;
    JsonNode itemIds;
    JsonNode properties;
    JsonNode context;
    /** Names that are not event fields, in the order of the record. */
    List<String> unknownNames = List.of();
    /**
     * Set by a reader that measured properties and context while reading them and found them
     * within every limit, so that the validator need not walk them again. False means "not
     * known", never "over a limit".
     */
    boolean freeJsonWithinLimits;

    /**
     * Set when a name came twice. A tree never has repeated names (its reader refuses them);
     * a token reader leaves such a record to the tree reader, which says which key and where.
     */
    boolean repeatedName;

    /** Takes one field of the record; a repeated name keeps the first value and sets {@link #repeatedName}. */
    void put(String name, JsonNode value) {
        switch (name) {
            case "eventId" -> eventId = firstOnly(eventId, value);
            case "type" -> type = firstOnly(type, value);
            case "timestamp" -> timestamp = firstOnly(timestamp, value);
            case "anonymousId" -> anonymousId = firstOnly(anonymousId, value);
            case "userId" -> userId = firstOnly(userId, value);
            case "catalog" -> catalog = firstOnly(catalog, value);
            case "itemId" -> itemId = firstOnly(itemId, value);
            case "itemIds" -> itemIds = firstOnly(itemIds, value);
            case "properties" -> properties = firstOnly(properties, value);
            case "context" -> context = firstOnly(context, value);
            default -> {
                if (unknownNames.isEmpty()) {
                    unknownNames = new ArrayList<>(2);
                } else if (unknownNames.contains(name)) {
                    repeatedName = true;
                    return;
                }
                unknownNames.add(name);
            }
        }
    }

    private JsonNode firstOnly(JsonNode held, JsonNode value) {
        if (held != null) {
            repeatedName = true;
            return held;
        }
        return value;
    }

    /** The eventId as sent when it is a string, valid or not, to name a rejected record; else null. */
    String eventIdText() {
        return eventId != null && eventId.isTextual() ? eventId.asText() : null;
    }
}
