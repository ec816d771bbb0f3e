package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.json.Json;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.Signal;
import org.attune.core.model.kinds.BuiltInKinds;

/**
 * What a person typed into the model editor: name, catalog, kind, one row per signal (name,
 * event type, product-id path, weight, value path, all as typed) and the kind's params as
 * typed. Read from form or query fields; turned into the JSON that {@code POST /v1/models}
 * takes, so the services validate it exactly as they validate the API's. Immutable.
 *
 * @param params param name to the text typed, for the params shown (missing means the default)
 */
record ModelForm(String name, String catalog, String kind, List<Row> rows, Map<String, String> params) {
    /** The kind a new model starts with. */
    static final String DEFAULT_KIND = "co_occurrence";
    /** Form fields of the params start with this, e.g. {@code param.halfLifeDays}. */
    static final String PARAM = "param.";
    /** The form field naming the kind the params shown belong to: another kind starts from its defaults. */
    static final String PARAMS_OF = "paramsOf";

    /** One signal as typed; any field may be empty. */
    record Row(String name, String eventType, String productIdPath, String weight, String valuePath) {
        static Row blank() {
            return new Row("", "", "", "1", "");
        }

        Row withProductIdPath(String path) {
            return new Row(name, eventType, path, weight, valuePath);
        }
    }

    ModelForm {
        rows = List.copyOf(rows);
        params = Map.copyOf(params);
    }

    /** A new model's form: one empty signal. */
    static ModelForm blank(String catalog) {
        return new ModelForm("", catalog == null ? "" : catalog, DEFAULT_KIND, List.of(Row.blank()), Map.of());
    }

    /** A stored definition, to edit. */
    static ModelForm of(ModelDefinition definition) {
        List<Row> rows = new ArrayList<>();
        for (Signal signal : definition.signals()) {
            rows.add(new Row(signal.name(), signal.eventType(), signal.productIds().text(), number(signal.weight()),
                    signal.value() == null ? "" : signal.value().text()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        definition.toJson().path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return new ModelForm(definition.name(), definition.catalog(), definition.kind(), rows, params);
    }

    /**
     * The form from its fields (a form post or an htmx request's query): the signal fields come
     * once per row, in row order; the params only when they were shown for the kind chosen.
     */
    static ModelForm read(Map<String, List<String>> fields) {
        List<String> eventTypes = fields.getOrDefault("eventType", List.of());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < eventTypes.size(); i++) {
            rows.add(new Row(nth(fields, "signalName", i), eventTypes.get(i), nth(fields, "productIdPath", i),
                    nth(fields, "weight", i), nth(fields, "valuePath", i)));
        }
        String kind = nth(fields, "kind", 0);
        Map<String, String> params = new LinkedHashMap<>();
        if (nth(fields, PARAMS_OF, 0).equals(kind)) {
            fields.forEach((field, values) -> {
                if (field.startsWith(PARAM) && !values.isEmpty()) {
                    params.put(field.substring(PARAM.length()), values.get(0).trim());
                }
            });
        }
        return new ModelForm(nth(fields, "name", 0), nth(fields, "catalog", 0), kind, rows, params);
    }

    ModelForm withRows(List<Row> changed) {
        return new ModelForm(name, catalog, kind, changed, params);
    }

    /** The definition as the API takes it; blanks are left out, so the services name what is missing. */
    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("name", name.trim());
        putIfGiven(json, "catalog", catalog);
        putIfGiven(json, "kind", kind);
        ArrayNode signals = json.putArray("signals");
        List<String> names = signalNames();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ObjectNode signal = signals.addObject().put("name", names.get(i));
            putIfGiven(signal, "eventType", row.eventType);
            putIfGiven(signal, "productIdPath", row.productIdPath);
            putNumber(signal, "weight", row.weight, false);
            putIfGiven(signal, "valuePath", row.valuePath);
        }
        BuiltInKinds.ALL.find(kind).ifPresent(known -> {
            ObjectNode typed = json.putObject("params");
            Json.MAPPER.valueToTree(known.defaults()).properties().forEach(e -> {
                String text = params.get(e.getKey());
                if (text != null && !text.isEmpty()) {
                    JsonNode standard = e.getValue();
                    if (standard.isNumber()) {
                        putNumber(typed, e.getKey(), text, standard.isIntegralNumber());
                    } else if (standard.isBoolean() && (text.equals("true") || text.equals("false"))) {
                        typed.put(e.getKey(), Boolean.parseBoolean(text));
                    } else {
                        typed.put(e.getKey(), text);
                    }
                }
            });
        });
        return json;
    }

    /**
     * Each row's signal name: the one typed, or else one made from its event type
     * ({@code add_to_cart}, a second {@code view} becomes {@code view_2}).
     */
    List<String> signalNames() {
        Set<String> taken = new HashSet<>();
        rows.forEach(row -> taken.add(row.name.trim()));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String typed = rows.get(i).name.trim();
            if (!typed.isEmpty()) {
                names.add(typed);
                continue;
            }
            String base = rows.get(i).eventType.isBlank() ? "signal_" + (i + 1)
                    : rows.get(i).eventType.trim().replaceAll("[^A-Za-z0-9_]", "_");
            if (Character.isDigit(base.charAt(0))) {
                base = "_" + base;
            }
            base = base.substring(0, Math.min(base.length(), 60));
            String name = base;
            for (int n = 2; taken.contains(name); n++) {
                name = base + "_" + n;
            }
            taken.add(name);
            names.add(name);
        }
        return names;
    }

    private static void putIfGiven(ObjectNode json, String field, String text) {
        if (text != null && !text.isBlank()) {
            json.put(field, text.trim());
        }
    }

    /** A number as typed; text that is not one is passed on as text, for the services to refuse with their reason. */
    private static void putNumber(ObjectNode json, String field, String text, boolean whole) {
        if (text == null || text.isBlank()) {
            return;
        }
        String trimmed = text.trim();
        try {
            if (whole) {
                json.put(field, Long.parseLong(trimmed));
            } else {
                json.put(field, Double.parseDouble(trimmed));
            }
        } catch (NumberFormatException e) {
            try {
                json.put(field, Double.parseDouble(trimmed));
            } catch (NumberFormatException notANumber) {
                json.put(field, trimmed);
            }
        }
    }

    private static String nth(Map<String, List<String>> fields, String field, int index) {
        List<String> values = fields.getOrDefault(field, List.of());
        return index < values.size() ? values.get(index) : "";
    }

    /** A weight as people write it: 8, not 8.0. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
