package org.attune.server.http;

import java.util.List;
import java.util.stream.Collectors;
import org.attune.core.model.ModelDefinitionReader;
import org.attune.core.model.ModelKind;
import org.attune.core.model.kinds.BuiltInKinds;

/** The routes of models: their definitions, their lifecycle (provision, train, stop, roll back) and versions. */
final class ModelsRoutes {
    private static final String MODEL_EXAMPLE = """
            {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
             "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                          "weight": 8, "valuePath": "properties.items[*].quantity"},
                         {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
             "params": {"measure": "llr"}}""";

    private ModelsRoutes() {
    }

    static List<ApiRoute> routes(ModelsApi api) {
        return List.of(
                ApiRoute.get("/v1/models/kinds").access(Access.EDITOR).tag("Models")
                        .summary("The model kinds, with what each does and its params' defaults")
                        .response(200, "Every kind", null, "{\"kinds\":[{\"name\":\"trending\",\"description\":"
                                + "\"what is rising now...\",\"defaultParams\":{\"recentHours\":24,"
                                + "\"baselineDays\":14,\"halfLifeHours\":12.0,\"minEvents\":5}}]}")
                        .handle(api::kinds),
                ApiRoute.post("/v1/models").access(Access.EDITOR).tag("Models")
                        .summary("Define a model (saved as a draft)")
                        .description("A model reads behaviour through signals: an event type, where the product ids"
                                + " are in the event ('itemId', 'itemIds[*]', or a JSON path under properties or"
                                + " context such as 'properties.items[*].id', which may yield several), a positive"
                                + " weight (1 to 10 recommended, at most 1,000) and optionally a value path (a number"
                                + " such as 'properties.quantity' that multiplies the weight; one number per"
                                + " product applies product by product). Kinds: "
                                + BuiltInKinds.ALL.all().stream().map(ModelKind::name).collect(Collectors.joining(", "))
                                + " (see GET /v1/models/kinds for their params and"
                                + " defaults); an unknown kind or param is refused. At most "
                                + ModelDefinitionReader.MAX_SIGNALS + " signals, names"
                                + " unique identifiers. Every problem is listed at once. Then provision it"
                                + " (POST /v1/models/{id}/provision) to train and serve it.")
                        .body("ModelDefinition", "application/json", MODEL_EXAMPLE)
                        .response(201, "Created as a draft, with its id, status and every param", "Model", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .handle(api::create),
                ApiRoute.get("/v1/models").access(Access.EDITOR).tag("Models")
                        .summary("List models, oldest first")
                        .response(200, "All models")
                        .handle(api::list),
                ApiRoute.get("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("One model")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The model", "Model", null)
                        .response(404, "No such model (model_not_found)")
                        .handle(api::get),
                ApiRoute.put("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("Replace a draft's definition")
                        .description("Only a draft or failed model can be changed (it becomes a draft); 409"
                                + " model_not_editable otherwise.")
                        .pathParam("id", "Model id (mdl_...)")
                        .body("ModelDefinition", "application/json", MODEL_EXAMPLE)
                        .response(200, "The changed model", "Model", null)
                        .response(400, "Invalid definition, with every problem", "Error", null)
                        .response(404, "No such model")
                        .response(409, "The model is provisioning or running")
                        .handle(api::update),
                ApiRoute.delete("/v1/models/{id}").access(Access.EDITOR).tag("Models")
                        .summary("Delete a draft or failed model")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The deleted model")
                        .response(404, "No such model")
                        .response(409, "The model is provisioning or running")
                        .handle(api::delete),
                ApiRoute.post("/v1/models/{id}/provision").access(Access.EDITOR).tag("Models")
                        .summary("Provision a draft or failed model: its initial training")
                        .description("The model becomes 'provisioning' and trains in the background (one training"
                                + " at a time per server): it reads the event log through its signals, measures"
                                + " itself on a time holdout next to popularity, trains on everything and saves"
                                + " version 1 (or the next version). GET /v1/models/{id} shows the progress"
                                + " (phase: queued, reading_events, evaluating, training, saving; percent). Then it"
                                + " is 'running' and answers GET /v1/recommendations?model={id}; a failure makes it"
                                + " 'failed' with the reason. A provisioning cut short by a restart starts again.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(202, "Provisioning started", "Model", null)
                        .response(404, "No such model")
                        .response(409, "It is provisioning or running already (model_not_provisionable)")
                        .handle(api::provision),
                ApiRoute.post("/v1/models/{id}/train").access(Access.EDITOR).tag("Models")
                        .summary("Train a new version of a running model")
                        .description("The active version keeps answering while the new one trains; when it is"
                                + " saved it is swapped in between two requests. A failure leaves the active version"
                                + " serving and shows the reason as 'failure'.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(202, "Training started", "Model", null)
                        .response(404, "No such model")
                        .response(409, "The model is not running (model_not_running) or is training already"
                                + " (training_in_progress)")
                        .handle(api::train),
                ApiRoute.post("/v1/models/{id}/stop").access(Access.EDITOR).tag("Models")
                        .summary("Stop a provisioning or running model (back to draft)")
                        .description("It stops answering at once and a training under way is abandoned. Its"
                                + " versions are kept; it can be edited and provisioned again.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The model, now a draft", "Model", null)
                        .response(404, "No such model")
                        .response(409, "It is a draft or failed already (model_not_running), or it serves a"
                                + " personalization setup that is not deactivated (model_in_setup: deactivate the"
                                + " setup instead)")
                        .handle(api::stop),
                ApiRoute.post("/v1/models/{id}/rollback").access(Access.EDITOR).tag("Models")
                        .summary("Serve another stored version of a running model")
                        .description("Loads the version's artifact and swaps it in; requests are not paused. Any"
                                + " stored version can be chosen (also a newer one, to roll forward again).")
                        .pathParam("id", "Model id (mdl_...)")
                        .body(null, "application/json", "{\"version\": 2}")
                        .response(200, "The model with its new activeVersion", "Model", null)
                        .response(400, "version missing or not a positive integer", "Error", null)
                        .response(404, "No such model or version (version_not_found)")
                        .response(409, "The model is not running (model_not_running), or the version's artifact"
                                + " was removed (version_pruned: only the newest 5 and the active one are kept)")
                        .handle(api::rollback),
                ApiRoute.get("/v1/models/{id}/versions").access(Access.EDITOR).tag("Models")
                        .summary("A model's trained versions, newest first")
                        .description("Each version: when it was trained, the definition it was trained with, the"
                                + " method, the data window (through which event, first and last event time,"
                                + " events, people, products, interactions), training time, offline metrics on"
                                + " a time holdout next to popularity (HR@10, NDCG@10; null when there was too"
                                + " little data), signal analytics and the artifact's size; for sequence models"
                                + " also productProfiles: how many products have an own profile, a grouped one"
                                + " (too few interactions: derived from products sharing their attribute values)"
                                + " or none (unknown: never recommended), with shares.")
                        .pathParam("id", "Model id (mdl_...)")
                        .response(200, "The versions")
                        .response(404, "No such model")
                        .handle(api::versions),
                ApiRoute.get("/v1/models/{id}/versions/{version}").access(Access.EDITOR).tag("Models")
                        .summary("One version of a model")
                        .pathParam("id", "Model id (mdl_...)")
                        .pathParam("version", "Version number (1, 2, ...)")
                        .response(200, "The version")
                        .response(400, "Not a version number", "Error", null)
                        .response(404, "No such model or version")
                        .handle(api::version),
                ApiRoute.get("/v1/models/{id}/analytics").access(Access.EDITOR).tag("Models")
                        .summary("What a model's signals contributed")
                        .description("For the active version (or the one asked for, or the latest): the profiles"
                                + " (people) and interactions the model evaluated, the weight distribution (each"
                                + " signal's total weight and share of all signal weight) and the weight per UTC"
                                + " day per signal.")
                        .pathParam("id", "Model id (mdl_...)")
                        .queryParam("version", "integer", "A version number (default: the active one, else the"
                                + " latest)")
                        .response(200, "The analytics", null, "{\"modelId\":\"mdl_2f9c0a1b3d4e5f60\","
                                + "\"version\":1,\"trainedAt\":\"2026-11-22T03:00:00Z\",\"profilesEvaluated\":"
                                + "5210,\"interactionsEvaluated\":88412,\"events\":80210,\"weightDistribution\":"
                                + "[{\"signal\":\"views\",\"weight\":61000.0,\"share\":0.61}],"
                                + "\"weightsPerDay\":[{\"day\":\"2026-11-21\",\"weights\":{\"views\":2100.0}}]}")
                        .response(404, "No such model or version, or not trained yet (no_versions)")
                        .handle(api::analytics));
    }
}
