package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.attune.core.json.Json;

/**
 * The four things decisioning is configured with, as records. Each is stored and shown as
 * the JSON {@code toJson} gives; {@link DefinitionReader} reads and checks them.
 */
public final class Definitions {
    /** Ids of collections, strategies, placements and rules: 1 to 128 of letters, digits, {@code . _ -}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private Definitions() {
    }

    /** The kinds, by their path segment. */
    public enum Kind {
        COLLECTION("collections"), STRATEGY("strategies"), PLACEMENT("placements"), RULE("rules");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** The path segment and the name in messages, e.g. {@code strategies}. */
        public String plural() {
            return plural;
        }

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Anything configured: it has an id and shows as JSON. */
    public sealed interface Definition permits Collection, Strategy, Placement, Rule {
        String id();

        ObjectNode toJson();
    }

    /**
     * A named set of products: those the {@code filter} keeps, and those listed in {@code productIds}.
     *
     * @param filter a CEL collection expression over {@code product}, or null
     * @param productIds products always in it, possibly none
     */
    public record Collection(String id, String name, String filter, List<String> productIds) implements Definition {
        public Collection {
            productIds = List.copyOf(productIds);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name).put("filter", filter);
            ArrayNode ids = json.putArray("productIds");
            productIds.forEach(ids::add);
            return json;
        }
    }

    /** Where a strategy's candidates come from. */
    public enum SourceType {
        /** a model personalized for the person (their recent events) */
        MODEL,
        /** a model's products related to the context product */
        RELATED,
        /** the catalog's trending products (in the context category when one is given) */
        TRENDING,
        /** the person's own recently viewed products */
        RECENTLY_VIEWED,
        /** a collection's products, best sellers first */
        COLLECTION;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static java.util.Optional<SourceType> fromJsonName(String name) {
            return named(values(), name);
        }
    }

    /**
     * One candidate source.
     *
     * @param model for {@code model} and {@code related}: the model id, else null
     * @param collection for {@code collection}: the collection id, else null
     */
    public record Source(SourceType type, String model, String collection) {
        ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("type", type.jsonName());
            if (model != null) {
                json.put("model", model);
            }
            if (collection != null) {
                json.put("collection", collection);
            }
            return json;
        }

