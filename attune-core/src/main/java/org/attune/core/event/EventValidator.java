package org.attune.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.attune.core.json.Timestamps;
import org.attune.core.validation.Echo;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.Problem;

/**
 * Turns one JSON record into an {@link Event}, or lists why it cannot be accepted.
 * Thread-safe.
 */
public final class EventValidator {
    private static final Set<String> CONTEXT_TEXT_FIELDS = Set.of("surface", "page", "referrer", "device", "recId");
    private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final EventLimits limits;
    private final Predicate<String> catalogExists;

    /**
     * @param limits the limits to enforce
     * @param catalogExists tells whether a catalog id is known; events naming an unknown
     *     catalog are refused so that a typo does not silently start a new catalog
     */
    public EventValidator(EventLimits limits, Predicate<String> catalogExists) {
        this.limits = limits;
        this.catalogExists = catalogExists;
    }

    /** The outcome for one record: an event, or the problems that kept it out. */
    public record Outcome(Event event, List<Problem> problems) {
    }

    /**
     * Validates one record read as a tree (a request's JSON, a preview's event).
     *
     * @param json the record; null or anything but an object is refused as {@code not_an_object}
     */
    public Outcome validate(JsonNode json, long nowMillis) {
        if (json == null || !json.isObject()) {
            return new Outcome(null, List.of(new Problem("", "not_an_object", "an event must be a JSON object")));
        }
        EventFields fields = new EventFields();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            fields.put(field.getKey(), field.getValue());
        }
        return validateFields(fields, nowMillis);
    }

    /** The limits these rules enforce. */
    EventLimits limits() {
        return limits;
    }

    /** The rules, whichever way the record's fields were read. */
    Outcome validateFields(EventFields fields, long nowMillis) {
        List<Problem> problems = new ArrayList<>(0);
        for (String name : fields.unknownNames) {
            problems.add(new Problem(name, "unknown_field", "unknown field '" + Echo.of(name)
                    + "'; free data belongs in 'properties' or 'context'"));
        }
        String eventId = optionalId(fields.eventId, "eventId", problems);
        String type = fields.type != null && fields.type.isTextual() ? fields.type.asText() : null;
        if (type == null || type.isEmpty() || type.length() > limits.maxTypeLength() || !isTypeName(type)) {
            problems.add(new Problem("type", "invalid_type", "type is required: 1 to " + limits.maxTypeLength()
                    + " characters of letters, digits, '_', '-', '.' or ':'"));
        }
        long timestamp = nowMillis;
        JsonNode ts = fields.timestamp;
        if (ts != null && !ts.isNull()) {
            Instant parsed = Timestamps.parse(ts);
            if (parsed == null) {
                problems.add(new Problem("timestamp", "invalid_timestamp",
                        "timestamp must be ISO-8601 with an offset (e.g. 2026-01-31T12:00:00Z) or epoch milliseconds"));
            } else if (parsed.isBefore(EventLimits.EARLIEST_TIMESTAMP)) {
                // compared as instants: the year -999999999 has no epoch milliseconds
                problems.add(new Problem("timestamp", "invalid_timestamp",
                        "timestamp lies before " + EventLimits.EARLIEST_TIMESTAMP + ", the earliest accepted"));
            } else if (parsed.isAfter(Instant.ofEpochMilli(nowMillis).plus(limits.maxFutureSkew()))) {
                problems.add(new Problem("timestamp", "timestamp_in_future",
                        "timestamp lies more than " + limits.maxFutureSkew().toHours() + " h in the future"));
            } else {
                timestamp = parsed.toEpochMilli();
            }
        }
        String anonymousId = optionalId(fields.anonymousId, "anonymousId", problems);
        String userId = optionalId(fields.userId, "userId", problems);
        if (anonymousId == null && userId == null && !isPresent(fields.anonymousId) && !isPresent(fields.userId)) {
            problems.add(new Problem("anonymousId", "missing_identity", "anonymousId or userId (or both) is required"));
        }
        String catalog = null;
        JsonNode catalogNode = fields.catalog;
        if (catalogNode != null && !catalogNode.isNull()) {
            if (!catalogNode.isTextual()) {
                problems.add(new Problem("catalog", "invalid_catalog", "catalog must be a string"));
            } else if (!catalogExists.test(catalogNode.asText())) {
                problems.add(new Problem("catalog", "unknown_catalog",
                        "catalog '" + clip(catalogNode.asText()) + "' does not exist"));
            } else {
                catalog = catalogNode.asText();
            }
        }
        List<String> itemIds = readItemIds(fields.itemId, fields.itemIds, problems);
        // The node limit covers properties and context together, so one counter spans both.
        int[] nodes = {0};
        ObjectNode properties = readObject(fields.properties, "properties", fields.freeJsonWithinLimits, nodes, problems);
        ObjectNode context = readObject(fields.context, "context", fields.freeJsonWithinLimits, nodes, problems);
        if (context != null) {
            for (String field : CONTEXT_TEXT_FIELDS) {
                JsonNode value = context.get(field);
                if (value != null && !value.isNull() && !value.isTextual()) {
                    problems.add(new Problem("context." + field, "wrong_type", "context." + field + " must be a string"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new Event(0, eventId, type, timestamp, anonymousId, userId, catalog, itemIds,
                properties == null ? EMPTY : properties, context == null ? EMPTY : context, nowMillis), List.of());
    }

    private List<String> readItemIds(JsonNode single, JsonNode many, List<Problem> problems) {
        List<String> ids = new ArrayList<>(1);
        if (single != null && !single.isNull()) {
            String id = idValue(single);
            if (id == null) {
                problems.add(new Problem("itemId", "invalid_id", "itemId must be a string of 1 to "
                        + limits.maxIdLength() + " characters " + Identifiers.RULE));
            } else {
                ids.add(id);
            }
        }
        if (many != null && !many.isNull()) {
            if (!many.isArray()) {
                problems.add(new Problem("itemIds", "wrong_type", "itemIds must be an array of strings"));
            } else if (many.size() + ids.size() > limits.maxItemIds()) {
                problems.add(new Problem("itemIds", "too_many_items",
                        "at most " + limits.maxItemIds() + " item ids per event"));
            } else {
                for (int i = 0; i < many.size(); i++) {
                    String id = idValue(many.get(i));
                    if (id == null) {
                        problems.add(new Problem("itemIds[" + i + "]", "invalid_id", "item ids must be strings of 1 to "
                                + limits.maxIdLength() + " characters " + Identifiers.RULE));
                    } else if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * @param withinLimits the reader already found properties and context within the limits,
     *     so the walk would find nothing
     */
    private ObjectNode readObject(JsonNode value, String field, boolean withinLimits, int[] nodes,
                                  List<Problem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(new Problem(field, "wrong_type", field + " must be a JSON object"));
            return null;
        }
        String problem = withinLimits ? null : checkTree(value, 1, nodes);
        if (problem != null) {
            problems.add(new Problem(field, "too_complex", problem));
            return null;
        }
        return (ObjectNode) value;
    }

    private String checkTree(JsonNode node, int depth, int[] nodes) {
        if (++nodes[0] > limits.maxPropertyNodes()) {
            return "more than " + limits.maxPropertyNodes() + " values";
        }
        if (node.isContainerNode()) {
            if (depth > limits.maxPropertyDepth()) {
                return "nested deeper than " + limits.maxPropertyDepth() + " levels";
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    if (entry.getKey().length() > limits.maxIdLength()) {
                        return "a key is longer than " + limits.maxIdLength() + " characters";
                    }
                    String problem = checkTree(entry.getValue(), depth + 1, nodes);
                    if (problem != null) {
                        return problem;
                    }
                }
            } else {
                for (JsonNode child : node) {
                    String problem = checkTree(child, depth + 1, nodes);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        } else if (node.isTextual() && node.asText().length() > limits.maxStringLength()) {
            return "a string is longer than " + limits.maxStringLength() + " characters";
        }
        return null;
    }

    private String optionalId(JsonNode value, String field, List<Problem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        String id = idValue(value);
        if (id == null) {
            problems.add(new Problem(field, "invalid_id", field + " must be a string of 1 to " + limits.maxIdLength()
                    + " characters " + Identifiers.RULE));
        }
        return id;
    }

    private String idValue(JsonNode value) {
        if (!value.isTextual() && !value.isIntegralNumber()) {
            return null;
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > limits.maxIdLength()) {
            return null;
        }
        return Identifiers.isSafe(text) ? text : null;
    }

    private static boolean isTypeName(String type) {
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPresent(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
