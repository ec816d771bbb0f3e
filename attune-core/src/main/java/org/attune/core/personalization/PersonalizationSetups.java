package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.StoredModel;
import org.attune.core.training.EventSource;
import org.attune.core.training.ModelTraining;
import org.attune.core.training.ServedModel;
import org.attune.core.training.TrainingListener;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The personalization setup of each catalog, from the setup run through the viability
 * assessment to activation, daily runs and deactivation. Trainings go through
 * {@link ModelTraining}; this class hears their end as a {@link TrainingListener}, runs
 * assessments and daily runs on a thread of its own, and stores every setup and run, so
 * both survive a restart. Recovery policy: a run that a stop interrupted is marked failed;
 * an interrupted setup run continues (its model provisions again), an interrupted
 * assessment runs again, and an active setup whose run was interrupted retrains once at
 * start. A failed daily run is not retried before the next day. Thread-safe.
 */
public final class PersonalizationSetups implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalizationSetups.class);
    static final String INTERRUPTED = "interrupted: the server stopped during the run";
    /** The setup's model was stopped through the model API while the setup is active. */
    static final String MODEL_STOPPED = "model_not_running";

    private final PersonalizationStore store;
    private final ModelService models;
    private final ModelTraining training;
    private final CatalogService catalogs;
    private final EventSource events;
    private final Function<Event, String> people;
    private final PersonalizationSettings settings;
    private final List<DeactivationCheck> checks;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final Map<String, ScheduledFuture<?>> daily = new ConcurrentHashMap<>();
    private final Set<String> retryAtStart = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param people the key of the person an event belongs to, or null to skip it (as training reads them)
     * @param checks what else may block deactivation (rules, A/B tests); the setup and training check is built in
     */
    public PersonalizationSetups(PersonalizationStore store, ModelService models, ModelTraining training,
                                 CatalogService catalogs, EventSource events, Function<Event, String> people,
                                 PersonalizationSettings settings, List<DeactivationCheck> checks, Clock clock) {
        this.store = store;
        this.models = models;
        this.training = training;
        this.catalogs = catalogs;
        this.events = events;
        this.people = people;
        this.settings = settings;
        List<DeactivationCheck> all = new ArrayList<>();
        all.add(this::runsInProgress);
        all.addAll(checks);
        this.checks = List.copyOf(all);
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "personalization");
            thread.setDaemon(true);
            return thread;
        });
        training.addListener(this);
    }

    /**
     * Marks runs that a stop interrupted as failed and opens a retry run for setups whose
     * training {@link ModelTraining#resume} restarts. Call before it.
     */
    public synchronized void recover() {
        for (PersonalizationSetup setup : store.list()) {
            boolean interrupted = false;
            for (SetupRun run : store.runs(setup.catalog())) {
                if (run.outcome().equals(SetupRun.RUNNING)) {
                    store.putRun(run.failed(INTERRUPTED, now()));
                    interrupted = true;
                }
            }
            if (setup.status() == SetupStatus.SETUP_IN_PROGRESS
                    && models.get(setup.modelId()).status() == ModelStatus.PROVISIONING) {
                startRun(setup, "retry");
            } else if (setup.status() == SetupStatus.ACTIVE && interrupted) {
                retryAtStart.add(setup.catalog());
            }
        }
    }

    /** Runs interrupted assessments again, schedules active setups and retries their interrupted runs. */
    public synchronized void start() {
        for (PersonalizationSetup setup : store.list()) {
            if (setup.status() == SetupStatus.VIABILITY_ASSESSMENT) {
                worker.execute(() -> assess(setup.catalog()));
            } else if (setup.status() == SetupStatus.ACTIVE) {
                schedule(setup);
                if (retryAtStart.remove(setup.catalog())) {
                    LOG.info("retraining catalog {}: its last run was interrupted by a stop", setup.catalog());
                    retrain(setup, "retry");
                }
            }
        }
    }

    /**
     * Starts the setup of a catalog: creates its model from the request ({@code kind},
     * optional {@code signals}, {@code thresholds}, {@code schedule}) and trains it.
     *
     * @throws ConflictException when the catalog has a setup that is not deactivated
     */
    public synchronized PersonalizationSetup start(String catalog, JsonNode request) {
        catalogs.catalog(catalog);
        Optional<PersonalizationSetup> existing = store.find(catalog);
        if (existing.isPresent() && existing.get().status() != SetupStatus.DEACTIVATED) {
            throw new ConflictException("setup_exists", "Catalog '" + catalog + "' has a personalization setup"
                    + " already (" + existing.get().status().jsonName() + "); restart it with another model or"
                    + " deactivate it first");
        }
        return begin(catalog, request, Instant.now(clock));
    }

    /** @throws NotFoundException when the catalog has no setup */
    public PersonalizationSetup get(String catalog) {
        return withProgress(stored(catalog));
    }

    /** The catalog's setup, with the training's progress while it runs; empty when it has none. */
    public Optional<PersonalizationSetup> find(String catalog) {
        return store.find(catalog).map(this::withProgress);
    }

    private PersonalizationSetup withProgress(PersonalizationSetup setup) {
        if (setup.status() == SetupStatus.SETUP_IN_PROGRESS) {
            return training.progress(setup.modelId()).map(p -> setup.withStatus(setup.status(), p.phase(),
                    p.percent(), setup.updatedAt())).orElse(setup);
        }
        return setup;
    }

    /** @throws NotFoundException when the catalog has no setup or it has not been assessed */
    public ViabilityReport viability(String catalog) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.viability() == null) {
            throw new NotFoundException("not_assessed", "The setup of catalog '" + catalog + "' has no viability"
                    + " report (" + setup.status().jsonName() + (settings.assessed(setup.modelKind()) ? ""
                    : "; the " + setup.modelKind() + " kind is not assessed") + ")");
        }
        return setup.viability();
    }

    /** The catalog's runs, newest first. */
    public List<SetupRun> runs(String catalog) {
        stored(catalog);
        return store.runs(catalog);
    }

    /**
     * continue: activates a viable (or ready) setup. Optional {@code schedule} in the request.
     *
     * @throws ConflictException when it is not viable (use continue anyway) or not ready
     */
    public synchronized PersonalizationSetup activate(String catalog, JsonNode request) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status() == SetupStatus.NOT_VIABLE) {
            throw new ConflictException("not_viable", "The setup of catalog '" + catalog + "' is not viable; use"
                    + " continue_anyway to activate it regardless (recorded as an override)");
        }
        if (!setup.status().activatable()) {
            throw new ConflictException("not_ready", "The setup of catalog '" + catalog + "' is "
                    + setup.status().jsonName() + "; only a viable, viable_needs_improvement or"
                    + " ready_for_activation setup can be activated");
        }
        return activated(setup, false, request);
    }

    /**
     * continue anyway: activates a not-viable setup, recorded as an override.
     *
     * @throws ConflictException when it is not not_viable
     */
    public synchronized PersonalizationSetup activateAnyway(String catalog, JsonNode request) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status() != SetupStatus.NOT_VIABLE) {
            throw new ConflictException("not_not_viable", "continue_anyway is for a not_viable setup; the setup of"
                    + " catalog '" + catalog + "' is " + setup.status().jsonName()
                    + (setup.status().activatable() ? " (use continue)" : ""));
        }
        return activated(setup, true, request);
    }

    /**
     * restart with another model: stops the current model (kept as a draft with its versions)
     * and starts a new setup run with the request's kind.
     *
     * @throws ConflictException while the setup run is in progress or the setup is active
     */
    public synchronized PersonalizationSetup restart(String catalog, JsonNode request) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status().inProgress() || setup.status() == SetupStatus.ACTIVE) {
            throw new ConflictException("setup_busy", "The setup of catalog '" + catalog + "' is "
                    + setup.status().jsonName() + "; restart it once the setup run ended"
                    + (setup.status() == SetupStatus.ACTIVE ? " and it is deactivated" : ""));
        }
        stopModel(setup.modelId());
        return begin(catalog, request, setup.createdAt());
    }

    /**
     * retry: runs a failed setup again (the training if it failed, else the assessment).
     *
     * @throws ConflictException unless it is assessment_failed or setup_failed
     */
    public synchronized PersonalizationSetup retry(String catalog) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status() != SetupStatus.ASSESSMENT_FAILED && setup.status() != SetupStatus.SETUP_FAILED) {
            throw new ConflictException("nothing_to_retry", "retry is for a setup that failed; the setup of catalog '"
                    + catalog + "' is " + setup.status().jsonName());
        }
        StoredModel model = models.get(setup.modelId());
        if (model.status() == ModelStatus.RUNNING) {
            PersonalizationSetup assessing = save(setup.withStatus(SetupStatus.VIABILITY_ASSESSMENT, "assessing", 0,
                    now()));
            worker.execute(() -> assess(catalog));
            return assessing;
        }
        PersonalizationSetup retried = save(setup.withStatus(SetupStatus.SETUP_IN_PROGRESS, "queued", 0, now()));
        startRun(retried, "retry");
        training.provision(setup.modelId(), ModelTraining.Lane.SETUPS);
        return retried;
    }

    /**
     * deactivate: ends the setup and stops its model, unless something blocks it.
     *
     * @throws ConflictException ({@code deactivation_blocked}) with every blocking reason
     */
    public synchronized PersonalizationSetup deactivate(String catalog) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status() == SetupStatus.DEACTIVATED) {
            throw new ConflictException("not_active", "The setup of catalog '" + catalog + "' is deactivated"
                    + " already");
        }
        List<String> blockers = deactivationBlockers(catalog);
        if (!blockers.isEmpty()) {
            throw new ConflictException("deactivation_blocked", "Personalization of catalog '" + catalog
                    + "' cannot be deactivated yet: " + String.join("; ", blockers), blockers);
        }
        ScheduledFuture<?> next = daily.remove(catalog);
        if (next != null) {
            next.cancel(false);
        }
        stopModel(setup.modelId());
        return save(setup.withStatus(SetupStatus.DEACTIVATED, "done", 100, now()));
    }

    /** Why the catalog's personalization cannot be deactivated now (enabled rules, say); empty when it can. */
    public List<String> deactivationBlockers(String catalog) {
        return checks.stream().flatMap(check -> check.blockers(catalog).stream()).toList();
    }

    /**
     * Trains the active setup's model now (the scheduled runs go on).
     *
     * @throws ConflictException unless the setup is active and no run is under way
     */
    public synchronized SetupRun runNow(String catalog) {
        PersonalizationSetup setup = stored(catalog);
        if (setup.status() != SetupStatus.ACTIVE) {
            throw new ConflictException("not_active", "Only an active setup runs; the setup of catalog '" + catalog
                    + "' is " + setup.status().jsonName());
        }
        return retrain(setup, "on_demand");
    }

    /** The built-in check: the setup run, or a training of its model, is under way. */
    private List<String> runsInProgress(String catalog) {
        PersonalizationSetup setup = stored(catalog);
        List<String> blockers = new ArrayList<>();
        if (setup.status().inProgress()) {
            blockers.add("the setup run is in progress (" + setup.status().jsonName() + ")");
        } else if (training.progress(setup.modelId()).isPresent()) {
            blockers.add("a training run of model " + setup.modelId() + " is in progress");
        }
        return blockers;
    }

    /**
     * A training of an active setup's model that no run here started (asked for through the
     * model API) is recorded as a run of its own from its start, so the history shows every version.
     */
    @Override
    public void started(String modelId) {
        onSetupOf(modelId, setup -> {
            boolean recorded = store.runs(setup.catalog()).stream()
                    .anyMatch(run -> run.modelId().equals(modelId) && run.outcome().equals(SetupRun.RUNNING));
            if (!recorded && setup.status() == SetupStatus.ACTIVE) {
                startRun(setup, "model_api");
            }
        });
    }

    @Override
    public void trained(String modelId, ModelVersion version) {
        onSetupOf(modelId, setup -> {
            finishRun(modelId, run -> run.succeeded(version, now()));
            if (setup.status() != SetupStatus.SETUP_IN_PROGRESS) {
                return;
            }
            if (settings.assessed(setup.modelKind())) {
                save(setup.withStatus(SetupStatus.VIABILITY_ASSESSMENT, "assessing", 0, now()));
                worker.execute(() -> assess(setup.catalog()));
            } else {
                save(setup.withStatus(SetupStatus.READY_FOR_ACTIVATION, "done", 100, now()));
            }
        });
    }

    @Override
    public void failed(String modelId, String reason) {
        onSetupOf(modelId, setup -> {
            finishRun(modelId, run -> run.failed(reason, now()));
            if (setup.status() == SetupStatus.SETUP_IN_PROGRESS) {
                save(setup.failed(settings.assessed(setup.modelKind()) ? SetupStatus.ASSESSMENT_FAILED
                        : SetupStatus.SETUP_FAILED, "the model could not be trained: " + reason, now()));
            }
        });
    }

    /** The setup (not deactivated) whose model this is, if any: such a model is stopped by deactivating it. */
    public Optional<PersonalizationSetup> holding(String modelId) {
        return store.list().stream()
                .filter(s -> s.modelId().equals(modelId) && s.status() != SetupStatus.DEACTIVATED).findFirst();
    }

    private synchronized void onSetupOf(String modelId, java.util.function.Consumer<PersonalizationSetup> action) {
        try {
            store.list().stream().filter(s -> s.modelId().equals(modelId)).findFirst().ifPresent(action);
        } catch (RuntimeException e) {
            LOG.error("recording the end of a training of model {} failed", modelId, e);
        }
    }

    /** Ends the model's running runs (see {@link #started} for trainings asked for through the model API). */
    private void finishRun(String modelId, Function<SetupRun, SetupRun> end) {
        store.list().stream().filter(s -> s.modelId().equals(modelId)).findFirst().ifPresent(setup ->
                store.runs(setup.catalog()).stream()
                        .filter(run -> run.modelId().equals(modelId) && run.outcome().equals(SetupRun.RUNNING))
                        .forEach(run -> store.putRun(end.apply(run))));
    }

    /** Measures the catalog against the trained version; any exception gives assessment_failed. */
    private void assess(String catalog) {
        PersonalizationSetup setup;
        synchronized (this) {
            setup = store.find(catalog).orElse(null);
            if (setup == null || setup.status() != SetupStatus.VIABILITY_ASSESSMENT) {
                return;
            }
        }
        PersonalizationSetup outcome;
        try {
            ServedModel served = training.served(setup.modelId()).orElseThrow(() -> new IllegalStateException(
                    "model " + setup.modelId() + " has no trained version serving"));
            ViabilityThresholds thresholds = setup.thresholds();
            Set<String> live = catalogs.products(catalog).stream().map(Product::id).collect(Collectors.toSet());
            double churn = catalogs.stats(catalog, thresholds.churnDays()).churn();
            ViabilityAssessment.Measurements measured = CatalogMeasurements.measure(served, events, people, live,
                    churn, thresholds);
            outcome = setup.assessed(ViabilityAssessment.assess(measured, thresholds, served.version(), now()),
                    now());
        } catch (RuntimeException e) {
            LOG.error("the viability assessment of catalog {} failed", catalog, e);
            outcome = setup.failed(SetupStatus.ASSESSMENT_FAILED, "the assessment failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), now());
        }
        synchronized (this) {
            PersonalizationSetup current = store.find(catalog).orElse(null);
            if (current != null && current.status() == SetupStatus.VIABILITY_ASSESSMENT
                    && current.modelId().equals(setup.modelId())) {
                save(outcome);
            }
        }
    }

    private PersonalizationSetup begin(String catalog, JsonNode request, Instant createdAt) {
        JsonNode kind = request.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new InvalidInputException("invalid_request", "kind is required: the model kind to personalize"
                    + " with (see GET /v1/models/kinds), e.g. affinity");
        }
        ViabilityThresholds thresholds = settings.thresholds().with(request.get("thresholds"));
        DailySchedule schedule = settings.defaultSchedule().with(request.get("schedule"));
        ObjectNode definition = Json.MAPPER.createObjectNode().put("name", "Personalization of " + catalog)
                .put("catalog", catalog).put("kind", kind.asText());
        definition.set("signals", request.has("signals") ? request.get("signals") : defaultSignals());
        definition.set("params", request.has("params") ? request.get("params") : Json.MAPPER.createObjectNode());
        StoredModel model = models.create(definition);
        Instant now = now();
        PersonalizationSetup setup = save(new PersonalizationSetup(catalog, kind.asText(), model.id(),
                SetupStatus.SETUP_IN_PROGRESS, "queued", 0, thresholds, null, null, false, null, schedule,
                createdAt.truncatedTo(ChronoUnit.MICROS), now));
        startRun(setup, "setup");
        training.provision(model.id(), ModelTraining.Lane.SETUPS);
        LOG.info("personalization setup of catalog {} started with a {} model ({})", catalog, kind.asText(),
                model.id());
        return setup;
    }

    /** View, add to cart and purchase on the event's own products, purchases weighing most. */
    static ArrayNode defaultSignals() {
        ArrayNode signals = Json.MAPPER.createArrayNode();
        signals.addObject().put("name", "views").put("eventType", "view").put("productIdPath", "itemIds[*]")
                .put("weight", 1);
        signals.addObject().put("name", "carts").put("eventType", "add_to_cart").put("productIdPath", "itemIds[*]")
                .put("weight", 4);
        signals.addObject().put("name", "purchases").put("eventType", "purchase").put("productIdPath", "itemIds[*]")
                .put("weight", 8);
        return signals;
    }


    private PersonalizationSetup activated(PersonalizationSetup setup, boolean override, JsonNode request) {
        PersonalizationSetup active = save(setup.activated(override, setup.schedule().with(request.get("schedule")),
                now()));
        schedule(active);
        LOG.info("personalization of catalog {} activated{}", setup.catalog(), override ? " (override)" : "");
        return active;
    }

    private void schedule(PersonalizationSetup setup) {
        Instant now = clock.instant();
        Instant next = setup.schedule().nextAfter(now);
        ScheduledFuture<?> previous = daily.put(setup.catalog(), worker.schedule(() -> dailyRun(setup.catalog()),
                Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private synchronized void dailyRun(String catalog) {
        PersonalizationSetup setup = store.find(catalog).orElse(null);
        if (setup == null || setup.status() != SetupStatus.ACTIVE) {
            return;
        }
        try {
            retrain(setup, "daily");
        } catch (RuntimeException e) {
            LOG.warn("the daily run of catalog {} did not start: {}", catalog, e.getMessage());
            if (e instanceof ConflictException conflict && conflict.code().equals(MODEL_STOPPED)) {
                // Shown in the run history: the previous version keeps serving.
                store.putRun(startRun(setup, "daily").failed(e.getMessage(), now()));
            }
        }
        schedule(setup);
    }

    private SetupRun retrain(PersonalizationSetup setup, String trigger) {
        StoredModel model = models.get(setup.modelId());
        if (model.status() != ModelStatus.RUNNING) {
            throw new ConflictException(MODEL_STOPPED, "Model " + setup.modelId() + " of catalog '"
                    + setup.catalog() + "' is " + model.status().jsonName() + " (stopped outside the setup);"
                    + " deactivate the setup and start it again");
        }
        if (training.progress(setup.modelId()).isPresent()) {
            throw new ConflictException("training_in_progress", "A run of catalog '" + setup.catalog()
                    + "' is under way");
        }
        SetupRun run = startRun(setup, trigger);
        try {
            training.retrain(setup.modelId(), ModelTraining.Lane.SETUPS);
        } catch (RuntimeException e) {
            store.putRun(run.failed(e.getMessage(), now()));
            throw e;
        }
        return run;
    }

    private SetupRun startRun(PersonalizationSetup setup, String trigger) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        SetupRun run = new SetupRun("run_" + HexFormat.of().formatHex(id), setup.catalog(), setup.modelId(), trigger,
                now(), null, SetupRun.RUNNING, null, null);
        store.putRun(run);
        return run;
    }

    private void stopModel(String modelId) {
        try {
            if (models.get(modelId).status().trains()) {
                training.stop(modelId);
            }
        } catch (NotFoundException e) {
            LOG.info("model {} of a personalization setup was deleted", modelId);
        }
        finishRun(modelId, run -> run.failed("stopped: the setup was restarted or deactivated", now()));
    }

    private PersonalizationSetup stored(String catalog) {
        return store.find(catalog).orElseThrow(() -> new NotFoundException("setup_not_found", "Catalog '" + catalog
                + "' has no personalization setup; start one with POST /v1/catalogs/" + catalog
                + "/personalization"));
    }

    private PersonalizationSetup save(PersonalizationSetup setup) {
        store.put(setup);
        return setup;
    }

    /** Microseconds, the precision stores keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
