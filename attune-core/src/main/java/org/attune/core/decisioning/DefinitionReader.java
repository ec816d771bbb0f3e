package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attune.core.decisioning.Definitions.Cap;
import org.attune.core.decisioning.Definitions.Channel;
import org.attune.core.decisioning.Definitions.Diversity;
import org.attune.core.decisioning.Definitions.Exclusions;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.decisioning.Definitions.PageType;
import org.attune.core.decisioning.Definitions.RankBy;
import org.attune.core.decisioning.Definitions.Ranking;
import org.attune.core.decisioning.Definitions.ScopeType;
import org.attune.core.decisioning.Definitions.Source;
import org.attune.core.decisioning.Definitions.SourceType;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Reads a collection, strategy, placement or rule from JSON and checks all of it at once:
 * field types and ranges, CEL expressions (with line and column), and that what it names
 * exists. Thread-safe (stateless).
 */
public final class DefinitionReader {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SOURCES = 10;
    public static final int MAX_FALLBACKS = 5;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_PRODUCT_IDS = 10_000;
    public static final int MAX_SCOPE_VALUES = 1_000;
    public static final int MAX_HOURS = 90 * 24;
    public static final int MAX_VIEWED_DAYS = 365;

    /** What a definition may refer to, in its catalog. */
    public interface References {
        Expressions expressions();

        /** Whether the catalog has a model with this id. */
        boolean model(String id);

        boolean exists(Kind kind, String id);

        /** Whether the catalog's products have this attribute. */
        boolean attribute(String name);
    }