        /** How the source is named in responses, e.g. {@code model:m_1a2b} or {@code trending}. */
        public String label() {
            return type.jsonName() + (model != null ? ":" + model : collection != null ? ":" + collection : "");
        }
    }

    /**
     * What a strategy leaves out. Products the catalog marks unavailable (out of stock) and
     * products already shown in an earlier placement of the same request are always left out.
     *
     * @param purchased every product the person bought (up to the newest 1,000)
     * @param inCart the products in the person's cart
     * @param viewedWithinDays products the person viewed within this many days; 0 keeps them
     * @param contextProduct the request's context product
     * @param shownMoreThan products shown to the person (in any placement) more than {@code times} within
     *     {@code hours}; null for no limit
     */
    public record Exclusions(boolean purchased, boolean inCart, int viewedWithinDays, boolean contextProduct,
                             Cap shownMoreThan) {
        public static final Exclusions DEFAULTS = new Exclusions(true, true, 0, true, null);

        ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("purchased", purchased).put("inCart", inCart)
                    .put("viewedWithinDays", viewedWithinDays).put("contextProduct", contextProduct);
            if (shownMoreThan == null) {
                json.putNull("shownMoreThan");
            } else {
                json.set("shownMoreThan", shownMoreThan.toJson("times"));
            }
            return json;
        }
    }

    /**
     * A limit on showings: at most {@code times} within {@code hours}.
     *
     * @param times showings allowed in the window (1 or more)
     * @param hours the window, 1 hour to 90 days
     */
    public record Cap(int times, int hours) {
        ObjectNode toJson(String timesName) {
            return Json.MAPPER.createObjectNode().put(timesName, times).put("hours", hours);
        }
    }

    /** How candidates are ordered. */
    public enum RankBy {
        /** the source's score */
        SCORE,
        /** the formula's value */
        FORMULA,
        /** (1 - formulaWeight) x score + formulaWeight x the formula scaled to 0..1 over the candidates */
        BLEND;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param formula a CEL formula, for {@code formula} and {@code blend}, else null
     * @param formulaWeight for {@code blend}: the formula's share, 0 to 1
     */
    public record Ranking(RankBy by, String formula, double formulaWeight) {
        public static final Ranking BY_SCORE = new Ranking(RankBy.SCORE, null, 0);

        ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("by", by.jsonName()).put("formula", formula);
            if (by == RankBy.BLEND) {
                json.put("formulaWeight", formulaWeight);
            }
            return json;
        }
    }

    /** At most {@code maxPerValue} products with the same value of {@code attribute}. */
    public record Diversity(String attribute, int maxPerValue) {
        ObjectNode toJson() {
            return Json.MAPPER.createObjectNode().put("attribute", attribute).put("maxPerValue", maxPerValue);
        }
    }

    /**
     * How to choose products for a placement.
     *
     * @param sources where candidates come from (at least one); a product from several keeps its best score
     * @param eligibility a CEL eligibility expression, or null to keep every candidate
     * @param fallbacks strategies asked in order when this one leaves too few products
     */
    public record Strategy(String id, String name, List<Source> sources, String eligibility, Exclusions exclude,
                           Ranking ranking, Diversity diversity, List<String> fallbacks) implements Definition {
        public Strategy {
            sources = List.copyOf(sources);
            fallbacks = List.copyOf(fallbacks);
        }

        /** Whether some source reads the person's profile. */
        public boolean personal() {
            return sources.stream().anyMatch(s -> s.type() == SourceType.MODEL || s.type() == SourceType.RECENTLY_VIEWED);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name);
            ArrayNode list = json.putArray("sources");
            sources.forEach(s -> list.add(s.toJson()));
            json.put("eligibility", eligibility);
            json.set("exclude", exclude.toJson());
            json.set("ranking", ranking.toJson());
            json.set("diversity", diversity == null ? null : diversity.toJson());
            ArrayNode chain = json.putArray("fallbacks");
            fallbacks.forEach(chain::add);
            return json;
        }
    }

    /** Where recommendations are delivered. */
    public enum Channel {
        WEB, MOBILE, EMAIL;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A place recommendations appear.
     *
     * @param items how many products it shows
     * @param cap the frequency cap: a product is shown to a person in this placement at most
     *     {@code times} within {@code hours}; null for none
     */
    public record Placement(String id, String name, Channel channel, int items, String strategy, Cap cap)
            implements Definition {
        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name)
                    .put("channel", channel.jsonName()).put("items", items).put("strategy", strategy);
            json.set("cap", cap == null ? null : cap.toJson("impressions"));
            return json;
        }
    }

    /** The pages a rule re-ranks. */
    public enum PageType {
        SEARCH, CATEGORY;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which pages of its type a rule applies to. */
    public enum ScopeType {
        /** every page of the type */
        ALL,
        /** category pages whose category is listed */
        CATEGORIES,
        /** searches whose query matches a pattern ({@code *} for any characters, case-insensitive) */
        QUERIES;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Personalization of search or category result lists.
     *
     * @param values the categories or query patterns of the scope; empty for {@code all}
     * @param strength 0 keeps the given order, 1 orders by the model alone
     */
    public record Rule(String id, String name, PageType pageType, ScopeType scope, List<String> values, String model,
                       double strength, boolean enabled) implements Definition {
        public Rule {
            values = List.copyOf(values);
        }

        /** Whether the rule applies to a page of {@code type} with this category or query. */
        public boolean matches(PageType type, String category, String query) {
            if (type != pageType) {
                return false;
            }
            return switch (scope) {
                case ALL -> true;
                case CATEGORIES -> category != null && values.contains(category);
                case QUERIES -> query != null && values.stream().anyMatch(pattern -> glob(pattern).matcher(
                        query.trim().toLowerCase(Locale.ROOT)).matches());
            };
        }

        /** {@code *} stands for any characters; everything else is literal. */
        private static Pattern glob(String pattern) {
            List<String> parts = new ArrayList<>();
            for (String part : pattern.trim().toLowerCase(Locale.ROOT).split("\\*", -1)) {
                parts.add(Pattern.quote(part));
            }
            return Pattern.compile(String.join(".*", parts));
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name)
                    .put("pageType", pageType.jsonName());
            ObjectNode scopeJson = json.putObject("scope").put("type", scope.jsonName());
            ArrayNode list = scopeJson.putArray("values");
            values.forEach(list::add);
            return json.put("model", model).put("strength", strength).put("enabled", enabled);
        }
    }

    /**
     * The value whose JSON name (its name in lower case) is {@code name}; empty for none.
     * Every enum of the definitions is named this way in JSON.
     */
    public static <E extends Enum<E>> java.util.Optional<E> named(E[] values, String name) {
        return Arrays.stream(values).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
    }

    /** The text of a list of allowed names for messages. */
    static String names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }
}
