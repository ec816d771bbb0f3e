package org.attune.server.studio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.dictionary.DictionarySnapshot;
import org.attune.core.json.Json;
import org.attune.core.model.ModelKind;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.validation.Problem;

/**
 * What the model editor shows for a {@link ModelForm}: the catalogs and kinds to choose from,
 * for each signal the event types of the chosen catalog (from the data dictionary) and the
 * paths of its event type that may hold product ids (likeliest first) or values, the kind's
 * params with their defaults, and each refused field's problem next to it. Reads only what
 * the dictionary and the catalog service keep in memory; never the events.
 */
final class ModelEditor {
    /** Paths offered per field at most. */
    static final int MAX_PATHS = 30;
    private static final Pattern ID_NAME = Pattern.compile("(?i).*(id|ids|sku)");
    private static final Pattern PRODUCT_NAME = Pattern.compile("(?i).*(product|item|sku|article).*");
    private static final Pattern ROW_FIELD = Pattern.compile("signals\\[(\\d+)]\\.(\\w+)");

    private final CatalogService catalogs;
    private final DataDictionary dictionary;

    ModelEditor(CatalogService catalogs, DataDictionary dictionary) {
        this.catalogs = catalogs;
        this.dictionary = dictionary;
    }

    /**
     * The form with the product-id path of row {@code suggestRow} (whose event type was just
     * chosen) set to the suggestion for that type, unless what it holds is a path of that type.
     */
    ModelForm suggestingPath(ModelForm form, int suggestRow) {
        if (suggestRow < 0 || suggestRow >= form.rows().size()) {
            return form;
        }
        ModelForm.Row row = form.rows().get(suggestRow);
        DictionarySnapshot.EventType type = eventTypes().get(row.eventType());
        if (type == null) {
            return form;
        }
        List<DictionarySnapshot.PropertyPath> candidates = productIdPaths(type);
        boolean known = candidates.stream().anyMatch(p -> p.path().equals(row.productIdPath()));
        if (known || candidates.isEmpty() || !idLike(candidates.get(0).path())) {
            return form;
        }
        List<ModelForm.Row> rows = new ArrayList<>(form.rows());
        rows.set(suggestRow, row.withProductIdPath(candidates.get(0).path()));
        return form.withRows(rows);
    }

