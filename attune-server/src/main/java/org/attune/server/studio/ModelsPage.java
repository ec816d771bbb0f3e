package org.attune.server.studio;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.model.ModelDefinitionReader;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.Signal;
import org.attune.core.model.StoredModel;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.personalization.PersonalizationSetup;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.personalization.SetupStatus;
import org.attune.core.training.ModelTraining;
import org.attune.core.training.TrainingProgress;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;
import org.attune.server.http.ModelStops;

/**
 * Models: every model with its status; creating and editing one with its signals (event types
 * and product-id paths suggested from the data dictionary); a model's page with its definition,
 * status and training progress, and provisioning and stopping it behind a confirmation; and
 * its analytics ({@link ModelAnalytics}). Each action is the one the API offers under
 * {@code /v1/models}, through the same services, so the same input is refused for the same
 * reasons. Pages read what the services keep (models, versions, the dictionary); never events.
 */
public final class ModelsPage implements StudioPage {
    private static final String HTML = "text/html";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ModelService models;
    private final ModelTraining training;
    private final PersonalizationSetups setups;
    private final CatalogService catalogs;
    private final ModelEditor editor;
    private final ModelAnalytics analytics;

    public ModelsPage(ModelService models, ModelTraining training, PersonalizationSetups setups,
                      CatalogService catalogs, DataDictionary dictionary) {
        this.models = models;
        this.training = training;
        this.setups = setups;
        this.catalogs = catalogs;
        this.editor = new ModelEditor(catalogs, dictionary);
        this.analytics = new ModelAnalytics(training);
    }

    /** The badge a model's status shows: its words and its colour (a CSS class). */
    enum Status {
        DRAFT("draft", "grey"),
        PROVISIONING("provisioning", "blue"),
        RUNNING("running", "active"),
        /** A draft that served before: the API's draft after a stop, with its versions kept. */
        STOPPED("stopped", "grey"),
        FAILED("failed", "red");

        final String label;
        final String badge;

        Status(String label, String badge) {
            this.label = label;
            this.badge = badge;
        }

