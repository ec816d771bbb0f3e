package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.json.Json;
import org.attune.core.model.ModelKind;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.personalization.PersonalizationSetup;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.personalization.SetupRun;
import org.attune.core.personalization.SetupStatus;
import org.attune.core.personalization.ViabilityReport;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * Setting up a catalog's personalization, step by step: pick the catalog and a model kind,
 * review, start; watch the setup run; read the viability report (criteria by priority with
 * their thresholds, the verdict, next steps, offline accuracy against popularity) and act on
 * it (continue, continue anyway, restart with another kind, retry); activate with a
 * confirmation; see every run. Each action is the one the API offers under
 * {@code /v1/catalogs/{c}/personalization}.
 */
public final class PersonalizationPage implements StudioPage {
    private static final String HTML = "text/html";
    /** The names of the actions a form may post, as the API names them. */
    static final List<String> ACTIONS = List.of("continue", "continue_anyway", "restart", "retry", "deactivate",
            "run_now");

    private final CatalogService catalogs;
    private final PersonalizationSetups setups;
    private final DataDictionary dictionary;

    public PersonalizationPage(CatalogService catalogs, PersonalizationSetups setups, DataDictionary dictionary) {
        this.catalogs = catalogs;
        this.setups = setups;
        this.dictionary = dictionary;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(
                ApiRoute.get("/studio/setup").access(Access.STUDIO).tag("Studio")
                        .summary("Set up personalization: pick a catalog and a model kind, review, start")
                        .queryParam("catalog", "string", "The catalog chosen")
                        .queryParam("kind", "string", "The model kind chosen")
                        .textResponse(200, "The page (or, for htmx, the review panel)", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            Map<String, Object> model = choice(ctx.queryParam("catalog"), ctx.queryParam("kind"));
                            studio.html(ctx, ctx.header("HX-Request") != null && ctx.header("HX-Boosted") == null
                                    ? studio.pages().fragment("setup-review", session, model)
                                    : studio.pages().page("setup", "Set up personalization", ctx.path(), session,
                                    model));
                        })),
                ApiRoute.post("/studio/setup").access(Access.STUDIO).tag("Studio")
                        .summary("Starts the setup (as POST /v1/catalogs/{c}/personalization)")
                        .description("Form fields catalog and kind.")
                        .textResponse(303, "Started; on to its page", HTML)
                        .textResponse(409, "The catalog has a setup already", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            String catalog = required(ctx.formParam("catalog"), "catalog");
                            setups.start(catalog, kindRequest(ctx.formParam("kind")));
                            ctx.redirect(pagePath(catalog), HttpStatus.SEE_OTHER);
                        })),
                ApiRoute.get("/studio/catalogs/{catalog}/personalization").access(Access.STUDIO).tag("Studio")
                        .summary("A catalog's personalization: progress, viability report, actions, runs")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(200, "The page", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            String catalog = ctx.pathParam("catalog");
                            studio.html(ctx, studio.pages().page("personalization", "Personalization of "
                                    + catalog, ctx.path(), session, model(catalog, ctx.queryParam("done"))));
                        })),
                ApiRoute.get("/studio/catalogs/{catalog}/personalization/progress").access(Access.STUDIO)
                        .tag("Studio")
                        .summary("The setup run's progress, for the page to poll; reloads the page when it ends")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(200, "The progress panel", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            PersonalizationSetup setup = setups.get(ctx.pathParam("catalog"));
                            if (!setup.status().inProgress()) {
                                ctx.header("HX-Refresh", "true");
                            }
                            studio.html(ctx, studio.pages().fragment("setup-progress", progress(setup)));
                        })),
                ApiRoute.post("/studio/catalogs/{catalog}/personalization/{action}").access(Access.STUDIO)
                        .tag("Studio")
                        .summary("An action on the setup: continue, continue_anyway, restart (form field kind),"
                                + " retry, deactivate, run_now, as the API's actions")
                        .pathParam("catalog", "Catalog id")
                        .pathParam("action", "The action")
                        .textResponse(303, "Done; back to the page", HTML)
                        .textResponse(409, "Not possible now: the reason", HTML)
                        .handle(studio.signedIn((ctx, session) -> act(ctx))));
    }

    private void act(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        String action = ctx.pathParam("action");
        ObjectNode none = Json.MAPPER.createObjectNode();
        String done = switch (action) {
            case "continue" -> {
                setups.activate(catalog, none);
                yield "Personalization is active; its model is retrained daily.";
            }
            case "continue_anyway" -> {
                setups.activateAnyway(catalog, none);
                yield "Personalization is active although the report advised against it.";
            }
            case "restart" -> {
                setups.restart(catalog, kindRequest(ctx.formParam("kind")));
                yield "The setup started again with a " + ctx.formParam("kind") + " model.";
            }
            case "retry" -> {
                setups.retry(catalog);
                yield "The setup runs again.";
            }
            case "deactivate" -> {
                setups.deactivate(catalog);
                yield "Personalization is deactivated.";
            }
            case "run_now" -> {
                setups.runNow(catalog);
                yield "A training run started.";
            }
            default -> throw new NotFoundException("unknown_action", "No action '" + action + "'; the actions are "
                    + ACTIONS);
        };
        Studio.redirectDone(ctx, pagePath(catalog), done);
    }

    /** The choice of catalog and kind, and the review once both are chosen. */
    Map<String, Object> choice(String catalog, String kind) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Map<String, Object>> catalogOptions = new ArrayList<>();
        for (Catalog c : catalogs.list()) {
            catalogOptions.add(Map.of("id", c.id(), "name", c.name(), "selected", c.id().equals(catalog)));
        }
        model.put("catalogs", catalogOptions);
        model.put("kinds", kindOptions(kind));
        if (catalog != null && !catalog.isEmpty() && kind != null && !kind.isEmpty()) {
            Catalog chosen = catalogs.catalog(catalog);
            ModelKind<?> chosenKind = BuiltInKinds.ALL.find(kind).orElseThrow(() -> new InvalidInputException(
                    "unknown_kind", "No model kind '" + kind + "'"));
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("catalog", chosen.id());
            review.put("catalogName", chosen.name());
            review.put("products", String.format("%,d", catalogs.stats(chosen.id(), 7).products()));
            review.put("events", String.format("%,d", dictionary.events(chosen.id())));
            review.put("kind", chosenKind.name());
            review.put("description", chosenKind.description());
            PersonalizationSetup existing = setups.find(chosen.id()).orElse(null);
            if (existing != null && existing.status() != SetupStatus.DEACTIVATED) {
                review.put("existing", CatalogsPage.Status.of(existing.status()).label);
            }
            model.put("review", review);
        }
        return model;
    }

    private static List<Map<String, Object>> kindOptions(String chosen) {
        return BuiltInKinds.ALL.all().stream().map(k -> Map.<String, Object>of("name", k.name(),
                "label", k.label(), "description", k.description(), "selected", k.name().equals(chosen)))
                .toList();
    }

    /** The words the studio uses for a kind: its label, or its name when no kind has it. */
    static String label(String kind) {
        return BuiltInKinds.ALL.find(kind).map(ModelKind::label).orElse(kind);
    }

    Map<String, Object> model(String catalog, String done) {
        catalogs.catalog(catalog);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog);
        if (done != null && !done.isBlank()) {
            model.put("done", done);
        }
        PersonalizationSetup setup = setups.find(catalog).orElse(null);
        if (setup == null) {
            model.put("none", true);
            return model;
        }
        CatalogsPage.Status status = CatalogsPage.Status.of(setup.status());
        model.put("status", status.label);
        model.put("badge", status.badge);
        model.put("kind", label(setup.modelKind()));
        model.put("modelId", setup.modelId());
        model.put("kinds", kindOptions(setup.modelKind()));
        if (setup.status().inProgress()) {
            model.put("progress", progress(setup));
        }
        if (setup.failure() != null) {
            model.put("failure", setup.failure());
        }
        if (setup.viability() != null) {
            model.put("viability", viability(setup.viability()));
        }
        SetupStatus s = setup.status();
        model.put("canContinue", s.activatable());
        model.put("canContinueAnyway", s == SetupStatus.NOT_VIABLE);
        model.put("canRetry", s == SetupStatus.ASSESSMENT_FAILED || s == SetupStatus.SETUP_FAILED);
        model.put("canRestart", !s.inProgress() && s != SetupStatus.ACTIVE && s != SetupStatus.DEACTIVATED);
        model.put("active", s == SetupStatus.ACTIVE);
        model.put("deactivated", s == SetupStatus.DEACTIVATED);
        if (s == SetupStatus.ACTIVE) {
            model.put("activatedAt", String.valueOf(setup.activatedAt()));
            model.put("schedule", setup.schedule().time() + " " + setup.schedule().zone().getId());
            putDeactivation(model, setups, catalog);
        }
        model.put("runs", runs(catalog));
        return model;
    }

    /** {@code canDeactivate}, or the {@code blockers} that stop a deactivation now. */
    static void putDeactivation(Map<String, Object> values, PersonalizationSetups setups, String catalog) {
        List<String> blockers = setups.deactivationBlockers(catalog);
        if (blockers.isEmpty()) {
            values.put("canDeactivate", true);
        } else {
            values.put("blockers", blockers);
        }
    }

    private static Map<String, Object> progress(PersonalizationSetup setup) {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("catalog", setup.catalog());
        progress.put("phase", setup.phase());
        progress.put("percent", setup.percent());
        progress.put("status", CatalogsPage.Status.of(setup.status()).label);
        progress.put("running", setup.status().inProgress());
        return progress;
    }

    private static Map<String, Object> viability(ViabilityReport report) {
        Map<String, Object> model = new LinkedHashMap<>();
        CatalogsPage.Status verdict = CatalogsPage.Status.of(report.outcome());
        model.put("verdict", verdict.label);
        model.put("badge", verdict.badge);
        model.put("assessedAt", report.assessedAt().toString());
        Map<Integer, List<Map<String, Object>>> byPriority = new TreeMap<>();
        java.util.Set<String> steps = new java.util.LinkedHashSet<>();
        for (ViabilityReport.Criterion c : report.criteria()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name().replace('_', ' '));
            boolean share = c.name().endsWith("_share");
            row.put("value", share ? percent(c.value()) : number(c.value()));
            row.put("recommended", share ? percent(c.recommended()) : number(c.recommended()));
            row.put("minimum", share ? percent(c.minimum()) : number(c.minimum()));
            row.put("rating", c.rating().jsonName());
            row.put("meaning", c.meaning());
            byPriority.computeIfAbsent(c.priority(), p -> new ArrayList<>()).add(row);
            if (c.rating() != ViabilityReport.Rating.GREEN && c.action() != null && !c.action().isBlank()) {
                steps.add(c.action());
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        byPriority.forEach((priority, rows) -> groups.add(Map.of("priority", priority, "title", switch (priority) {
            case 1 -> "Priority 1: catalog readiness (required)";
            case 2 -> "Priority 2: scale and traffic (required)";
            default -> "Priority " + priority + ": feedback quality (for information)";
        }, "criteria", rows)));
        model.put("groups", groups);
        model.put("steps", List.copyOf(steps));
        if (report.churnWarning() != null) {
            model.put("churnWarning", report.churnWarning());
        }
        if (report.accuracy() != null) {
            var a = report.accuracy();
            model.put("accuracy", Map.of("protocol", a.protocol(), "testPeople", String.format("%,d", a.testPeople()),
                    "hitRate", percent(a.hitRate10()), "popularityHitRate", percent(a.popularityHitRate10()),
                    "ndcg", String.format("%.3f", a.ndcg10()), "popularityNdcg",
                    String.format("%.3f", a.popularityNdcg10()),
                    "better", a.hitRate10() > a.popularityHitRate10()));
        }
        return model;
    }

    private List<Map<String, Object>> runs(String catalog) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<SetupRun> runs = new ArrayList<>(setups.runs(catalog));
        java.util.Collections.reverse(runs);
        for (SetupRun run : runs) {
            JsonNode json = run.toJson();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trigger", json.path("trigger").asText());
            row.put("startedAt", json.path("startedAt").asText());
            row.put("duration", json.path("durationMillis").isNull() ? "running"
                    : String.format("%.1f s", json.path("durationMillis").asLong() / 1000.0));
            row.put("outcome", json.path("outcome").asText(""));
            row.put("error", json.path("error").isNull() ? "" : json.path("error").asText());
            JsonNode version = json.path("version");
            if (!version.isMissingNode() && !version.isNull()) {
                row.put("version", version.path("version").asText());
                row.put("data", describeData(version));
                row.put("metrics", describeMetrics(version));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String describeData(JsonNode version) {
        JsonNode data = version.path("data");
        List<String> parts = new ArrayList<>();
        for (String count : List.of("events", "people", "products", "interactions")) {
            if (data.path(count).isNumber()) {
                parts.add(String.format("%,d %s", data.path(count).asLong(), count));
            }
        }
        return String.join(", ", parts);
    }

    private static String describeMetrics(JsonNode version) {
        JsonNode metrics = version.path("metrics");
        if (metrics.isMissingNode() || metrics.isNull()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        metrics.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                parts.add(e.getKey() + " " + number(e.getValue().asDouble()));
            }
        });
        return String.join(", ", parts);
    }

    private static ObjectNode kindRequest(String kind) {
        return Json.MAPPER.createObjectNode().put("kind", required(kind, "kind"));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("invalid_request", "Choose a " + field,
                    List.of(new org.attune.core.validation.Problem(field, "required", field + " is required")));
        }
        return value;
    }

    static String pagePath(String catalog) {
        return "/studio/catalogs/" + Studio.encode(catalog) + "/personalization";
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format("%,d", (long) value)
                : Math.abs(value) < 1 ? String.format("%.3f", value) : String.format("%,.2f", value);
    }

    private static String percent(double value) {
        return String.format("%.1f%%", value * 100);
    }
}