    /** @throws InvalidInputException listing every problem */
    public Definitions.Definition read(Kind kind, String id, JsonNode json, References references) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("invalid_" + kind.jsonName(), "A " + kind.jsonName()
                    + " must be a JSON object");
        }
        Checks checks = new Checks(json);
        if (id == null || !Definitions.ID.matcher(id).matches() || !Identifiers.isSafe(id)) {
            checks.problem("id", "invalid_id", "the id must be 1 to 128 letters, digits, '.', '_' or '-', not only"
                    + " dots");
        }
        if (json.has("id") && !json.get("id").asText().equals(id)) {
            checks.problem("id", "id_mismatch", "the body's id '" + json.get("id").asText()
                    + "' differs from the path's '" + id + "'");
        }
        String name = checks.text("name", false);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            checks.problem("name", "invalid_name", "name is at most " + MAX_NAME_LENGTH + " characters");
        } else if (!Identifiers.isSafe(name)) {
            checks.problem("name", "invalid_name", "name may not be used: " + Identifiers.problem(name));
        }
        String shownName = name == null ? id : name;
        Definitions.Definition read = switch (kind) {
            case COLLECTION -> collection(id, shownName, checks, references);
            case STRATEGY -> strategy(id, shownName, checks, references);
            case PLACEMENT -> placement(id, shownName, checks, references);
            case RULE -> rule(id, shownName, checks, references);
        };
        if (!checks.problems.isEmpty()) {
            throw new InvalidInputException("invalid_" + kind.jsonName(), "The " + kind.jsonName() + " has "
                    + checks.problems.size() + " problem(s)", checks.problems);
        }
        return read;
    }

    private Definitions.Collection collection(String id, String name, Checks checks, References references) {
        String filter = checks.text("filter", false);
        if (filter != null) {
            checks.expression("filter", filter, Expressions.Use.COLLECTION, references);
        }
        List<String> productIds = checks.strings("productIds", MAX_PRODUCT_IDS);
        if (filter == null && productIds.isEmpty()) {
            checks.problem("filter", "empty_collection", "give a filter (a CEL expression over product) or"
                    + " productIds, or both");
        }
        return new Definitions.Collection(id, name, filter, productIds);
    }

    private Definitions.Strategy strategy(String id, String name, Checks checks, References references) {
        List<Source> sources = new ArrayList<>();
        JsonNode list = checks.json.get("sources");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_SOURCES) {
            checks.problem("sources", "invalid_sources", "sources is a list of 1 to " + MAX_SOURCES + " objects, e.g."
                    + " [{\"type\": \"model\", \"model\": \"m_…\"}, {\"type\": \"trending\"}]");
        } else {
            for (int i = 0; i < list.size(); i++) {
                Source source = source(list.get(i), "sources[" + i + "]", checks, references);
                if (source != null) {
                    sources.add(source);
                }
            }
        }
        String eligibility = checks.text("eligibility", false);
        if (eligibility != null) {
            checks.expression("eligibility", eligibility, Expressions.Use.ELIGIBILITY, references);
        }
        Exclusions exclude = exclusions(checks.json.get("exclude"), checks);
        Ranking ranking = ranking(checks.json.get("ranking"), checks, references);
        Diversity diversity = null;
        JsonNode diversityJson = checks.json.get("diversity");
        if (diversityJson != null && !diversityJson.isNull()) {
            String attribute = diversityJson.path("attribute").asText(null);
            if (attribute == null || !references.attribute(attribute)) {
                checks.problem("diversity.attribute", "unknown_attribute", "diversity.attribute must name an"
                        + " attribute of the catalog's products, got " + (attribute == null ? "nothing" : "'"
                        + attribute + "'"));
            }
            int max = checks.integer(diversityJson, "diversity.maxPerValue", "maxPerValue", 1, 1, MAX_ITEMS);
            diversity = new Diversity(attribute, max);
        }
        List<String> fallbacks = checks.strings("fallbacks", MAX_FALLBACKS);
        for (int i = 0; i < fallbacks.size(); i++) {
            String fallback = fallbacks.get(i);
            if (fallback.equals(id)) {
                checks.problem("fallbacks[" + i + "]", "fallback_cycle", "a strategy cannot fall back to itself");
            } else if (!references.exists(Kind.STRATEGY, fallback)) {
                checks.problem("fallbacks[" + i + "]", "unknown_strategy", "no strategy '" + fallback
                        + "' in this catalog; create it first");
            }
        }
        return new Definitions.Strategy(id, name, sources, eligibility, exclude, ranking, diversity, fallbacks);
    }

    private Source source(JsonNode json, String path, Checks checks, References references) {
        String typeName = json.path("type").asText(null);
        SourceType type = typeName == null ? null : SourceType.fromJsonName(typeName).orElse(null);
        if (type == null) {
            checks.problem(path + ".type", "invalid_source_type", "type must be one of "
                    + Definitions.names(SourceType.values()) + ", got " + (typeName == null ? "nothing" : "'"
                    + typeName + "'"));
            return null;
        }
        String model = null;
        String collection = null;
        if (type == SourceType.MODEL || type == SourceType.RELATED) {
            model = json.path("model").asText(null);
            if (model == null || !references.model(model)) {
                checks.problem(path + ".model", "unknown_model", "a " + type.jsonName() + " source names a model"
                        + " of this catalog, got " + (model == null ? "nothing" : "'" + model + "'"));
            }
        }
        if (type == SourceType.COLLECTION) {
            collection = json.path("collection").asText(null);
            if (collection == null || !references.exists(Kind.COLLECTION, collection)) {
                checks.problem(path + ".collection", "unknown_collection", "a collection source names a collection"
                        + " of this catalog, got " + (collection == null ? "nothing" : "'" + collection + "'"));
            }
        }
        return new Source(type, model, collection);
    }

    private static Exclusions exclusions(JsonNode json, Checks checks) {
        if (json == null || json.isNull()) {
            return Exclusions.DEFAULTS;
        }
        Exclusions d = Exclusions.DEFAULTS;
        boolean purchased = checks.bool(json, "exclude.purchased", "purchased", d.purchased());
        boolean inCart = checks.bool(json, "exclude.inCart", "inCart", d.inCart());
        int viewed = checks.integer(json, "exclude.viewedWithinDays", "viewedWithinDays", d.viewedWithinDays(), 0,
                MAX_VIEWED_DAYS);
        boolean context = checks.bool(json, "exclude.contextProduct", "contextProduct", d.contextProduct());
        Cap shown = checks.cap(json.get("shownMoreThan"), "exclude.shownMoreThan", "times");
        if (json.has("outOfStock") && !json.get("outOfStock").asBoolean(true)) {
            checks.problem("exclude.outOfStock", "always_excluded", "products the catalog marks unavailable are"
                    + " never recommended; outOfStock cannot be false");
        }
        return new Exclusions(purchased, inCart, viewed, context, shown);
    }

    private static Ranking ranking(JsonNode json, Checks checks, References references) {
        if (json == null || json.isNull()) {
            return Ranking.BY_SCORE;
        }
        String byName = json.path("by").asText("score");
        RankBy by = Definitions.named(RankBy.values(), byName).orElse(null);
        if (by == null) {
            checks.problem("ranking.by", "invalid_ranking", "ranking.by must be one of "
                    + Definitions.names(RankBy.values()) + ", got '" + byName + "'");
            return Ranking.BY_SCORE;
        }
        String formula = json.path("formula").isTextual() ? json.get("formula").asText() : null;
        if (by != RankBy.SCORE) {
            if (formula == null) {
                checks.problem("ranking.formula", "missing_formula", "ranking by " + by.jsonName()
                        + " needs a formula (a CEL expression giving a number)");
            } else {
                checks.expression("ranking.formula", formula, Expressions.Use.FORMULA, references);
            }
        } else if (formula != null) {
            checks.problem("ranking.formula", "unused_formula", "a formula is used only when ranking.by is formula"
                    + " or blend");
        }
        double weight = json.path("formulaWeight").asDouble(0.5);
        if (by == RankBy.BLEND && !(weight >= 0 && weight <= 1)) {
            checks.problem("ranking.formulaWeight", "invalid_weight", "formulaWeight is from 0 to 1");
        }
        return new Ranking(by, formula, by == RankBy.BLEND ? weight : 0);
    }

    private Definitions.Placement placement(String id, String name, Checks checks, References references) {
        String channelName = checks.json.path("channel").asText("web");
        Channel channel = Definitions.named(Channel.values(), channelName).orElse(null);
        if (channel == null) {
            checks.problem("channel", "invalid_channel", "channel must be one of "
                    + Definitions.names(Channel.values()) + ", got '" + channelName + "'");
        }
        int items = checks.integer(checks.json, "items", "items", 10, 1, MAX_ITEMS);
        String strategy = checks.text("strategy", true);
        if (strategy != null && !references.exists(Kind.STRATEGY, strategy)) {
            checks.problem("strategy", "unknown_strategy", "no strategy '" + strategy + "' in this catalog");
        }
        Cap cap = checks.cap(checks.json.get("cap"), "cap", "impressions");
        return new Definitions.Placement(id, name, channel == null ? Channel.WEB : channel, items, strategy, cap);
    }

    private Definitions.Rule rule(String id, String name, Checks checks, References references) {
        String pageName = checks.json.path("pageType").asText(null);
        PageType pageType = Definitions.named(PageType.values(), pageName).orElse(null);
        if (pageType == null) {
            checks.problem("pageType", "invalid_page_type", "pageType must be one of "
                    + Definitions.names(PageType.values()) + ", got " + (pageName == null ? "nothing" : "'"
                    + pageName + "'"));
        }
        JsonNode scope = checks.json.get("scope");
        ScopeType scopeType = ScopeType.ALL;
        List<String> values = List.of();
        if (scope != null && !scope.isNull()) {
            String scopeName = scope.path("type").asText("all");
            scopeType = Definitions.named(ScopeType.values(), scopeName).orElse(null);
            if (scopeType == null) {
                checks.problem("scope.type", "invalid_scope", "scope.type must be one of "
                        + Definitions.names(ScopeType.values()) + ", got '" + scopeName + "'");
                scopeType = ScopeType.ALL;
            }
            values = new Checks(scope).strings("values", MAX_SCOPE_VALUES);
            if (scopeType != ScopeType.ALL && values.isEmpty()) {
                checks.problem("scope.values", "empty_scope", "a " + scopeType.jsonName()
                        + " scope lists at least one value");
            }
            if (scopeType == ScopeType.ALL && !values.isEmpty()) {
                checks.problem("scope.values", "unused_values", "scope all takes no values");
            }
            if (pageType != null && (scopeType == ScopeType.CATEGORIES && pageType != PageType.CATEGORY
                    || scopeType == ScopeType.QUERIES && pageType != PageType.SEARCH)) {
                checks.problem("scope.type", "scope_page_mismatch", "categories scope category pages and queries"
                        + " scope search pages");
            }
        }
        String model = checks.text("model", true);
        if (model != null && !references.model(model)) {
            checks.problem("model", "unknown_model", "no model '" + model + "' in this catalog");
        }
        double strength = checks.json.path("strength").asDouble(Double.NaN);
        if (!(strength >= 0 && strength <= 1)) {
            checks.problem("strength", "invalid_strength", "strength is from 0 (keep the given order) to 1"
                    + " (order by the model alone)");
        }
        boolean enabled = checks.bool(checks.json, "enabled", "enabled", false);
        return new Definitions.Rule(id, name, pageType == null ? PageType.SEARCH : pageType, scopeType, values, model,
                strength, enabled);
    }

    /** The problems found so far, and readers of typed fields that add to them. */
    private static final class Checks {
        final JsonNode json;
        final List<Problem> problems = new ArrayList<>();

        Checks(JsonNode json) {
            this.json = json;
        }

        void problem(String path, String code, String message) {
            problems.add(new Problem(path, code, message));
        }

        String text(String field, boolean required) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    problem(field, "missing_" + field.toLowerCase(Locale.ROOT), field + " is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                problem(field, "wrong_type", field + " must be a string");
                return null;
            }
            return node.asText();
        }

        List<String> strings(String field, int max) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray() || node.size() > max) {
                problem(field, "wrong_type", field + " must be a list of at most " + max + " strings");
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual() || node.get(i).asText().isEmpty()) {
                    problem(field + "[" + i + "]", "wrong_type", "each entry must be a non-empty string");
                } else {
                    values.add(node.get(i).asText());
                }
            }
            return values;
        }

        boolean bool(JsonNode in, String path, String field, boolean otherwise) {
            JsonNode node = in.get(field);
            if (node == null || node.isNull()) {
                return otherwise;
            }
            if (!node.isBoolean()) {
                problem(path, "wrong_type", path + " must be true or false");
                return otherwise;
            }
            return node.asBoolean();
        }

        int integer(JsonNode in, String path, String field, int otherwise, int min, int max) {
            JsonNode node = in.get(field);
            if (node == null || node.isNull()) {
                return otherwise;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
                problem(path, "out_of_range", path + " must be a whole number from " + min + " to " + max);
                return otherwise;
            }
            return node.asInt();
        }

        Cap cap(JsonNode node, String path, String timesName) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                problem(path, "wrong_type", path + " must be an object {\"" + timesName + "\": N, \"hours\": H}");
                return null;
            }
            int times = integer(node, path + "." + timesName, timesName, -1, 1, 1_000);
            int hours = integer(node, path + ".hours", "hours", -1, 1, MAX_HOURS);
            if (!node.has(timesName) || !node.has("hours")) {
                problem(path, "incomplete_cap", path + " needs both " + timesName + " and hours");
            }
            return times < 1 || hours < 1 ? null : new Cap(times, hours);
        }

        void expression(String path, String source, Expressions.Use use, References references) {
            Expressions.Result result = references.expressions().compile(source, use);
            for (Expressions.Error error : result.errors()) {
                problems.add(new Problem(path, "invalid_expression", error.describe()));
            }
        }
    }
}
