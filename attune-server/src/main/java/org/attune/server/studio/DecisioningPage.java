package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.Rerank;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.model.ModelService;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * A catalog's decisioning: its placements, strategies, collections and rules listed with what
 * matters at a glance, edited in forms ({@link DecisioningForms}) that save through
 * {@link DecisioningDefinitions} as the API does, deleted after a confirmation (or refused,
 * with what still uses them). Expressions are checked as they are typed
 * ({@link ExpressionCheck}); beside the placement, strategy and rule editors the preview of the
 * saved definition ({@link DecisioningPreviewPanels}).
 */
public final class DecisioningPage implements StudioPage {
    private static final String HTML = "text/html";
    private static final String KINDS = "placements, strategies, collections or rules";

    private final CatalogService catalogs;
    private final DecisioningDefinitions definitions;
    private final DecisioningForms forms;
    private final DecisioningPreviewPanels panels;

    public DecisioningPage(CatalogService catalogs, DecisioningDefinitions definitions, ModelService models,
                           PlacementPreview preview, RulePreview rulePreview) {
        this.catalogs = catalogs;
        this.definitions = definitions;
        this.forms = new DecisioningForms(catalogs, definitions, models);
        this.panels = new DecisioningPreviewPanels(definitions, preview, rulePreview);
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        String base = "/studio/catalogs/{catalog}/decisioning";
        return List.of(
                ApiRoute.get("/studio/decisioning").access(Access.STUDIO).tag("Studio")
                        .summary("Decisioning: pick a catalog (with one catalog, straight on to it)")
                        .textResponse(200, "The catalogs with their numbers of placements, strategies, collections"
                                + " and rules", HTML)
                        .textResponse(303, "The only catalog's decisioning", HTML)
                        .handle(studio.signedIn((ctx, session) -> chooser(studio, ctx, session))),
                ApiRoute.get(base).access(Access.STUDIO).tag("Studio")
                        .summary("A catalog's placements, strategies, collections and rules")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("done", "string", "A message to show: what was just done")
                        .textResponse(200, "The page", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            String catalog = ctx.pathParam("catalog");
                            Map<String, Object> model = list(catalog);
                            putIfGiven(model, "done", ctx.queryParam("done"));
                            studio.html(ctx, studio.pages().page("decisioning", "Decisioning of " + catalog,
                                    ctx.path(), session, model));
                        })),
                ApiRoute.get(base + "/{kind}").access(Access.STUDIO).tag("Studio")
                        .summary("The form for a new placement, strategy, collection or rule")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("kind", "placements, strategies, collections or rules")
                        .queryParam("strategy", "string", "Placements: the strategy chosen at first")
                        .textResponse(200, "The form, with the kind's defaults", HTML)
                        .textResponse(404, "No such catalog or kind", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            Kind kind = kind(ctx.pathParam("kind"));
                            ObjectNode blank = DecisioningForms.blank(kind);
                            String strategy = ctx.queryParam("strategy");
                            if (kind == Kind.PLACEMENT && strategy != null) {
                                blank.put("strategy", strategy);
                            }
                            editorPage(studio, ctx, session, editor(ctx.pathParam("catalog"), kind, null, blank,
                                    List.of(), PreviewAsk.of(null, null, null, null, null)));
                        })),
                ApiRoute.post(base + "/{kind}").access(Access.STUDIO).tag("Studio")
                        .summary("Creates a placement, strategy, collection or rule (as PUT"
                                + " /v1/catalogs/{c}/{kind}/{id} for an id not taken yet)")
                        .description("The editor's form fields; id names the new definition. Checked as the API"
                                + " checks it; an id already taken is refused too.")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("kind", "placements, strategies, collections or rules")
                        .textResponse(303, "Saved; on to its editor", HTML)
                        .textResponse(400, "Refused: the form again as typed, each problem next to its field", HTML)
                        .handle(studio.signedIn((ctx, session) -> save(studio, ctx, session, null))),
                ApiRoute.get(base + "/{kind}/{id}").access(Access.STUDIO).tag("Studio")
                        .summary("Edit a placement, strategy, collection or rule; placements, strategies and rules"
                                + " with a preview of the saved definition")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("kind", "placements, strategies, collections or rules")
                        .pathParam("id", "The definition's id")
                        .queryParam("saved", "string", "Set after a save: says so")
                        .queryParam("placement", "string", "Strategies: the placement (one using it) to preview")
                        .queryParam("page", "string", "Rules: the search query or category of the page to preview"
                                + " (else one the rule's scope names)")
                        .queryParam("products", "string", "Rules: the page's product ids in the shop's order,"
                                + " separated by spaces, commas or lines (else the first "
                                + RulePreview.DEFAULT_PRODUCTS + " available products)")
                        .queryParam("person", "string", "Preview for this anonymous id or user id")
                        .queryParam("events", "string", "Preview for these events, one per line, 'type product-id'")
                        .textResponse(200, "The editor (for htmx targeting #preview-panel, that panel alone)", HTML)
                        .textResponse(404, "No such catalog, kind or definition", HTML)
                        .handle(studio.signedIn((ctx, session) -> edit(studio, ctx, session))),
                ApiRoute.post(base + "/{kind}/{id}").access(Access.STUDIO).tag("Studio")
                        .summary("Saves a placement, strategy, collection or rule (as PUT"
                                + " /v1/catalogs/{c}/{kind}/{id})")
                        .description("The editor's form fields, and preview.placement, preview.page,"
                                + " preview.products, preview.person and preview.events to show the same preview"
                                + " after the save.")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("kind", "placements, strategies, collections or rules")
                        .pathParam("id", "The definition's id")
                        .textResponse(303, "Saved; back to its editor", HTML)
                        .textResponse(400, "Refused: the form again as typed, each problem next to its field", HTML)
                        .handle(studio.signedIn((ctx, session) -> save(studio, ctx, session,
                                ctx.pathParam("id")))),
                ApiRoute.post(base + "/rules/{id}/preview").access(Access.STUDIO).tag("Studio")
                        .summary("Previews the saved rule's re-rank of a search or category page (as POST"
                                + " /v1/rerank/preview), recording nothing")
                        .description("Form fields page (the search query or category; empty for one the rule's"
                                + " scope names), products (the page's product ids in the shop's order, separated"
                                + " by spaces, commas or lines, up to " + Rerank.MAX_PRODUCTS + "; empty for"
                                + " the first " + RulePreview.DEFAULT_PRODUCTS + " available products, of the"
                                + " category for a category page), person (an anonymous id or user id; empty for a"
                                + " new visitor) or events (one per line, 'type product-id'). A form and not a"
                                + " GET: a page's products may be longer than an address.")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("id", "The rule's id")
                        .textResponse(200, "For htmx the preview panel alone, with HX-Push-Url giving the editor's"
                                + " address with the inputs; else the editor with it. Products or events that"
                                + " cannot be read are shown in the panel with the reasons.", HTML)
                        .textResponse(404, "No such catalog or rule", HTML)
                        .handle(studio.signedIn((ctx, session) -> previewRule(studio, ctx, session))),
                ApiRoute.post(base + "/{kind}/{id}/delete").access(Access.STUDIO).tag("Studio")
                        .summary("Deletes a placement, strategy, collection or rule (as DELETE"
                                + " /v1/catalogs/{c}/{kind}/{id})")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("kind", "placements, strategies, collections or rules")
                        .pathParam("id", "The definition's id")
                        .textResponse(303, "Deleted; back to the list", HTML)
                        .textResponse(409, "Something still uses it: the list, with what uses it", HTML)
                        .handle(studio.signedIn((ctx, session) -> delete(studio, ctx, session))),
                ApiRoute.post("/studio/catalogs/{catalog}/expressions/check").access(Access.STUDIO).tag("Studio")
                        .summary("Checks an editor's CEL expression as it is typed (as POST"
                                + " /v1/catalogs/{c}/expressions/check)")
                        .description("The form field named by 'field' holds the expression (the editors post their"
                                + " whole form).")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("field", "string", "eligibility, formula or filter")
                        .textResponse(200, "Fine with what it gives, or each error with its line, column and a"
                                + " caret under the position", HTML)
                        .textResponse(400, "An unknown field", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            String name = String.valueOf(ctx.queryParam("field"));
                            ExpressionCheck.Field field = ExpressionCheck.Field.named(name).orElseThrow(() ->
                                    new InvalidInputException("invalid_field", "field must be eligibility, formula"
                                            + " or filter, got '" + name + "'"));
                            studio.html(ctx, studio.pages().fragment("expression-check", ExpressionCheck.check(
                                    definitions.expressions(ctx.pathParam("catalog")), field,
                                    ctx.formParam(field.formName))));
                        })));
    }

    private void chooser(Studio studio, Context ctx, StudioSessions.Session session) {
        List<Catalog> all = catalogs.list();
        if (all.size() == 1) {
            ctx.redirect(listPath(all.get(0).id()), HttpStatus.SEE_OTHER);
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Catalog catalog : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", catalog.id());
            row.put("name", catalog.name());
            for (Kind kind : Kind.values()) {
                row.put(kind.plural(), definitions.list(kind, catalog.id()).size());
            }
            rows.add(row);
        }
        studio.html(ctx, studio.pages().page("decisioning-catalogs", "Decisioning", ctx.path(), session,
                Map.of("catalogs", rows)));
    }

    /** The lists, each row with what matters at a glance. */
    Map<String, Object> list(String catalog) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog);
        model.put("placements", rows(catalog, Kind.PLACEMENT, (json, row) -> {
            row.put("channel", json.path("channel").asText());
            row.put("items", json.path("items").asInt());
            row.put("strategy", json.path("strategy").asText());
            JsonNode cap = json.path("cap");
            row.put("cap", cap.isObject() ? cap.path("impressions").asInt() + " per " + cap.path("hours").asInt()
                    + " h" : "none");
        }));
        model.put("strategies", rows(catalog, Kind.STRATEGY, (json, row) -> {
            List<String> sources = new ArrayList<>();
            for (JsonNode source : json.path("sources")) {
                String named = source.path("model").asText(source.path("collection").asText(""));
                sources.add(source.path("type").asText() + (named.isEmpty() ? "" : " " + named));
            }
            row.put("sources", String.join(", ", sources));
            JsonNode ranking = json.path("ranking");
            String by = ranking.path("by").asText("score");
            row.put("ranking", switch (by) {
                case "formula" -> "by formula";
                case "blend" -> "blend, formula weight " + ranking.path("formulaWeight").asText();
                default -> "by score";
            });
            row.put("formula", ranking.path("formula").asText(""));
            row.put("eligibility", json.path("eligibility").asText(""));
            List<String> fallbacks = new ArrayList<>();
            json.path("fallbacks").forEach(f -> fallbacks.add(f.asText()));
            row.put("fallbacks", fallbacks.isEmpty() ? "none" : String.join(" → ", fallbacks));
        }));
        model.put("collections", rows(catalog, Kind.COLLECTION, (json, row) -> {
            row.put("filter", json.path("filter").asText(""));
            row.put("listed", json.path("productIds").size());
        }));
        model.put("rules", rows(catalog, Kind.RULE, (json, row) -> {
            JsonNode scope = json.path("scope");
            List<String> values = new ArrayList<>();
            scope.path("values").forEach(v -> values.add(v.asText()));
            row.put("pageType", json.path("pageType").asText());
            row.put("scope", values.isEmpty() ? "every page" : scope.path("type").asText() + " "
                    + String.join(", ", values));
            row.put("model", json.path("model").asText());
            row.put("strength", json.path("strength").asText());
            row.put("enabled", json.path("enabled").asBoolean());
        }));
        return model;
    }

    private List<Map<String, Object>> rows(String catalog, Kind kind,
                                           BiConsumer<JsonNode, Map<String, Object>> glance) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectNode json : definitions.list(kind, catalog)) {
            Map<String, Object> row = new LinkedHashMap<>();
            String id = json.path("id").asText();
            row.put("id", id);
            row.put("name", json.path("name").asText(id));
            row.put("dialog", "delete-" + kind.plural() + "-" + rows.size());
            glance.accept(json, row);
            rows.add(row);
        }
        return rows;
    }

    private void edit(Studio studio, Context ctx, StudioSessions.Session session) {
        String catalog = ctx.pathParam("catalog");
        Kind kind = kind(ctx.pathParam("kind"));
        String id = ctx.pathParam("id");
        PreviewAsk ask = PreviewAsk.of(ctx.queryParam("placement"), ctx.queryParam("page"),
                ctx.queryParam("products"), ctx.queryParam("person"), ctx.queryParam("events"));
        if ("preview-panel".equals(ctx.header("HX-Target")) && (kind == Kind.PLACEMENT || kind == Kind.STRATEGY)) {
            studio.html(ctx, studio.pages().fragment("decisioning-preview", panels.placement(catalog, kind, id, ask)));
            return;
        }
        Map<String, Object> model = editor(catalog, kind, id, definitions.get(kind, catalog, id), List.of(), ask);
        if (ctx.queryParam("saved") != null) {
            model.put("saved", "Saved the " + kind.jsonName() + " '" + id + "'."
                    + (kind == Kind.COLLECTION ? "" : " The preview shows it as saved."));
        }
        editorPage(studio, ctx, session, model);
    }

    /** The rule's preview asked again: the panel for htmx (the address following), else the whole editor. */
    private void previewRule(Studio studio, Context ctx, StudioSessions.Session session) {
        String catalog = ctx.pathParam("catalog");
        String id = ctx.pathParam("id");
        JsonNode saved = definitions.get(Kind.RULE, catalog, id);
        PreviewAsk ask = PreviewAsk.of(null, ctx.formParam("page"), ctx.formParam("products"),
                ctx.formParam("person"), ctx.formParam("events"));
        if (ctx.header("HX-Request") == null) {
            editorPage(studio, ctx, session, editor(catalog, Kind.RULE, id, saved, List.of(), ask));
            return;
        }
        String query = ask.query();
        ctx.header("HX-Push-Url", editorPath(catalog, Kind.RULE, id) + (query.isEmpty() ? "" : "?" + query));
        studio.html(ctx, studio.pages().fragment("decisioning-rule-preview", session, panels.rule(catalog, id, ask)));
    }

    private void save(Studio studio, Context ctx, StudioSessions.Session session, String existing) {
        String catalog = ctx.pathParam("catalog");
        Kind kind = kind(ctx.pathParam("kind"));
        ObjectNode body = forms.read(kind, ctx.formParamMap());
        String id = existing != null ? existing : String.valueOf(ctx.formParam("id")).trim();
        PreviewAsk ask = PreviewAsk.of(ctx.formParam("preview.placement"), ctx.formParam("preview.page"),
                ctx.formParam("preview.products"), ctx.formParam("preview.person"), ctx.formParam("preview.events"));
        try {
            if (existing == null && definitions.list(kind, catalog).stream()
                    .anyMatch(d -> d.path("id").asText().equals(id))) {
                throw new InvalidInputException("invalid_" + kind.jsonName(), "The id is taken", List.of(
                        new Problem("id", "id_taken", "a " + kind.jsonName() + " '" + id + "' exists already:"
                                + " choose another id, or edit that one")));
            }
            definitions.put(kind, catalog, id, body);
        } catch (InvalidInputException refused) {
            Map<String, Object> model = editor(catalog, kind, existing, body, refused.problems(), ask);
            model.put("typedId", id);
            answer(ctx, 400, studio.pages().page("decisioning-" + kind.jsonName(), String.valueOf(model.get("title")),
                    ctx.path(), session, model));
            return;
        }
        String query = ask.query();
        ctx.redirect(editorPath(catalog, kind, id) + "?saved=1" + (query.isEmpty() ? "" : "&" + query),
                HttpStatus.SEE_OTHER);
    }

    private void delete(Studio studio, Context ctx, StudioSessions.Session session) {
        String catalog = ctx.pathParam("catalog");
        Kind kind = kind(ctx.pathParam("kind"));
        String id = ctx.pathParam("id");
        try {
            definitions.delete(kind, catalog, id);
        } catch (ConflictException inUse) {
            Map<String, Object> model = list(catalog);
            model.put("refused", "Cannot delete: " + inUse.getMessage() + ".");
            answer(ctx, 409, studio.pages().page("decisioning", "Decisioning of " + catalog, ctx.path(), session,
                    model));
            return;
        }
        Studio.redirectDone(ctx, listPath(catalog), "Deleted the " + kind.jsonName() + " '" + id + "'.");
    }

    /** A page with a status other than 200: a refused save or deletion. */
    private static void answer(Context ctx, int status, String body) {
        ctx.status(status).contentType(HTML + "; charset=utf-8").result(body);
    }

    private static void editorPage(Studio studio, Context ctx, StudioSessions.Session session,
                                   Map<String, Object> model) {
        studio.html(ctx, studio.pages().page("decisioning-" + model.get("kindName"), String.valueOf(model.get("title")),
                ctx.path(), session, model));
    }

    /**
     * An editor: the definition's fields, its problems next to them and in a summary, and for
     * placements, strategies and rules the preview of what is saved.
     *
     * @param id the definition's id, or null for a new one
     */
    private Map<String, Object> editor(String catalog, Kind kind, String id, JsonNode values, List<Problem> problems,
                                       PreviewAsk ask) {
        Map<String, String> errors = DecisioningForms.errors(problems);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog);
        model.put("kind", kind.plural());
        model.put("kindName", kind.jsonName());
        model.put("isNew", id == null);
        model.put("id", id == null ? "" : id);
        model.put("typedId", id == null ? "" : id);
        String title = (id == null ? "New " + kind.jsonName() : capitalized(kind.jsonName()) + " " + id);
        model.put("title", title);
        model.put("action", id == null ? "/studio/catalogs/" + catalog + "/decisioning/" + kind.plural()
                : editorPath(catalog, kind, id));
        model.put("fields", forms.fields(kind, catalog, id, values, errors));
        model.put("errors", errors);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Problem problem : problems) {
            summary.add(Map.of("field", DecisioningForms.fieldId(problem.path()), "path", problem.path(),
                    "message", problem.message()));
        }
        model.put("problems", summary);
        if (kind == Kind.PLACEMENT || kind == Kind.STRATEGY) {
            model.put("preview", panels.placement(catalog, kind, id, ask));
        } else if (kind == Kind.RULE) {
            model.put("preview", panels.rule(catalog, id, ask));
        }
        return model;
    }

    private static Kind kind(String plural) {
        return Arrays.stream(Kind.values()).filter(k -> k.plural().equals(plural)).findFirst()
                .orElseThrow(() -> new NotFoundException("unknown_kind", "No kind '" + plural + "'; the studio edits "
                        + KINDS));
    }

    static String listPath(String catalog) {
        return "/studio/catalogs/" + Studio.encode(catalog) + "/decisioning";
    }

    static String editorPath(String catalog, Kind kind, String id) {
        return listPath(catalog) + "/" + kind.plural() + "/" + Studio.encode(id);
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static void putIfGiven(Map<String, Object> model, String key, String value) {
        if (value != null && !value.isBlank()) {
            model.put(key, value);
        }
    }
}
