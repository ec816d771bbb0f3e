package org.attune.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Reads a catalog definition from JSON and checks it completely: every problem is
 * collected and reported together.
 *
 * <pre>{@code
 * {"id": "shop", "name": "Demo shop", "language": "en",
 *  "schema": {"attributes": [{"name": "title", "type": "string", "role": "title", "required": true},
 *                            {"name": "material", "type": "string", "affinity": true}]},
 *  "eventWeights": {"purchase": 10, "wishlist": 3}}
 * }</pre>
 *
 * <p>{@code affinity} marks an attribute whose values profiles keep affinities for (those with
 * roles brand, color, size and category always are); {@code eventWeights} sets, for this
 * catalog, how much an event type counts towards affinities, over the server's defaults.
 */
public final class CatalogDefinitionReader {
    /** Catalog ids appear in URLs: lower-case letters, digits, '-' and '_', 1 to 64 characters. */
    public static final Pattern CATALOG_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Attribute names appear in expressions later, so they are identifiers. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    public static final int MAX_ATTRIBUTES = 200;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EVENT_WEIGHTS = 100;

    public Catalog read(JsonNode json, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("invalid_catalog", "A catalog must be a JSON object");
        }
        String id = text(json, "id");
        if (id == null || !CATALOG_ID.matcher(id).matches()) {
            problems.add(new Problem("id", "invalid_id",
                    "id is required: 1 to 64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit"));
        }
        String name = text(json, "name");
        if (name == null || name.isBlank()) {
            name = id;
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new Problem("name", "too_long", "name must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (!Identifiers.isSafe(name)) {
            problems.add(new Problem("name", "invalid_name", "name may not be used: " + Identifiers.problem(name)));
        }
        String language = text(json, "language");
        if (language == null) {
            language = "en";
        } else if (!isLanguageTag(language)) {
            problems.add(new Problem("language", "invalid_language",
                    "language must be a BCP 47 language tag such as 'en' or 'de-CH', got '" + language + "'"));
        }
        List<AttributeDefinition> attributes = readAttributes(json.path("schema"), problems);
        Map<String, Double> eventWeights = readEventWeights(json.get("eventWeights"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_catalog", "The catalog definition has " + problems.size()
                    + " problem(s)", problems);
        }
        return new Catalog(id, name, language, new CatalogSchema(attributes), now, eventWeights);
    }

    private static Map<String, Double> readEventWeights(JsonNode weights, List<Problem> problems) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (weights == null || weights.isNull()) {
            return result;
        }
        if (!weights.isObject()) {
            problems.add(new Problem("eventWeights", "invalid_event_weights",
                    "eventWeights must be an object of event type to weight, e.g. {\"purchase\": 10}"));
            return result;
        }
        if (weights.size() > MAX_EVENT_WEIGHTS) {
            problems.add(new Problem("eventWeights", "too_many_event_weights",
                    "eventWeights may name at most " + MAX_EVENT_WEIGHTS + " event types"));
            return result;
        }
        weights.properties().forEach(entry -> {
            JsonNode weight = entry.getValue();
            if (!weight.isNumber() || weight.asDouble() < 0 || weight.asDouble() > 1_000) {
                problems.add(new Problem("eventWeights." + entry.getKey(), "invalid_weight",
                        "the weight of '" + entry.getKey() + "' must be a number from 0 to 1,000"));
            } else {
                result.put(entry.getKey(), weight.asDouble());
            }
        });
        return result;
    }

    private static List<AttributeDefinition> readAttributes(JsonNode schema, List<Problem> problems) {
        JsonNode list = schema.path("attributes");
        List<AttributeDefinition> result = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(new Problem("schema.attributes", "missing_attributes",
                    "schema.attributes must be a non-empty array of {name, type, role?, required?}"));
            return result;
        }
        if (list.size() > MAX_ATTRIBUTES) {
            problems.add(new Problem("schema.attributes", "too_many_attributes",
                    "a schema may have at most " + MAX_ATTRIBUTES + " attributes"));
        }
        Set<String> names = new HashSet<>();
        Set<AttributeRole> roles = EnumSet.noneOf(AttributeRole.class);
        for (int i = 0; i < list.size(); i++) {
            String at = "schema.attributes[" + i + "]";
            JsonNode a = list.get(i);
            String name = text(a, "name");
            boolean ok = true;
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches() || name.equals("id")) {
                problems.add(new Problem(at + ".name", "invalid_name",
                        "name must be an identifier (letters, digits, '_', not starting with a digit, at most 64)"
                                + " and not 'id', got " + (name == null ? "nothing" : "'" + name + "'")));
                ok = false;
            } else if (!names.add(name)) {
                problems.add(new Problem(at + ".name", "duplicate_name", "attribute '" + name + "' is declared twice"));
                ok = false;
            }
            String typeName = text(a, "type");
            AttributeType type = typeName == null ? null : AttributeType.fromJsonName(typeName).orElse(null);
            if (type == null) {
                problems.add(new Problem(at + ".type", "invalid_type",
                        "type must be one of string, number, boolean, string_list, url, timestamp; got "
                                + (typeName == null ? "nothing" : "'" + typeName + "'")));
                ok = false;
            }
            AttributeRole role = null;
            String roleName = text(a, "role");
            if (roleName != null) {
                role = AttributeRole.fromJsonName(roleName).orElse(null);
                if (role == null) {
                    problems.add(new Problem(at + ".role", "invalid_role", "role must be one of title, brand, color,"
                            + " size, category, price, availability, image, url, tags; got '" + roleName + "'"));
                    ok = false;
                } else if (!roles.add(role)) {
                    problems.add(new Problem(at + ".role", "duplicate_role",
                            "role '" + roleName + "' is given to more than one attribute"));
                    ok = false;
                } else if (type != null && !role.allowedTypes().contains(type)) {
                    problems.add(new Problem(at + ".role", "role_type_mismatch", "role '" + roleName
                            + "' needs type " + role.allowedTypes().stream().map(AttributeType::jsonName).toList()
                            + ", not " + type.jsonName()));
                    ok = false;
                }
            }
            JsonNode required = a.path("required");
            if (!required.isMissingNode() && !required.isBoolean()) {
                problems.add(new Problem(at + ".required", "invalid_required", "required must be true or false"));
                ok = false;
            }
            JsonNode affinity = a.path("affinity");
            if (!affinity.isMissingNode() && !affinity.isBoolean()) {
                problems.add(new Problem(at + ".affinity", "invalid_affinity", "affinity must be true or false"));
                ok = false;
            }
            if (ok) {
                result.add(new AttributeDefinition(name, type, role, required.asBoolean(false),
                        affinity.asBoolean(false)));
            }
        }
        return result;
    }

    private static boolean isLanguageTag(String tag) {
        if (tag.length() > 35) {
            return false;
        }
        Locale locale = Locale.forLanguageTag(tag);
        return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equalsIgnoreCase(tag);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