    /**
     * The template's values.
     *
     * @param problems what the services refused, placed at their fields (empty when none)
     * @param focus the id of the field to focus after an htmx swap, or null
     */
    Map<String, Object> view(ModelForm form, List<Problem> problems, String focus) {
        // every field named, so that a template never finds a parent's problem in its place
        Map<String, String> placed = blank(List.of("name", "catalog", "kind", "signals", "params"));
        List<String> unplaced = new ArrayList<>();
        Map<Integer, Map<String, String>> byRow = new LinkedHashMap<>();
        for (Problem problem : problems) {
            var row = ROW_FIELD.matcher(problem.path());
            if (row.matches() && Integer.parseInt(row.group(1)) < form.rows().size()) {
                byRow.computeIfAbsent(Integer.parseInt(row.group(1)), i -> new LinkedHashMap<>())
                        .merge(row.group(2), problem.message(), (a, b) -> a + "; " + b);
            } else if (placed.containsKey(problem.path())
                    || problem.path().startsWith("params.")) {
                placed.merge(problem.path(), problem.message(), (a, b) -> a.isEmpty() ? b : a + "; " + b);
            } else {
                unplaced.add(problem.path() + ": " + problem.message());
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", form.name());
        model.put("problems", placed);
        model.put("unplaced", unplaced);
        if (!problems.isEmpty()) {
            model.put("problemCount", problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        }
        List<Map<String, Object>> catalogOptions = new ArrayList<>();
        for (Catalog catalog : catalogs.list()) {
            catalogOptions.add(Map.of("id", catalog.id(), "name", catalog.name(),
                    "selected", catalog.id().equals(form.catalog())));
        }
        model.put("catalogs", catalogOptions);
        model.put("kinds", BuiltInKinds.ALL.all().stream().map(k -> Map.of("name", k.name(),
                "label", k.label(), "selected", k.name().equals(form.kind()))).toList());
        BuiltInKinds.ALL.find(form.kind()).ifPresent(kind -> {
            model.put("kindName", kind.name());
            model.put("kindLabel", kind.label());
            model.put("kindDescription", kind.description());
            model.put("params", params(kind, form.params(), placed));
            model.put("paramsOpen", placed.entrySet().stream().anyMatch(p -> p.getKey().startsWith("params")
                    && !p.getValue().isEmpty()));
        });
        model.put("rows", rows(form, byRow, focus));
        model.put("canRemove", form.rows().size() > 1);
        model.put("focusAdd", "add-signal".equals(focus));
        return model;
    }

    private List<Map<String, Object>> rows(ModelForm form, Map<Integer, Map<String, String>> problems,
                                           String focus) {
        Map<String, Long> counts = form.catalog().isBlank() ? Map.of() : dictionary.types(form.catalog());
        Map<String, DictionarySnapshot.EventType> types = eventTypes();
        List<String> names = form.signalNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < form.rows().size(); i++) {
            ModelForm.Row row = form.rows().get(i);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("index", i);
            view.put("number", i + 1);
            view.put("name", row.name());
            view.put("derivedName", names.get(i));
            view.put("eventType", row.eventType());
            view.put("productIdPath", row.productIdPath());
            view.put("weight", row.weight());
            view.put("valuePath", row.valuePath());
            Map<String, String> rowProblems = blank(List.of("name", "eventType", "productIdPath", "weight",
                    "valuePath"));
            rowProblems.putAll(problems.getOrDefault(i, Map.of()));
            view.put("problems", rowProblems);
            view.put("autofocus", ("signal-" + i + "-event").equals(focus));
            List<Map<String, Object>> options = new ArrayList<>();
            counts.forEach((type, count) -> options.add(Map.of("type", type, "label", type + " ("
                    + String.format("%,d", count) + (count == 1 ? " event)" : " events)"),
                    "selected", type.equals(row.eventType()))));
            if (!row.eventType().isBlank() && !counts.containsKey(row.eventType())) {
                options.add(Map.of("type", row.eventType(), "label", row.eventType() + " (no events in this catalog"
                        + " yet)", "selected", true));
            }
            view.put("events", options);
            view.put("paths", List.of());
            view.put("values", List.of());
            view.put("suggestion", "");
            DictionarySnapshot.EventType type = types.get(row.eventType());
            if (type != null) {
                List<DictionarySnapshot.PropertyPath> paths = productIdPaths(type);
                view.put("paths", describe(paths));
                if (!paths.isEmpty() && idLike(paths.get(0).path())) {
                    view.put("suggestion", paths.get(0).path());
                }
                view.put("values", describe(valuePaths(type)));
            }
            rows.add(view);
        }
        return rows;
    }

    private static Map<String, String> blank(List<String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach(field -> values.put(field, ""));
        return values;
    }

    private static List<Map<String, Object>> params(ModelKind<?> kind, Map<String, String> typed,
                                                    Map<String, String> problems) {
        List<Map<String, Object>> params = new ArrayList<>();
        Json.MAPPER.valueToTree(kind.defaults()).properties().forEach(e -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", e.getKey());
            param.put("standard", e.getValue().asText());
            param.put("value", typed.getOrDefault(e.getKey(), e.getValue().asText()));
            param.put("problem", problems.getOrDefault("params." + e.getKey(), ""));
            params.add(param);
        });
        return params;
    }

    private Map<String, DictionarySnapshot.EventType> eventTypes() {
        return dictionary.snapshot().types().stream()
                .collect(Collectors.toMap(DictionarySnapshot.EventType::type, Function.identity()));
    }

    /**
     * The paths of an event type that may hold product ids, likeliest first: the event's own
     * products, then paths named like a product id, then like any id, then the rest with text
     * or number values; each group by fill rate.
     */
    static List<DictionarySnapshot.PropertyPath> productIdPaths(DictionarySnapshot.EventType type) {
        return type.paths().stream()
                .filter(p -> p.path().equals("itemIds[*]") || (underPropertiesOrContext(p.path())
                        && (p.types().containsKey("string") || p.types().containsKey("number"))))
                .sorted(Comparator.comparingInt((DictionarySnapshot.PropertyPath p) -> rank(p.path()))
                        .thenComparing(Comparator.comparingDouble(DictionarySnapshot.PropertyPath::fillRate)
                                .reversed())
                        .thenComparing(DictionarySnapshot.PropertyPath::path))
                .limit(MAX_PATHS).toList();
    }

    /** Paths of an event type with numbers under properties or context: what a value path may name. */
    static List<DictionarySnapshot.PropertyPath> valuePaths(DictionarySnapshot.EventType type) {
        return type.paths().stream().filter(p -> underPropertiesOrContext(p.path())
                && p.types().containsKey("number")).limit(MAX_PATHS).toList();
    }

    private static int rank(String path) {
        if (path.equals("itemIds[*]")) {
            return 0;
        }
        return !idLike(path) ? 3 : PRODUCT_NAME.matcher(path).matches() ? 1 : 2;
    }

    private static boolean idLike(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1).replace("[*]", "");
        return path.equals("itemIds[*]") || ID_NAME.matcher(last).matches();
    }

    private static boolean underPropertiesOrContext(String path) {
        return path.startsWith("properties.") || path.startsWith("context.");
    }

    private static List<Map<String, Object>> describe(List<DictionarySnapshot.PropertyPath> paths) {
        return paths.stream().map(p -> Map.<String, Object>of("path", p.path(), "label",
                String.join("/", p.types().keySet()) + ", in " + String.format("%.0f%%", p.fillRate() * 100)
                        + " of events" + (p.example() == null ? "" : ", e.g. " + p.example()))).toList();
    }
}
