package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.decisioning.Expressions;
import org.attune.core.json.Json;
import org.attune.core.model.ModelService;
import org.attune.core.model.StoredModel;
import org.attune.core.validation.Problem;

/**
 * The decisioning editors' forms. {@link #read} turns a kind's form fields into the JSON body
 * that {@code PUT /v1/catalogs/{c}/{kind}/{id}} takes, so that saving checks exactly what the
 * API checks; {@link #fields} shows a definition's JSON (stored, or read back from a refused
 * form) as the form's fields, each with its problems. A number that does not read as one is
 * passed on as typed, for the definition's checks to refuse at its field, and comes back as
 * typed.
 */
final class DecisioningForms {
    /** Source types as a merchandiser reads them, in the order offered. */
    private static final Map<String, String> SOURCE_TYPES = labels(
            "model", "Personalized by a model",
            "related", "Related to the page's product (a model)",
            "trending", "Trending",
            "recently_viewed", "Recently viewed by the person",
            "collection", "A collection");
    private static final Map<String, String> RANKINGS = labels(
            "score", "By the source's score",
            "formula", "By a formula",
            "blend", "Blend of score and formula");
    private static final Map<String, String> CHANNELS = labels("web", "Web", "mobile", "Mobile app", "email", "E-mail");
    private static final Map<String, String> PAGE_TYPES = labels("search", "Search results", "category",
            "Category pages");
    private static final Map<String, String> SCOPES = labels("all", "Every page of the type", "categories",
            "Listed categories (category pages)", "queries", "Matching queries (search pages)");

    private final CatalogService catalogs;
    private final DecisioningDefinitions definitions;
    private final ModelService models;

    DecisioningForms(CatalogService catalogs, DecisioningDefinitions definitions, ModelService models) {
        this.catalogs = catalogs;
        this.definitions = definitions;
        this.models = models;
    }

