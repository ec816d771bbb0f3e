package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Reads a model definition from JSON and checks all of it, reporting every problem at once:
 *
 * <pre>{@code
 * {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
 *  "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
 *               "weight": 8, "valuePath": "properties.items[*].quantity"},
 *              {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
 *  "params": {"measure": "llr"}}
 * }</pre>
 *
 * Thread-safe (stateless).
 */
public final class ModelDefinitionReader {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SIGNALS = 50;
    /** Signal names appear in analytics and later in expressions, so they are identifiers. */
    public static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** The event type rules of {@code POST /v1/events}. */
    public static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Predicate<String> catalogExists;
    private final ModelKinds kinds;

    /**
     * @param catalogExists whether a catalog id is known
     * @param kinds the kinds a definition may name, which read their params
     */
    public ModelDefinitionReader(Predicate<String> catalogExists, ModelKinds kinds) {
        this.catalogExists = catalogExists;
        this.kinds = kinds;
    }

    /** @throws InvalidInputException listing every problem */
    public ModelDefinition read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("invalid_model", "A model must be a JSON object");
        }
        List<Problem> problems = new ArrayList<>();
        String name = text(json, "name");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !Identifiers.isSafe(name)) {
            problems.add(new Problem("name", "invalid_name", "name is required: 1 to " + MAX_NAME_LENGTH
                    + " characters " + Identifiers.RULE));
        }
        String catalog = text(json, "catalog");
        if (catalog == null) {
            problems.add(new Problem("catalog", "missing_catalog", "catalog is required: the id of the catalog the"
                    + " model recommends from"));
        } else if (!catalogExists.test(catalog)) {
            problems.add(new Problem("catalog", "unknown_catalog", "no catalog '" + catalog + "'"));
        }
        String kind = text(json, "kind");
        ModelParams params = null;
        var refusal = kinds.refusal(kind);
        if (refusal.isPresent()) {
            problems.add(new Problem("kind", "invalid_kind", refusal.get()));
        } else {
            params = kinds.readParams(kinds.get(kind), json.get("params"), problems);
        }
        List<Signal> signals = readSignals(json.get("signals"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_model", "The model definition has " + problems.size()
                    + " problem(s)", problems);
        }
        return new ModelDefinition(name, catalog, kind, signals, params);
    }

    private static List<Signal> readSignals(JsonNode list, List<Problem> problems) {
        List<Signal> signals = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new Problem("signals", "missing_signals", "signals must be a non-empty array of"
                    + " {name, eventType, productIdPath, weight, valuePath?}"));
            return signals;
        }
        if (list.size() > MAX_SIGNALS) {
            problems.add(new Problem("signals", "too_many_signals", "a model may have at most " + MAX_SIGNALS
                    + " signals"));
            return signals;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "signals[" + i + "]";
            JsonNode s = list.get(i);
            int before = problems.size();
            String name = text(s, "name");
            if (name == null || !SIGNAL_NAME.matcher(name).matches()) {
                problems.add(new Problem(at + ".name", "invalid_name", "name must be an identifier (letters, digits,"
                        + " '_', not starting with a digit, at most 64)"));
            } else if (!names.add(name)) {
                problems.add(new Problem(at + ".name", "duplicate_name", "signal '" + name + "' is named twice"));
            }
            String eventType = text(s, "eventType");
            if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
                problems.add(new Problem(at + ".eventType", "invalid_event_type", "eventType is required: an event"
                        + " type of 1 to 64 letters, digits and _-.:"));
            }
            SignalPath productIds = path(s, "productIdPath", at, problems, true);
            SignalPath value = path(s, "valuePath", at, problems, false);
            if (value != null && value.isItemIds()) {
                problems.add(new Problem(at + ".valuePath", "invalid_path", "valuePath must name a number under"
                        + " properties or context, e.g. properties.quantity"));
            }
            JsonNode weight = s.get("weight");
            if (weight == null || !weight.isNumber() || !(weight.asDouble() > 0)
                    || weight.asDouble() > Signal.MAX_WEIGHT) {
                problems.add(new Problem(at + ".weight", "invalid_weight", "weight must be a positive number, at"
                        + " most " + (int) Signal.MAX_WEIGHT + " (1 to 10 recommended)"));
            }
            if (problems.size() == before) {
                signals.add(new Signal(name, eventType, productIds, weight.asDouble(), value));
            }
        }
        return signals;
    }

    private static SignalPath path(JsonNode signal, String field, String at, List<Problem> problems,
                                   boolean required) {
        String text = text(signal, field);
        if (text == null) {
            if (required) {
                problems.add(new Problem(at + "." + field, "missing_path", field + " is required, e.g. 'itemId'"
                        + " or 'properties.items[*].id'"));
            }
            return null;
        }
        try {
            return SignalPath.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at + "." + field, "invalid_path", e.getMessage()));
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
