package org.attune.server.http;

import java.util.List;

/** The routes of a catalog's personalization setup: start, viability, activation, runs and deactivation. */
final class PersonalizationRoutes {
    private PersonalizationRoutes() {
    }

    static List<ApiRoute> routes(PersonalizationApi api) {
        return List.of(
                ApiRoute.post("/v1/catalogs/{catalog}/personalization").access(Access.EDITOR).tag("Personalization")
                        .summary("Start the personalization setup of a catalog")
                        .description("Creates a model of the chosen kind over the catalog's events (signals: view,"
                                + " add_to_cart and purchase on the event's products, unless 'signals' is given)"
                                + " and starts the one-time setup run: status 'setup_in_progress' (progress: phase"
                                + " and percent), then for assessed kinds (every kind but affinity)"
                                + " 'viability_assessment' and one of 'viable', 'viable_needs_improvement',"
                                + " 'not_viable' or 'assessment_failed' (with the reason); for affinity straight to"
                                + " 'ready_for_activation' (or 'setup_failed'). Optional: 'params' for the kind,"
                                + " 'thresholds' overriding the viability defaults (docs/viability.md) and"
                                + " 'schedule' of the daily runs ({\"time\": \"03:00\", \"zone\": \"UTC\"})."
                                + " One setup per catalog at a time; it applies to every site using the catalog.")
                        .pathParam("catalog", "Catalog id")
                        .body(null, "application/json", "{\"kind\": \"co_occurrence\", \"schedule\":"
                                + " {\"time\": \"02:30\", \"zone\": \"Europe/Prague\"}}")
                        .response(202, "The setup, in progress")
                        .response(400, "kind missing, or invalid signals, params, thresholds or schedule", "Error",
                                null)
                        .response(404, "No such catalog")
                        .response(409, "The catalog has a setup that is not deactivated (setup_exists)")
                        .handle(api::start),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization").access(Access.EDITOR).tag("Personalization")
                        .summary("A catalog's personalization setup")
                        .description("Kind, model, status, progress (phase, percent), thresholds, the viability"
                                + " report, failure, override, activation and the daily schedule.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup")
                        .response(404, "No setup for the catalog (setup_not_found)")
                        .handle(api::get),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization/viability").access(Access.EDITOR).tag("Personalization")
                        .summary("The viability report of a catalog's setup")
                        .description("Outcome; each criterion (priority 1 catalog readiness and 2 scale and traffic"
                                + " decide, 3 feedback quality informs) with its value, recommended and minimum"
                                + " thresholds, rating (green, yellow, red), meaning and what to do; the catalog"
                                + " churn warning; the trained version's offline accuracy (HR@10, NDCG@10) on a"
                                + " time holdout next to popularity; how coverage was measured.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The report")
                        .response(404, "No setup, or it was not assessed (not_assessed)")
                        .handle(api::viability),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/continue").access(Access.EDITOR).tag("Personalization")
                        .summary("continue: activate a viable or ready setup")
                        .description("The model serves and retrains daily at the schedule's time (an optional"
                                + " body may set 'schedule').")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, active")
                        .response(404, "No setup for the catalog")
                        .response(409, "Not viable (not_viable: use continue_anyway) or not ready (not_ready)")
                        .handle(api::activate),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/continue_anyway").access(Access.EDITOR).tag("Personalization")
                        .summary("continue anyway: activate a not-viable setup")
                        .description("Recorded as an override ('override': true on the setup).")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, active with override")
                        .response(404, "No setup for the catalog")
                        .response(409, "The setup is not not_viable (not_not_viable)")
                        .handle(api::activateAnyway),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/restart").access(Access.EDITOR).tag("Personalization")
                        .summary("restart with another model")
                        .description("Stops the setup's model (kept as a draft with its versions) and starts a new"
                                + " setup run with the body's kind (same fields as starting a setup). Not while the"
                                + " setup run is in progress or the setup is active.")
                        .pathParam("catalog", "Catalog id")
                        .body(null, "application/json", "{\"kind\": \"affinity\"}")
                        .response(202, "The new setup, in progress")
                        .response(404, "No setup for the catalog")
                        .response(409, "In progress or active (setup_busy)")
                        .handle(api::restart),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/retry").access(Access.EDITOR).tag("Personalization")
                        .summary("retry a failed setup")
                        .description("After 'assessment_failed' (or 'setup_failed'): trains the model again when"
                                + " its training failed, else runs the assessment again.")
                        .pathParam("catalog", "Catalog id")
                        .response(202, "The setup, in progress again")
                        .response(404, "No setup for the catalog")
                        .response(409, "The setup did not fail (nothing_to_retry)")
                        .handle(api::retry),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/deactivate").access(Access.EDITOR).tag("Personalization")
                        .summary("deactivate a catalog's personalization")
                        .description("Stops the model and the daily runs; a new setup may then start. Refused while"
                                + " anything blocks it: the setup run or a training run in progress (personalization"
                                + " rules and A/B tests will join these checks); the 409 lists every reason in"
                                + " 'details'.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The setup, deactivated")
                        .response(404, "No setup for the catalog")
                        .response(409, "Blocked (deactivation_blocked, reasons in details) or deactivated already")
                        .handle(api::deactivate),
                ApiRoute.get("/v1/catalogs/{catalog}/personalization/runs").access(Access.EDITOR).tag("Personalization")
                        .summary("A catalog's personalization runs, newest first")
                        .description("The setup run, daily, on-demand and retry runs (and trainings of an active setup's model started"
                                + " through the model API, trigger model_api): start, end, duration,"
                                + " outcome (running, succeeded, failed), the error of a failed one (the previous"
                                + " version keeps serving), and the version produced with its data window, counts"
                                + " and offline metrics. A run a stop interrupted is failed and retried at start.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The runs")
                        .response(404, "No setup for the catalog")
                        .handle(api::runs),
                ApiRoute.post("/v1/catalogs/{catalog}/personalization/runs").access(Access.EDITOR).tag("Personalization")
                        .summary("Train an active setup now (on demand)")
                        .pathParam("catalog", "Catalog id")
                        .response(202, "The run, started")
                        .response(404, "No setup for the catalog")
                        .response(409, "Not active (not_active) or a run is under way (training_in_progress)")
                        .handle(api::runNow));
    }
}
