package org.attune.server.studio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.Rerank;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.validation.InvalidInputException;

/**
 * The preview panels beside the decisioning editors, as the templates show them: a placement's
 * or strategy's decision ({@link PlacementPreview}) and a rule's re-rank of a page
 * ({@link RulePreview}). Each previews the saved definition, never the form being typed, and
 * records nothing.
 */
final class DecisioningPreviewPanels {
    private final DecisioningDefinitions definitions;
    private final PlacementPreview preview;
    private final RulePreview rulePreview;

    DecisioningPreviewPanels(DecisioningDefinitions definitions, PlacementPreview preview, RulePreview rulePreview) {
        this.definitions = definitions;
        this.preview = preview;
        this.rulePreview = rulePreview;
    }

    /**
     * The re-rank preview beside a rule's editor: the saved rule, never the form, on a page
     * (prefilled from the rule's scope) for a person or typed events.
     */
    Map<String, Object> rule(String catalog, String id, PreviewAsk ask) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("typedPage", ask.page());
        panel.put("products", ask.products());
        panel.put("person", ask.person());
        panel.put("events", ask.events());
        if (id == null) {
            panel.put("unavailable", "Save the rule to preview it.");
            return panel;
        }
        Definitions.Rule rule = rulePreview.rule(catalog, id);
        boolean search = rule.pageType() == Definitions.PageType.SEARCH;
        String page = ask.page().isBlank() ? RulePreview.pageOf(rule) : ask.page().strip();
        String values = String.join(", ", rule.values());
        panel.put("action", DecisioningPage.editorPath(catalog, Kind.RULE, id) + "/preview");
        panel.put("page", page);
        panel.put("pageLabel", search ? "Search query" : "Category");
        panel.put("scope", switch (rule.scope()) {
            case ALL -> search ? "every search" : "every category page";
            case QUERIES -> "searches matching " + values;
            case CATEGORIES -> "the category pages of " + values;
        });
        panel.put("maxProducts", String.format("%,d", Rerank.MAX_PRODUCTS));
        panel.put("defaultProducts", RulePreview.DEFAULT_PRODUCTS);
        panel.put("productsOutOfAddress", !ask.productsInAddress());
        panel.put("recentPeople", preview.recentPeople(catalog));
        if (page.isEmpty()) {
            panel.put("prompt", "Type the " + (search ? "search query" : "category") + " of a page to see how the"
                    + " rule re-ranks it.");
            return panel;
        }
        try {
            panel.put("rerank", rulePreview.rerank(catalog, rule, page, ask.products(), ask.person(), ask.events()));
        } catch (InvalidInputException unreadable) {
            panel.put("problems", problems(unreadable));
        }
        return panel;
    }

    /** The preview beside a placement's or strategy's editor: the saved definition, never the form. */
    Map<String, Object> placement(String catalog, Kind kind, String id, PreviewAsk ask) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("kindName", kind.jsonName());
        panel.put("person", ask.person());
        panel.put("events", ask.events());
        if (id == null) {
            panel.put("unavailable", kind == Kind.PLACEMENT ? "Save the placement to preview it."
                    : "Save the strategy, then preview it through a placement that uses it.");
            return panel;
        }
        panel.put("action", DecisioningPage.editorPath(catalog, kind, id));
        String placement = id;
        if (kind == Kind.STRATEGY) {
            List<String> using = definitions.list(Kind.PLACEMENT, catalog).stream()
                    .filter(p -> p.path("strategy").asText().equals(id)).map(p -> p.path("id").asText()).toList();
            if (using.isEmpty()) {
                panel.put("unavailable", "No placement uses this strategy yet: a preview decides a placement.");
                panel.put("newPlacement", DecisioningPage.listPath(catalog) + "/placements?strategy="
                        + Studio.encode(id));
                return panel;
            }
            placement = using.contains(ask.placement()) ? ask.placement() : using.get(0);
            String chosen = placement;
            panel.put("placements", using.stream().map(p -> Map.of("id", p, "selected", p.equals(chosen))).toList());
        }
        panel.put("placement", placement);
        panel.put("recentPeople", preview.recentPeople(catalog));
        try {
            panel.put("decision", preview.decision(catalog, placement, ask.person(), ask.events()));
        } catch (InvalidInputException unreadable) {
            panel.put("problems", problems(unreadable));
        }
        return panel;
    }

    /** Why the typed products or events could not be read, one line each. */
    private static List<String> problems(InvalidInputException unreadable) {
        return unreadable.problems().isEmpty() ? List.of(unreadable.getMessage())
                : unreadable.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
    }
}
