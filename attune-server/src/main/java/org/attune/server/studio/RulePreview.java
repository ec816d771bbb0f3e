package org.attune.server.studio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Rerank;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * A search or category rule's re-rank as the studio shows it beside the rule's editor: a
 * page (its search query or category) with its products in the shop's order, re-ranked for a
 * person (read as {@link PlacementPreview#who} reads them) by {@link DecisionEngine#rerank}, as
 * {@code POST /v1/rerank/preview} does: nothing is recorded. It says which rule applied, or
 * why the edited rule did not, and lists each product with its old and new place and the
 * model's score. Thread-safe.
 */
public final class RulePreview {
    /** Products a page gets when none are typed. */
    static final int DEFAULT_PRODUCTS = 20;
    /** Unknown product ids named one by one, at most. */
    static final int NAMED_UNKNOWN = 10;

    private final CatalogService catalogs;
    private final DecisionEngine engine;
    private final DecisioningDefinitions definitions;
    private final PlacementPreview people;

    public RulePreview(CatalogService catalogs, DecisionEngine engine, DecisioningDefinitions definitions,
                       PlacementPreview people) {
        this.catalogs = catalogs;
        this.engine = engine;
        this.definitions = definitions;
        this.people = people;
    }

    /** The saved rule, as requests see it. */
    Definitions.Rule rule(String catalog, String id) {
        return definitions.compiled(catalog).rules().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown_rule", "No rule '" + id + "' in catalog '"
                        + catalog + "'"));
    }

    /**
     * The page a preview starts from: a category the rule lists, or a query its first pattern
     * matches (the pattern without its {@code *}); empty for a rule of every page.
     */
    static String pageOf(Definitions.Rule rule) {
        return switch (rule.scope()) {
            case ALL -> "";
            case CATEGORIES -> rule.values().isEmpty() ? "" : rule.values().get(0);
            case QUERIES -> rule.values().isEmpty() ? "" : rule.values().get(0).replace("*", " ").strip()
                    .replaceAll("\\s+", " ");
        };
    }

    /**
     * The re-rank of the page for the {@code decisioning-rule-preview} template.
     *
     * @param page the search query or category (by the rule's page type), not blank
     * @param typedProducts product ids separated by spaces, commas or lines; blank for the
     *                      first {@value #DEFAULT_PRODUCTS} available products (of the category)
     * @throws InvalidInputException when products or typed events cannot be read, every problem
     */
    Map<String, Object> rerank(String catalog, Definitions.Rule rule, String page, String typedProducts,
                               String person, String typedEvents) {
        Map<String, Object> preview = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<String> ids;
        if (typedProducts == null || typedProducts.isBlank()) {
            ids = firstProducts(catalog, rule.pageType() == Definitions.PageType.CATEGORY ? page : null, preview,
                    problems);
        } else {
            ids = Arrays.stream(typedProducts.split("[\\s,]+")).filter(id -> !id.isEmpty()).toList();
            checkProducts(catalog, ids, problems);
        }
        PlacementPreview.Who who = null;
        try {
            who = people.who(catalog, person, typedEvents);
        } catch (InvalidInputException unreadable) {
            problems.addAll(unreadable.problems().isEmpty() ? List.of(new Problem("events", unreadable.code(),
                    unreadable.getMessage())) : unreadable.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_rule_preview", "The preview cannot be shown", problems);
        }
        boolean search = rule.pageType() == Definitions.PageType.SEARCH;
        Rerank.Answer answer = engine.rerank(new Rerank.Request(catalog, who.person(),
                rule.pageType(), search ? page : null, search ? null : page, ids, true));
        preview.put("for", who.described());
        preview.put("onPage", (search ? "the search '" : "the category '") + page + "'");
        List<String> notApplying = whyNot(rule, page);
        if (answer.rule() != null) {
            preview.put("applied", answer.rule());
            preview.put("thisRule", answer.rule().equals(rule.id()));
            preview.put("model", answer.model());
            preview.put("strength", BigDecimal.valueOf(answer.strength()).stripTrailingZeros().toPlainString());
            preview.put("why", notApplying.isEmpty() ? "it comes first (a rule for listed categories or queries"
                    + " before a rule for every page, then by id)" : String.join(", and ", notApplying));
        } else {
            preview.put("why", String.join(", and ", notApplying));
        }
        preview.put("warnings", answer.warnings());
        CatalogSchema schema = catalogs.catalog(catalog).schema();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Rerank.RankedItem item : answer.items()) {
            Map<String, Object> row = PlacementPreview.tile(schema, item.id(),
                    catalogs.product(catalog, item.id()).orElse(null));
            int now = items.size();
            int moved = item.position() - now;
            row.put("was", item.position() + 1);
            row.put("now", now + 1);
            row.put("moved", moved > 0 ? "up" : moved < 0 ? "down" : "same");
            row.put("movedText", moved > 0 ? "up " + moved : moved < 0 ? "down " + -moved : "same place");
            row.put("movedBadge", moved > 0 ? "green" : moved < 0 ? "yellow" : "grey");
            if (answer.rule() != null) {
                row.put("score", item.modelScore() == null ? "not known to the model"
                        : "score " + String.format("%.3f", item.modelScore()));
            }
            items.add(row);
        }
        preview.put("items", items);
        return preview;
    }

    /** Why the rule does not apply to the page, in words; empty when it does. */
    private static List<String> whyNot(Definitions.Rule rule, String page) {
        List<String> reasons = new ArrayList<>();
        if (!rule.enabled()) {
            reasons.add("this rule is disabled");
        }
        boolean search = rule.pageType() == Definitions.PageType.SEARCH;
        if (!rule.matches(rule.pageType(), search ? null : page, search ? page : null)) {
            reasons.add(search ? "the query '" + page + "' matches none of this rule's patterns ("
                    + String.join(", ", rule.values()) + ")" : "the category '" + page + "' is not one of this"
                    + " rule's categories (" + String.join(", ", rule.values()) + ")");
        }
        return reasons;
    }

    /** The products of the page are the catalog's, each once, and not too many. */
    private void checkProducts(String catalog, List<String> ids, List<Problem> problems) {
        if (ids.size() > Rerank.MAX_PRODUCTS) {
            problems.add(new Problem("products", "too_many_products", String.format("%,d product ids; a page"
                    + " takes at most %,d", ids.size(), Rerank.MAX_PRODUCTS)));
            return;
        }
        Set<String> seen = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                problems.add(new Problem("products", "duplicate_product", "'" + id + "' is given twice"));
            } else if (catalogs.product(catalog, id).isEmpty()) {
                unknown.add(id);
            }
        }
        for (String id : unknown.subList(0, Math.min(unknown.size(), NAMED_UNKNOWN))) {
            problems.add(new Problem("products", "unknown_product", "'" + id + "' is not a product of the catalog"));
        }
        if (unknown.size() > NAMED_UNKNOWN) {
            problems.add(new Problem("products", "unknown_product", (unknown.size() - NAMED_UNKNOWN)
                    + " more ids are not products of the catalog"));
        }
    }

    /**
     * The first {@value #DEFAULT_PRODUCTS} available products by id: of the category when a
     * category page names one and the catalog has a category attribute; says which in
     * {@code preview.defaulted}.
     */
    private List<String> firstProducts(String catalog, String category, Map<String, Object> preview,
                                       List<Problem> problems) {
        Optional<String> attribute = category == null ? Optional.empty() : catalogs.catalog(catalog).schema()
                .withRole(AttributeRole.CATEGORY).map(AttributeDefinition::name);
        TreeSet<String> first = new TreeSet<>();
        for (Product product : catalogs.products(catalog)) {
            if (product.available() && attribute.map(a -> product.hasValue(a, category)).orElse(true)) {
                first.add(product.id());
                if (first.size() > DEFAULT_PRODUCTS) {
                    first.pollLast();
                }
            }
        }
        String of = attribute.isPresent() ? "the category '" + category + "'" : "the catalog";
        if (first.isEmpty()) {
            problems.add(new Problem("products", "no_products", "no available product of " + of + " to show:"
                    + " type the page's product ids"));
        }
        preview.put("defaulted", "No products typed: the first " + first.size() + " available products of " + of
                + ", by id.");
        return List.copyOf(first);
    }
}
