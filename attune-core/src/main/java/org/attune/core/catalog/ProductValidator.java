package org.attune.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attune.core.validation.Echo;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.Problem;

/**
 * Checks product JSON against a catalog schema. Products are flat objects: {@code id}
 * plus one field per schema attribute. Timestamps are normalised to ISO-8601 UTC.
 * Thread-safe; one instance per catalog schema.
 */
public final class ProductValidator {
    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_STRING_LENGTH = 10_000;
    public static final int MAX_LIST_SIZE = 1_000;

    private final CatalogSchema schema;
    private final Map<String, AttributeDefinition> byName;
    private final AttributeDefinition availability;

    public ProductValidator(CatalogSchema schema) {
        this.schema = schema;
        this.byName = schema.byName();
        this.availability = schema.withRole(AttributeRole.AVAILABILITY).orElse(null);
    }

    /** The outcome for one record: a product, or the problems that kept it out. */
    public record Outcome(Product product, List<Problem> problems) {
        public boolean valid() {
            return product != null;
        }
    }

    /**
     * Validates a full product (upsert): all required attributes must be present. When the
     * record is valid its node becomes the product's attributes (its {@code id} field and
     * explicit nulls removed, timestamps normalised) and must not be used by the caller any
     * more; an invalid record's node is left as it was.
     */
    public Outcome validate(JsonNode json, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            return new Outcome(null, List.of(new Problem("", "not_an_object", "a product must be a JSON object")));
        }
        String id = checkId(json.get("id"), problems);
        List<String> absent = new ArrayList<>(0);
        Map<String, JsonNode> normalisedValues = null;
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getKey().equals("id")) {
                continue;
            }
            JsonNode normalised = checkValue(field.getKey(), field.getValue(), problems);
            if (normalised == null) {
                continue;
            }
            if (normalised.isNull()) {
                absent.add(field.getKey());
            } else if (normalised != field.getValue()) {
                if (normalisedValues == null) {
                    normalisedValues = new java.util.HashMap<>();
                }
                normalisedValues.put(field.getKey(), normalised);
            }
        }
        for (AttributeDefinition a : schema.attributes()) {
            JsonNode value = json.get(a.name());
            if (a.required() && (value == null || value.isNull())) {
                problems.add(new Problem(a.name(), "required", "attribute '" + a.name() + "' is required"));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        // The record becomes the product's attributes without a copy: bulk upserts of
        // 100,000 products spent much of their time allocating and collecting copies.
        ObjectNode attributes = (ObjectNode) json;
        attributes.remove("id");
        attributes.remove(absent);
        if (normalisedValues != null) {
            normalisedValues.forEach(attributes::set);
        }
        return new Outcome(new Product(id, attributes, isAvailable(attributes), now), List.of());
    }

    /**
     * Applies a JSON merge patch (RFC 7396 semantics at the attribute level: a null value
     * removes the attribute) to an existing product and validates the result.
     */
    public Outcome patch(Product existing, JsonNode patch, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (patch == null || !patch.isObject()) {
            return new Outcome(null, List.of(new Problem("", "not_an_object", "a patch must be a JSON object")));
        }
        ObjectNode attributes = existing.attributes().deepCopy();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getKey().equals("id")) {
                if (!field.getValue().isTextual() || !field.getValue().asText().equals(existing.id())) {
                    problems.add(new Problem("id", "id_mismatch", "a patch cannot change a product's id"));
                }
                continue;
            }
            JsonNode normalised = checkValue(field.getKey(), field.getValue(), problems);
            if (normalised == null) {
                continue;
            }
            if (normalised.isNull()) {
                attributes.remove(field.getKey());
            } else {
                attributes.set(field.getKey(), normalised);
            }
        }
        checkRequired(attributes, problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new Product(existing.id(), attributes, isAvailable(attributes), now), List.of());
    }

    private boolean isAvailable(ObjectNode attributes) {
        if (availability == null) {
            return true;
        }
        JsonNode value = attributes.get(availability.name());
        return value == null || value.asBoolean(true);
    }

    private void checkRequired(ObjectNode attributes, List<Problem> problems) {
        for (AttributeDefinition a : schema.attributes()) {
            if (a.required() && !attributes.has(a.name())) {
                problems.add(new Problem(a.name(), "required", "attribute '" + a.name() + "' is required"));
            }
        }
    }

    static String checkId(JsonNode id, List<Problem> problems) {
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            problems.add(new Problem("id", "invalid_id", "id is required and must be a string"));
            return null;
        }
        String value = id.asText();
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH || !Identifiers.isSafe(value)) {
            problems.add(new Problem("id", "invalid_id",
                    "id must be 1 to " + MAX_ID_LENGTH + " characters " + Identifiers.RULE));
            return null;
        }
        return value;
    }

    /** Returns the normalised value, NullNode for an explicit null, or null when invalid. */
    private JsonNode checkValue(String name, JsonNode value, List<Problem> problems) {
        AttributeDefinition definition = byName.get(name);
        if (definition == null) {
            problems.add(new Problem(name, "unknown_attribute",
                    "attribute '" + Echo.of(name) + "' is not in the catalog schema"));
            return null;
        }
        if (value.isNull()) {
            return value;
        }
        switch (definition.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    problems.add(wrongType(name, definition, value));
                    return null;
                }
                if (value.asText().length() > MAX_STRING_LENGTH) {
                    problems.add(new Problem(name, "too_long", "at most " + MAX_STRING_LENGTH + " characters"));
                    return null;
                }
                return value;
            }
            case NUMBER -> {
                if (!value.isNumber() || (value.isFloatingPointNumber() && !Double.isFinite(value.asDouble()))) {
                    problems.add(wrongType(name, definition, value));
                    return null;
                }
                return value;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    problems.add(wrongType(name, definition, value));
                    return null;
                }
                return value;
            }
            case STRING_LIST -> {
                if (!value.isArray()) {
                    problems.add(wrongType(name, definition, value));
                    return null;
                }
                if (value.size() > MAX_LIST_SIZE) {
                    problems.add(new Problem(name, "too_long", "at most " + MAX_LIST_SIZE + " entries"));
                    return null;
                }
                for (JsonNode item : value) {
                    if (!item.isTextual() || item.asText().length() > MAX_STRING_LENGTH) {
                        problems.add(new Problem(name, "wrong_type", "every entry must be a string of at most "
                                + MAX_STRING_LENGTH + " characters"));
                        return null;
                    }
                }
                return (ArrayNode) value;
            }
            case URL -> {
                if (!value.isTextual() || !isHttpUrl(value.asText())) {
                    problems.add(new Problem(name, "invalid_url", "expected an absolute http or https URL"));
                    return null;
                }
                return value;
            }
            case TIMESTAMP -> {
                Instant instant = parseTimestamp(value);
                if (instant == null) {
                    problems.add(new Problem(name, "invalid_timestamp",
                            "expected an ISO-8601 timestamp with offset or epoch milliseconds"));
                    return null;
                }
                if (instant.isBefore(EARLIEST_TIMESTAMP) || instant.isAfter(LATEST_TIMESTAMP)) {
                    problems.add(new Problem(name, "invalid_timestamp",
                            "expected a timestamp from the year 1 to the year 9999"));
                    return null;
                }
                return JsonNodeFactory.instance.textNode(instant.toString());
            }
            default -> throw new IllegalStateException("unhandled type " + definition.type());
        }
    }

    private static Problem wrongType(String name, AttributeDefinition definition, JsonNode value) {
        return new Problem(name, "wrong_type", "expected " + definition.type().jsonName() + ", got "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The range of a product's timestamp attributes: RFC 3339's, which is also what the
     * decisioning expressions (CEL) can hold; a date of the year -999999999 would fail them
     * at request time instead of here.
     */
    static final Instant EARLIEST_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Parses ISO-8601 (with offset or Z) or epoch milliseconds; null when neither. */
    public static Instant parseTimestamp(JsonNode value) {
        return org.attune.core.json.Timestamps.parse(value);
    }

    private static boolean isHttpUrl(String text) {
        if (text.length() > MAX_STRING_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