    /** What a new definition's form starts with: the defaults the definitions have. */
    static ObjectNode blank(Kind kind) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (kind) {
            case PLACEMENT -> json.put("channel", "web").put("items", 10);
            case STRATEGY -> {
                json.putArray("sources").addObject().put("type", "trending");
                Definitions.Exclusions exclude = Definitions.Exclusions.DEFAULTS;
                json.putObject("exclude").put("purchased", exclude.purchased()).put("inCart", exclude.inCart())
                        .put("viewedWithinDays", exclude.viewedWithinDays())
                        .put("contextProduct", exclude.contextProduct());
                json.putObject("ranking").put("by", "score");
            }
            case RULE -> {
                json.put("pageType", "search").put("strength", 0.5).put("enabled", false);
                json.putObject("scope").put("type", "all");
            }
            case COLLECTION -> { }
        }
        return json;
    }

    /** The body a kind's form gives, as the API would take it. */
    ObjectNode read(Kind kind, Map<String, List<String>> form) {
        Form in = new Form(form);
        ObjectNode json = Json.MAPPER.createObjectNode();
        text(json, "name", in.one("name").trim());
        switch (kind) {
            case PLACEMENT -> {
                text(json, "channel", in.one("channel"));
                number(json, "items", in.one("items"));
                text(json, "strategy", in.one("strategy"));
                ObjectNode cap = Json.MAPPER.createObjectNode();
                number(cap, "impressions", in.one("cap.impressions"));
                number(cap, "hours", in.one("cap.hours"));
                if (!cap.isEmpty()) {
                    json.set("cap", cap);
                }
            }
            case STRATEGY -> readStrategy(in, json);
            case RULE -> {
                text(json, "pageType", in.one("pageType"));
                ObjectNode scope = json.putObject("scope");
                text(scope, "type", in.one("scope.type"));
                if (!in.one("scope.type").equals("all")) {
                    ArrayNode values = scope.putArray("values");
                    in.lines("scope.values").forEach(values::add);
                }
                text(json, "model", in.one("model"));
                number(json, "strength", in.one("strength"));
                json.put("enabled", in.checked("enabled"));
            }
            case COLLECTION -> {
                text(json, "filter", in.one("filter"));
                ArrayNode ids = json.putArray("productIds");
                in.lines("productIds").forEach(ids::add);
            }
        }
        return json;
    }

    private static void readStrategy(Form in, ObjectNode json) {
        ArrayNode sources = json.putArray("sources");
        List<String> types = in.all("source.type");
        List<String> sourceModels = in.all("source.model");
        List<String> collections = in.all("source.collection");
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            ObjectNode source = sources.addObject().put("type", type);
            if (type.equals("model") || type.equals("related")) {
                text(source, "model", i < sourceModels.size() ? sourceModels.get(i) : "");
            } else if (type.equals("collection")) {
                text(source, "collection", i < collections.size() ? collections.get(i) : "");
            }
        }
        text(json, "eligibility", in.one("eligibility"));
        ObjectNode exclude = json.putObject("exclude").put("purchased", in.checked("exclude.purchased"))
                .put("inCart", in.checked("exclude.inCart"))
                .put("contextProduct", in.checked("exclude.contextProduct"));
        number(exclude, "viewedWithinDays", in.one("exclude.viewedWithinDays"));
        ObjectNode shown = Json.MAPPER.createObjectNode();
        number(shown, "times", in.one("exclude.shownMoreThan.times"));
        number(shown, "hours", in.one("exclude.shownMoreThan.hours"));
        if (!shown.isEmpty()) {
            exclude.set("shownMoreThan", shown);
        }
        String by = in.one("ranking.by");
        ObjectNode ranking = json.putObject("ranking");
        text(ranking, "by", by);
        if (!by.equals("score")) {
            text(ranking, "formula", in.one("formula"));
        }
        if (by.equals("blend")) {
            number(ranking, "formulaWeight", in.one("ranking.formulaWeight"));
        }
        String attribute = in.one("diversity.attribute");
        if (!attribute.isBlank()) {
            ObjectNode diversity = json.putObject("diversity").put("attribute", attribute);
            number(diversity, "maxPerValue", in.one("diversity.maxPerValue"));
        }
        ArrayNode fallbacks = json.putArray("fallbacks");
        in.all("fallback").stream().filter(f -> !f.isBlank()).forEach(fallbacks::add);
    }

    /**
     * A definition's values as its form's fields: plain values, options for each choice (the
     * current value kept even when what it names is gone), rows for repeated parts, and the
     * check of each expression.
     *
     * @param errors problems by field id ({@link #fieldId})
     */
    Map<String, Object> fields(Kind kind, String catalog, String id, JsonNode json, Map<String, String> errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", text(json, "name"));
        switch (kind) {
            case PLACEMENT -> {
                fields.put("channels", options(CHANNELS, text(json, "channel")));
                fields.put("items", text(json, "items"));
                fields.put("strategies", options(strategyNames(catalog, null), text(json, "strategy")));
                fields.put("capImpressions", text(json.path("cap"), "impressions"));
                fields.put("capHours", text(json.path("cap"), "hours"));
            }
            case STRATEGY -> strategyFields(catalog, id, json, errors, fields);
            case RULE -> {
                fields.put("pageTypes", options(PAGE_TYPES, text(json, "pageType")));
                fields.put("scopes", options(SCOPES, text(json.path("scope"), "type")));
                fields.put("scoped", !json.path("scope").path("type").asText("all").equals("all"));
                fields.put("scopeValues", lines(json.path("scope").path("values")));
                fields.put("models", options(modelNames(catalog), text(json, "model")));
                fields.put("strength", text(json, "strength"));
                fields.put("enabled", json.path("enabled").asBoolean(false));
            }
            case COLLECTION -> {
                fields.put("filter", text(json, "filter"));
                fields.put("filterCheck", ExpressionCheck.check(definitions.expressions(catalog),
                        ExpressionCheck.Field.FILTER, text(json, "filter")));
                fields.put("productIds", lines(json.path("productIds")));
            }
        }
        return fields;
    }

    private void strategyFields(String catalog, String id, JsonNode json, Map<String, String> errors,
                                Map<String, Object> fields) {
        Expressions environment = definitions.expressions(catalog);
        Map<String, String> modelNames = modelNames(catalog);
        Map<String, String> collectionNames = names(definitions.list(Kind.COLLECTION, catalog));
        List<Map<String, Object>> sources = new ArrayList<>();
        JsonNode sourceList = json.path("sources");
        for (int i = 0; i < sourceList.size(); i++) {
            sources.add(sourceRow(String.valueOf(i), sourceList.get(i), modelNames, collectionNames, errors));
        }
        fields.put("sources", sources);
        fields.put("sourceTemplate", sourceRow("__i__", Json.MAPPER.createObjectNode().put("type", "trending"),
                modelNames, collectionNames, Map.of()));
        fields.put("eligibility", text(json, "eligibility"));
        fields.put("eligibilityCheck", ExpressionCheck.check(environment, ExpressionCheck.Field.ELIGIBILITY,
                text(json, "eligibility")));
        JsonNode exclude = json.path("exclude");
        fields.put("purchased", exclude.path("purchased").asBoolean(true));
        fields.put("inCart", exclude.path("inCart").asBoolean(true));
        fields.put("contextProduct", exclude.path("contextProduct").asBoolean(true));
        fields.put("viewedWithinDays", text(exclude, "viewedWithinDays"));
        fields.put("shownTimes", text(exclude.path("shownMoreThan"), "times"));
        fields.put("shownHours", text(exclude.path("shownMoreThan"), "hours"));
        String by = json.path("ranking").path("by").asText("score");
        fields.put("rankings", options(RANKINGS, by));
        fields.put("usesFormula", !by.equals("score"));
        fields.put("usesBlend", by.equals("blend"));
        fields.put("formula", text(json.path("ranking"), "formula"));
        fields.put("formulaCheck", ExpressionCheck.check(environment, ExpressionCheck.Field.FORMULA,
                text(json.path("ranking"), "formula")));
        fields.put("formulaWeight", text(json.path("ranking"), "formulaWeight"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("", "No limit");
        for (AttributeDefinition attribute : catalogs.catalog(catalog).schema().attributes()) {
            attributes.put(attribute.name(), attribute.name());
        }
        fields.put("diversityAttributes", options(attributes, text(json.path("diversity"), "attribute")));
        fields.put("maxPerValue", text(json.path("diversity"), "maxPerValue"));
        Map<String, String> others = strategyNames(catalog, id);
        List<Map<String, Object>> fallbacks = new ArrayList<>();
        JsonNode chain = json.path("fallbacks");
        for (int i = 0; i < chain.size(); i++) {
            String row = String.valueOf(i);
            fallbacks.add(Map.of("index", row, "number", i + 1, "options", options(others, chain.get(i).asText()),
                    "error", errors.getOrDefault("fallbacks_" + row, "")));
        }
        fields.put("fallbacks", fallbacks);
        fields.put("hasOtherStrategies", !others.isEmpty());
        fields.put("fallbackTemplate", Map.of("index", "__i__", "options", options(others, "")));
    }

    private static Map<String, Object> sourceRow(String index, JsonNode source, Map<String, String> modelNames,
                                                 Map<String, String> collectionNames, Map<String, String> errors) {
        String type = text(source, "type");
        String prefix = "sources_" + index + "_";
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", index);
        row.put("types", options(SOURCE_TYPES, type));
        row.put("models", options(modelNames, text(source, "model")));
        row.put("collections", options(collectionNames, text(source, "collection")));
        row.put("usesModel", type.equals("model") || type.equals("related"));
        row.put("usesCollection", type.equals("collection"));
        row.put("typeError", errors.getOrDefault(prefix + "type", ""));
        row.put("modelError", errors.getOrDefault(prefix + "model", ""));
        row.put("collectionError", errors.getOrDefault(prefix + "collection", ""));
        return row;
    }

    /** The id of the form field a problem's path names: {@code sources[1].model} is {@code sources_1_model}. */
    static String fieldId(String path) {
        String id = path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", "");
        // a list typed one per line is one field
        return id.matches("(productIds|scope_values)_\\d+") ? id.substring(0, id.lastIndexOf('_')) : id;
    }

    /**
     * The problems by field id, each field's in one sentence list. An expression's errors are
     * left to its check, which shows them with a caret under their position.
     */
    static Map<String, String> errors(List<Problem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem problem : problems) {
            if (problem.code().equals("invalid_expression")) {
                continue;
            }
            errors.merge(fieldId(problem.path()), capitalized(problem.message()) + ".", (a, b) -> a + " " + b);
        }
        return errors;
    }

    private static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private Map<String, String> strategyNames(String catalog, String except) {
        Map<String, String> names = names(definitions.list(Kind.STRATEGY, catalog));
        names.remove(except);
        return names;
    }

    private Map<String, String> modelNames(String catalog) {
        Map<String, String> names = new LinkedHashMap<>();
        for (StoredModel model : models.list()) {
            if (model.definition().catalog().equals(catalog)) {
                names.put(model.id(), model.id() + " · " + model.definition().name() + " ("
                        + model.definition().kind() + ", " + model.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
            }
        }
        return names;
    }

    private static Map<String, String> names(List<ObjectNode> definitions) {
        Map<String, String> names = new LinkedHashMap<>();
        for (ObjectNode definition : definitions) {
            String id = definition.path("id").asText();
            String name = definition.path("name").asText(id);
            names.put(id, name.equals(id) ? id : id + " · " + name);
        }
        return names;
    }

    /** Options with {@code selected} chosen; a value not among them is kept as an option of its own. */
    private static List<Map<String, Object>> options(Map<String, String> labels, String selected) {
        List<Map<String, Object>> options = new ArrayList<>();
        labels.forEach((value, label) -> options.add(Map.of("value", value, "label", label,
                "selected", value.equals(selected))));
        if (!selected.isEmpty() && !labels.containsKey(selected)) {
            options.add(0, Map.of("value", selected, "label", selected + " (not found)", "selected", true));
        }
        return options;
    }

    private static Map<String, String> labels(String... valuesAndLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < valuesAndLabels.length; i += 2) {
            labels.put(valuesAndLabels[i], valuesAndLabels[i + 1]);
        }
        return labels;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    private static String lines(JsonNode list) {
        List<String> lines = new ArrayList<>();
        list.forEach(value -> lines.add(value.asText()));
        return String.join("\n", lines);
    }

    private static void text(ObjectNode json, String field, String value) {
        if (!value.isBlank()) {
            json.put(field, value);
        }
    }

    /** A whole number, a decimal, or the text as typed for the definition's checks to refuse. */
    private static void number(ObjectNode json, String field, String typed) {
        String value = typed.trim();
        if (value.isEmpty()) {
            return;
        }
        if (value.matches("[-+]?\\d{1,18}")) {
            json.put(field, Long.parseLong(value));
        } else if (value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            json.put(field, Double.parseDouble(value));
        } else {
            json.put(field, value);
        }
    }

    /** A form's fields by name; a missing field reads as empty. */
    private record Form(Map<String, List<String>> fields) {
        String one(String name) {
            List<String> values = fields.get(name);
            return values == null || values.isEmpty() ? "" : values.get(0);
        }

        List<String> all(String name) {
            return fields.getOrDefault(name, List.of());
        }

        boolean checked(String name) {
            return !one(name).isEmpty();
        }

        /** The non-empty lines of a text area, trimmed. */
        List<String> lines(String name) {
            return one(name).lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        }
    }
}