        static Status of(StoredModel model) {
            return model.status() == ModelStatus.DRAFT && model.activeVersion() != null ? STOPPED
                    : valueOf(model.status().name());
        }
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(
                ApiRoute.get("/studio/models").access(Access.STUDIO).tag("Studio")
                        .summary("Models: each with its catalog, kind, status, active version and last update")
                        .queryParam("done", "string", "A message to show: what was just done")
                        .textResponse(200, "The page", HTML)
                        .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("models",
                                "Models", ctx.path(), session, list(ctx.queryParam("done")))))),
                ApiRoute.get("/studio/models/new").access(Access.STUDIO).tag("Studio")
                        .summary("A new model's form; for htmx, the form again with what was typed and fresh"
                                + " suggestions")
                        .description("For htmx (HX-Request) the query carries the form's fields (name, catalog,"
                                + " kind; per signal row signalName, eventType, productIdPath, weight, valuePath;"
                                + " param.<name>) and at most one of add (a row), remove (the row number from 0)"
                                + " or suggest (the row whose event type changed: its product-id path is"
                                + " suggested); the answer is the form alone.")
                        .queryParam("catalog", "string", "The catalog chosen first")
                        .textResponse(200, "The page, or for htmx the form", HTML)
                        .handle(studio.signedIn((ctx, session) -> editor(studio, ctx, session, null))),
                ApiRoute.post("/studio/models").access(Access.STUDIO).tag("Studio")
                        .summary("Creates a model as a draft (as POST /v1/models) from the form")
                        .textResponse(303, "Created; on to its page", HTML)
                        .textResponse(400, "Refused: the form again with each problem at its field", HTML)
                        .handle(studio.signedIn((ctx, session) -> save(studio, ctx, session, null))),
                ApiRoute.get("/studio/models/{id}").access(Access.STUDIO).tag("Studio")
                        .summary("A model: its definition, status, training progress, provision and stop")
                        .pathParam("id", "Model id (mdl_...)")
                        .queryParam("done", "string", "A message to show: what was just done")
                        .textResponse(200, "The page", HTML)
                        .textResponse(404, "No such model", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            StoredModel model = models.get(ctx.pathParam("id"));
                            studio.html(ctx, studio.pages().page("model", model.definition().name(), ctx.path(),
                                    session, model(model, ctx.queryParam("done"))));
                        })),
                ApiRoute.get("/studio/models/{id}/progress").access(Access.STUDIO).tag("Studio")
                        .summary("A model's training progress, for its page to poll; reloads the page when it ends")
                        .pathParam("id", "Model id (mdl_...)")
                        .textResponse(200, "The progress panel", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            Map<String, Object> progress = progress(models.get(ctx.pathParam("id")));
                            if (progress.isEmpty()) {
                                ctx.header("HX-Refresh", "true");
                            }
                            studio.html(ctx, studio.pages().fragment("model-progress", progress));
                        })),
                ApiRoute.get("/studio/models/{id}/edit").access(Access.STUDIO).tag("Studio")
                        .summary("A model's form, to change a draft, stopped or failed model; for htmx, the form"
                                + " again as for /studio/models/new")
                        .pathParam("id", "Model id (mdl_...)")
                        .textResponse(200, "The page (saying why, for a model that cannot be changed now), or for"
                                + " htmx the form", HTML)
                        .textResponse(404, "No such model", HTML)
                        .handle(studio.signedIn((ctx, session) -> editor(studio, ctx, session,
                                ctx.pathParam("id")))),
                ApiRoute.post("/studio/models/{id}").access(Access.STUDIO).tag("Studio")
                        .summary("Changes a model's definition (as PUT /v1/models/{id}) from the form")
                        .pathParam("id", "Model id (mdl_...)")
                        .textResponse(303, "Changed; on to its page", HTML)
                        .textResponse(400, "Refused: the form again with each problem at its field", HTML)
                        .textResponse(409, "The model is provisioning or running: the reason", HTML)
                        .handle(studio.signedIn((ctx, session) -> save(studio, ctx, session,
                                ctx.pathParam("id")))),
                ApiRoute.post("/studio/models/{id}/provision").access(Access.STUDIO).tag("Studio")
                        .summary("Provisions a draft, stopped or failed model (as POST /v1/models/{id}/provision)")
                        .pathParam("id", "Model id (mdl_...)")
                        .textResponse(303, "Provisioning started; back to its page", HTML)
                        .textResponse(409, "It is provisioning or running already", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            StoredModel model = training.provision(ctx.pathParam("id"));
                            Studio.redirectDone(ctx, path(model.id()), "Provisioning started: the model trains on"
                                    + " the events of " + model.definition().catalog() + ", then runs.");
                        })),
                ApiRoute.post("/studio/models/{id}/stop").access(Access.STUDIO).tag("Studio")
                        .summary("Stops a provisioning or running model (as POST /v1/models/{id}/stop)")
                        .pathParam("id", "Model id (mdl_...)")
                        .textResponse(303, "Stopped; back to its page", HTML)
                        .textResponse(409, "Not running, or it serves a personalization setup: the reason", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            StoredModel model = ModelStops.stop(training, setups, ctx.pathParam("id"));
                            Studio.redirectDone(ctx, path(model.id()), "Stopped: the model no longer answers; its"
                                    + " versions are kept.");
                        })),
                ApiRoute.get("/studio/models/{id}/analytics").access(Access.STUDIO).tag("Studio")
                        .summary("A model's analytics: profiles and interactions evaluated, the weight"
                                + " distribution and the weights per day, as charts and tables")
                        .pathParam("id", "Model id (mdl_...)")
                        .queryParam("version", "integer", "A version number (default: the active one, else the"
                                + " latest)")
                        .textResponse(200, "The page (saying so when the model has not been trained)", HTML)
                        .textResponse(404, "No such model or version", HTML)
                        .handle(studio.signedIn((ctx, session) -> {
                            StoredModel model = models.get(ctx.pathParam("id"));
                            Map<String, Object> values = header(model);
                            values.putAll(analytics.view(model, ctx.queryParam("version")));
                            studio.html(ctx, studio.pages().page("model-analytics", "Analytics of "
                                    + model.definition().name(), ctx.path(), session, values));
                        })));
    }

    Map<String, Object> list(String done) {
        Map<String, String> setupOf = new HashMap<>();
        for (Catalog catalog : catalogs.list()) {
            setups.find(catalog.id()).filter(s -> s.status() != SetupStatus.DEACTIVATED)
                    .ifPresent(s -> setupOf.put(s.modelId(), s.catalog()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredModel model : models.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", model.id());
            row.put("name", model.definition().name());
            row.put("catalog", model.definition().catalog());
            row.put("kind", PersonalizationPage.label(model.definition().kind()));
            Status status = Status.of(model);
            row.put("status", status.label);
            row.put("badge", status.badge);
            training.progress(model.id()).ifPresent(p -> row.put("progress", phase(p.phase()) + " · " + p.percent()
                    + "%"));
            row.put("failure", model.failure() == null ? "" : model.failure());
            row.put("activeVersion", model.activeVersion() == null ? "none" : model.activeVersion());
            row.put("updatedAt", model.updatedAt().toString());
            row.put("updated", when(model.updatedAt()));
            row.put("setup", setupOf.getOrDefault(model.id(), ""));
            rows.add(row);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("models", rows);
        if (done != null && !done.isBlank()) {
            values.put("done", done);
        }
        return values;
    }

    /** The name, status and tabs every page of one model shows. */
    private static Map<String, Object> header(StoredModel model) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", model.id());
        values.put("name", model.definition().name());
        Status status = Status.of(model);
        values.put("status", status.label);
        values.put("badge", status.badge);
        return values;
    }

    Map<String, Object> model(StoredModel model, String done) {
        Map<String, Object> values = header(model);
        values.put("definitionTab", true);
        if (done != null && !done.isBlank()) {
            values.put("done", done);
        }
        values.put("catalog", model.definition().catalog());
        values.put("kind", PersonalizationPage.label(model.definition().kind()));
        values.put("kindDescription", BuiltInKinds.ALL.find(model.definition().kind()).map(ModelKind::description)
                .orElse(""));
        values.put("activeVersion", model.activeVersion() == null ? "none yet" : "version " + model.activeVersion());
        values.put("created", when(model.createdAt()));
        values.put("updated", when(model.updatedAt()));
        if (model.failure() != null) {
            values.put("failure", model.failure());
            values.put("stillServing", model.status() == ModelStatus.RUNNING);
        }
        List<Map<String, Object>> signals = new ArrayList<>();
        for (Signal signal : model.definition().signals()) {
            signals.add(Map.of("name", signal.name(), "eventType", signal.eventType(),
                    "productIdPath", signal.productIds().text(), "weight", ModelForm.number(signal.weight()),
                    "valuePath", signal.value() == null ? "" : signal.value().text()));
        }
        values.put("signals", signals);
        List<Map<String, Object>> params = new ArrayList<>();
        model.definition().toJson().path("params").properties().forEach(e -> params.add(Map.of("name", e.getKey(),
                "value", e.getValue().asText())));
        values.put("params", params);
        Map<String, Object> progress = progress(model);
        if (!progress.isEmpty()) {
            values.put("progress", progress);
        }
        setups.holding(model.id()).map(PersonalizationSetup::catalog).ifPresent(c -> values.put("setup", c));
        boolean editable = model.status().editable();
        values.put("canEdit", editable);
        values.put("canProvision", editable);
        values.put("editRefusal", editable ? "" : refusalToEdit(model));
        if (model.status().trains()) {
            Optional<String> refusal = ModelStops.refusal(setups, model.id());
            values.put("canStop", refusal.isEmpty());
            values.put("stopRefusal", refusal.orElse(""));
        }
        return values;
    }

    /** The progress panel's values while a training is queued or under way; empty when none is. */
    private Map<String, Object> progress(StoredModel model) {
        Optional<TrainingProgress> progress = training.progress(model.id());
        if (progress.isEmpty() && model.status() != ModelStatus.PROVISIONING) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", model.id());
        values.put("what", model.status() == ModelStatus.PROVISIONING ? "Provisioning" : "Training a new version");
        values.put("phase", progress.map(p -> phase(p.phase())).orElse("finishing"));
        values.put("percent", progress.map(TrainingProgress::percent).orElse(100));
        return values;
    }

    private static String phase(String phase) {
        return switch (phase) {
            case "queued" -> "waiting for its turn (one training at a time)";
            case "reading_events" -> "reading events";
            case "evaluating" -> "measuring it against popularity";
            case "training" -> "training";
            case "saving" -> "saving the version";
            default -> phase.replace('_', ' ');
        };
    }

    private static String refusalToEdit(StoredModel model) {
        return "A " + Status.of(model).label + " model cannot be changed: stop it first (its versions are kept),"
                + " then edit it and provision it again.";
    }

    /** The form page, or for htmx the form alone: again with what was typed, a row added or removed, suggestions. */
    private void editor(Studio studio, Context ctx, StudioSessions.Session session, String id) {
        StoredModel model = id == null ? null : models.get(id);
        if (ctx.header("HX-Request") != null) {
            ModelForm form = editor.suggestingPath(ModelForm.read(ctx.queryParamMap()),
                    row(ctx.queryParam("suggest")));
            String focus = null;
            List<ModelForm.Row> rows = new ArrayList<>(form.rows());
            int remove = row(ctx.queryParam("remove"));
            if (ctx.queryParam("add") != null && rows.size() < ModelDefinitionReader.MAX_SIGNALS) {
                rows.add(ModelForm.Row.blank());
                focus = "signal-" + (rows.size() - 1) + "-event";
            } else if (remove >= 0 && remove < rows.size() && rows.size() > 1) {
                rows.remove(remove);
                focus = "add-signal";
            }
            studio.html(ctx, studio.pages().fragment("model-form", session,
                    form(model, form.withRows(rows), List.of(), focus)));
            return;
        }
        Map<String, Object> values;
        if (model != null && !model.status().editable()) {
            values = header(model);
            values.put("refusal", refusalToEdit(model));
        } else {
            values = form(model, model == null ? ModelForm.blank(firstCatalog(ctx.queryParam("catalog")))
                    : ModelForm.of(model.definition()), List.of(), null);
        }
        studio.html(ctx, studio.pages().page("model-edit", model == null ? "New model" : "Edit "
                + model.definition().name(), ctx.path(), session, values));
    }

    /** The catalog a new model starts with: the one asked for, or the only one there is. */
    private String firstCatalog(String asked) {
        if (asked != null && !asked.isBlank()) {
            return asked;
        }
        List<Catalog> all = catalogs.list();
        return all.size() == 1 ? all.get(0).id() : null;
    }

    private void save(Studio studio, Context ctx, StudioSessions.Session session, String id) {
        ModelForm form = ModelForm.read(ctx.formParamMap());
        StoredModel model = id == null ? null : models.get(id);
        StoredModel saved;
        try {
            saved = model == null ? models.create(form.toJson()) : models.update(model.id(), form.toJson());
        } catch (InvalidInputException e) {
            studio.html(ctx, 400, studio.pages().page("model-edit", "Not saved", ctx.path(), session,
                    form(model, form, e.problems(), null)));
            return;
        }
        Studio.redirectDone(ctx, path(saved.id()), model == null
                ? "Saved as a draft. Provision it to train it and let it answer."
                : "Changes saved. Provision it to train it with them.");
    }

    private Map<String, Object> form(StoredModel model, ModelForm form, List<Problem> problems, String focus) {
        Map<String, Object> values = editor.view(form, problems, focus);
        if (model == null) {
            values.put("title", "New model");
            values.put("action", "/studio/models");
            values.put("formPath", "/studio/models/new");
            values.put("cancel", "/studio/models");
        } else {
            values.put("id", model.id());
            values.put("title", "Edit " + model.definition().name());
            values.put("storedName", model.definition().name());
            values.put("action", path(model.id()));
            values.put("formPath", path(model.id()) + "/edit");
            values.put("cancel", path(model.id()));
        }
        return values;
    }

    private static int row(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String path(String id) {
        return "/studio/models/" + Studio.encode(id);
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
