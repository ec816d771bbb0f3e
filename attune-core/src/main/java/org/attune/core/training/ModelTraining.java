package org.attune.core.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attune.core.event.Event;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelDefinitionReader;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.ModelVersionStore;
import org.attune.core.model.PersonRows;
import org.attune.core.model.SignalReader;
import org.attune.core.model.StoredModel;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model lifecycle beyond definitions: provisioning (the initial training), retraining
 * a running model, stopping, rolling back to an earlier version, and deleting a model with
 * its versions. Trainings run one at a time per {@link Lane}, on a background thread each
 * (so at most two at once); each reads the event
 * log through the model's signals (people as the live identity graph stitches them),
 * measures the kind on a time holdout next to popularity, trains on everything, saves the
 * artifact as {@code <dir>/<model id>/v<version>.bin} and records the version. A new version
 * is swapped in with one reference write, so requests never wait. At start,
 * {@link #resume} loads every running model's active version and restarts interrupted
 * provisioning. Thread-safe.
 */
public final class ModelTraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);
    /**
     * Artifacts kept per model: the newest this many versions, plus the active one. Older
     * versions keep their description (data, metrics, analytics) but can no longer be served.
     */
    public static final int KEPT_ARTIFACTS = 5;

    /**
     * Where a training queues. Personalization setup runs have a lane of their own: someone
     * watches a setup's progress in the studio, and it must not wait for a long background
     * training (the demo's sequence model trains for minutes).
     */
    public enum Lane {
        /** Models provisioned or retrained through the model API or the command line. */
        MODELS("model-training"),
        /** The runs of personalization setups: the setup run, retries, daily and manual runs. */
        SETUPS("setup-training");

        private final String threadName;

        Lane(String threadName) {
            this.threadName = threadName;
        }
    }

    private final ModelService models;
    private final ModelVersionStore versions;
    private final Path directory;
    private final EventSource events;
    private final Function<Event, String> people;
    private final Function<String, CatalogView> catalogs;
    private final ModelKinds kinds;
    /** Reads a version's definition back; its catalog existed when it was trained. */
    private final ModelDefinitionReader definitions;
    private final HoldoutEvaluation holdouts;
    private final Clock clock;
    private final Map<Lane, ExecutorService> workers = new java.util.EnumMap<>(Lane.class);
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, ServedModel> served = new ConcurrentHashMap<>();
    private final List<TrainingListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One requested training. */
    private static final class Job {
        final Instant startedAt;
        volatile TrainingProgress progress;
        volatile boolean cancelled;

        Job(Instant startedAt) {
            this.startedAt = startedAt;
            this.progress = new TrainingProgress("queued", 0, startedAt);
        }

        void at(String phase, int percent) {
            progress = new TrainingProgress(phase, percent, startedAt);
        }
    }

    /** Thrown inside a training that was stopped. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("stopped", null, false, false);
        }
    }

    /**
     * @param directory where artifacts are kept
     * @param people the key of the person an event belongs to, or null to skip the event (forgotten people)
     * @param catalogs a catalog's products and attribute values, by catalog id
     * @param kinds the kinds, which train, keep and read back their models
     */
    public ModelTraining(ModelService models, ModelVersionStore versions, Path directory, EventSource events,
                         Function<Event, String> people, Function<String, CatalogView> catalogs, ModelKinds kinds,
                         Clock clock) {
        this.models = models;
        this.versions = versions;
        this.directory = directory;
        this.events = events;
        this.people = people;
        this.catalogs = catalogs;
        this.kinds = kinds;
        this.definitions = new ModelDefinitionReader(catalog -> true, kinds);
        this.holdouts = new HoldoutEvaluation(kinds);
        this.clock = clock;
        for (Lane lane : Lane.values()) {
            workers.put(lane, Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, lane.threadName);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    /** Adds a listener told of every training that ends (wire before {@link #resume}). */
    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Loads the active version of every running model and restarts provisioning cut short by a stop. */
    public void resume() {
        for (StoredModel model : models.list()) {
            if (model.status() == ModelStatus.RUNNING && model.activeVersion() != null) {
                try {
                    load(model, model.activeVersion());
                } catch (RuntimeException e) {
                    LOG.error("model {} could not load version {}; retraining it", model.id(), model.activeVersion(), e);
                    models.trainingFailed(model.id(), "version " + model.activeVersion() + " could not be loaded: "
                            + e.getMessage());
                    submit(model.id(), Lane.MODELS);
                }
            } else if (model.status() == ModelStatus.PROVISIONING) {
                LOG.info("model {} was provisioning when the server stopped; training it again", model.id());
                submit(model.id(), Lane.MODELS);
            }
        }
    }

    /**
     * Starts the initial training of a draft or failed model.
     *
     * @throws ConflictException when it is provisioning or running already
     */
    public StoredModel provision(String id) {
        return provision(id, Lane.MODELS);
    }

    /** {@link #provision(String)} in the given lane. */
    public StoredModel provision(String id, Lane lane) {
        StoredModel model = models.startProvisioning(id);
        submit(id, lane);
        return model;
    }

    /**
     * Trains a new version of a running model while the active one keeps serving.
     *
     * @throws ConflictException when the model is not running or a training is under way
     */
    public StoredModel retrain(String id) {
        return retrain(id, Lane.MODELS);
    }

    /** {@link #retrain(String)} in the given lane. */
    public StoredModel retrain(String id, Lane lane) {
        StoredModel model = models.get(id);
        if (model.status() != ModelStatus.RUNNING) {
            throw new ConflictException("model_not_running", "Model '" + id + "' is " + model.status().jsonName()
                    + "; provision it first (only a running model is retrained)");
        }
        if (jobs.containsKey(id)) {
            throw new ConflictException("training_in_progress", "Model '" + id + "' is training already");
        }
        submit(id, lane);
        return model;
    }

    /** Stops serving and training a model and returns it to draft; its versions are kept. */
    public StoredModel stop(String id) {
        StoredModel model = models.stop(id);
        Job job = jobs.get(id);
        if (job != null) {
            job.cancelled = true;
        }
        served.remove(id);
        return model;
    }

    /**
     * Serves an earlier (or any stored) version of a running model.
     *
     * @throws NotFoundException for an unknown version
     * @throws ConflictException when the model is not running
     */
    public StoredModel rollback(String id, int version) {
        StoredModel model = models.get(id);
        if (model.status() != ModelStatus.RUNNING) {
            throw new ConflictException("model_not_running", "Model '" + id + "' is " + model.status().jsonName()
                    + "; only a running model can switch versions");
        }
        version(id, version);
        if (!Files.exists(artifact(id, version))) {
            throw new ConflictException("version_pruned", "Version " + version + " of model '" + id + "' can no"
                    + " longer be served: only the newest " + KEPT_ARTIFACTS + " versions (and the active one) keep"
                    + " their artifacts");
        }
        load(model, version);
        StoredModel activated = models.activate(id, version);
        LOG.info("model {} now serves version {}", id, version);
        return activated;
    }

    /** Deletes a draft or failed model, its versions and their artifacts. */
    public StoredModel delete(String id) {
        StoredModel deleted = models.delete(id);
        served.remove(id);
        int removed = versions.deleteAll(id);
        Path folder = directory.resolve(id);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                LOG.warn("could not delete the artifacts of model {} in {}", id, folder, e);
            }
        }
        LOG.info("model {} deleted with {} version(s)", id, removed);
        return deleted;
    }

    /** The training under way or queued for a model, if any. */
    public Optional<TrainingProgress> progress(String id) {
        Job job = jobs.get(id);
        return job == null ? Optional.empty() : Optional.of(job.progress);
    }

    /** The version serving for a running model, if one is loaded. */
    public Optional<ServedModel> served(String id) {
        return Optional.ofNullable(served.get(id));
    }

    /** @throws NotFoundException for an unknown model or version */
    public ModelVersion version(String id, int version) {
        models.get(id);
        return versions.find(id, version).orElseThrow(() -> new NotFoundException("version_not_found", "Model '"
                + id + "' has no version " + version));
    }

    /** A model's versions, newest first. @throws NotFoundException for an unknown model */
    public List<ModelVersion> versions(String id) {
        models.get(id);
        return versions.list(id);
    }

    /** Queues a training unless one that was not stopped is queued or under way. */
    private synchronized void submit(String id, Lane lane) {
        Job existing = jobs.get(id);
        if (existing != null && !existing.cancelled) {
            return;
        }
        Job job = new Job(clock.instant());
        jobs.put(id, job);
        workers.get(lane).execute(() -> {
            try {
                train(id, job);
            } catch (Cancelled e) {
                LOG.info("training of model {} stopped", id);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (job.cancelled) {
                    LOG.info("training of model {} stopped ({})", id, e.toString());
                    return;
                }
                LOG.error("training of model {} failed", id, e);
                models.trainingFailed(id, reason(e));
                listeners.forEach(listener -> listener.failed(id, reason(e)));
            } finally {
                jobs.remove(id, job);
            }
        });
    }

    private static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory while training; give the server more heap or choose params that need less";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void train(String id, Job job) {
        long started = System.nanoTime();
        StoredModel model = models.get(id);
        if (!model.status().trains()) {
            return;
        }
        listeners.forEach(listener -> listener.started(id));
        ModelDefinition definition = model.definition();
        long through = events.lastSeq();
        SignalReader reader = new SignalReader(definition, people);
        job.at("reading_events", 0);
        long[] read = {0};
        events.read(through, event -> {
            if (job.cancelled) {
                throw new Cancelled();
            }
            reader.accept(event);
            if (++read[0] % 10_000 == 0) {
                job.at("reading_events", (int) (40 * event.seq() / Math.max(1, through)));
            }
        });
        Interactions data = reader.interactions();
        if (data.size() == 0) {
            throw new IllegalStateException("no events of the model's signals ("
                    + definition.signals().stream().map(s -> s.eventType()).distinct().toList()
                    + ") in catalog '" + definition.catalog() + "' through event " + through);
        }
        CatalogView catalog = catalogs.apply(definition.catalog());
        job.at("evaluating", 40);
        HoldoutEvaluation.Holdout holdout = holdouts.evaluate(definition, data, catalog, () -> checkCancelled(job),
                progress(job, "evaluating", 40, 60));
        ModelVersion.OfflineMetrics metrics = holdout == null ? null : holdout.metrics();
        checkCancelled(job);
        job.at("training", 60);
        TrainedModel trained = kinds.train(definition, new TrainingInput(data, catalog,
                holdout == null ? null : holdout.model(), progress(job, "training", 60, 95)));
        checkCancelled(job);
        job.at("saving", 95);
        int version = versions.list(id).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
        long bytes;
        PersonRows rows = PersonRows.of(data, PersonRows.DEFAULT_MAX_PER_PERSON);
        try {
            bytes = trained.save(artifact(id, version), kinds) + saveRows(rows, personRows(id, version));
        } catch (IOException e) {
            throw new UncheckedIOException("saving the artifact failed: " + e, e);
        }
        ModelVersion saved = new ModelVersion(id, version, clock.instant(), definition.toJson(), trained.method(),
                new ModelVersion.DataWindow(through, reader.firstEventAt(), reader.lastEventAt(), reader.events(),
                        data.personCount(), data.itemCount(), data.size(), trained.productIds().length),
                (System.nanoTime() - started) / 1_000_000, metrics,
                new ModelVersion.SignalAnalytics(data.personCount(), reader.interactionCount(),
                        reader.weightBySignal(), reader.weightByDay()), bytes,
                kinds.productProfiles(definition, trained));
        versions.add(saved);
        served.put(id, new ServedModel(definition, saved, trained, rows, kinds));
        jobs.remove(id, job);
        if (!models.trained(id, version)) {
            served.remove(id);
            LOG.info("model {} was stopped while training; version {} is kept but not served", id, version);
            return;
        }
        LOG.info("model {} trained version {} ({}) in {} ms from {} interactions", id, version, trained.method(),
                saved.trainMillis(), data.size());
        pruneArtifacts(id, version);
        listeners.forEach(listener -> listener.trained(id, saved));
    }

    /** Deletes the artifacts of versions older than the newest {@link #KEPT_ARTIFACTS}, except the active one's. */
    private void pruneArtifacts(String id, int newest) {
        Integer active = models.get(id).activeVersion();
        for (int old = newest - KEPT_ARTIFACTS; old >= 1; old--) {
            if (active != null && old == active) {
                continue;
            }
            try {
                Files.deleteIfExists(personRows(id, old));
                if (Files.deleteIfExists(artifact(id, old))) {
                    LOG.info("model {}: the artifact of version {} was removed (keeping the newest {})", id, old,
                            KEPT_ARTIFACTS);
                }
            } catch (IOException e) {
                LOG.warn("could not remove {}", artifact(id, old), e);
            }
        }
    }

    /** Maps a kind's share done onto the job's percent range of a phase; stops the kind when the job is stopped. */
    private static java.util.function.DoubleConsumer progress(Job job, String phase, int from, int to) {
        return done -> {
            checkCancelled(job);
            job.at(phase, from + (int) Math.round((to - from) * Math.max(0, Math.min(1, done))));
        };
    }

    private static void checkCancelled(Job job) {
        if (job.cancelled) {
            throw new Cancelled();
        }
    }

    private Path artifact(String id, int version) {
        return directory.resolve(id).resolve("v" + version + ".bin");
    }

    /** The file of a version's {@link PersonRows}, beside its artifact; absent for versions trained before rows were kept. */
    private Path personRows(String id, int version) {
        return directory.resolve(id).resolve("v" + version + ".people.bin");
    }

    /** Writes the rows to a temporary file moved into place; returns the bytes written. */
    private static long saveRows(PersonRows rows, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary),
                1 << 16))) {
            rows.write(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(file);
    }

    private static PersonRows loadRows(Path file, int itemCount) throws IOException {
        if (!Files.exists(file)) {
            return PersonRows.none();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return PersonRows.read(in, itemCount);
        }
    }

    private void load(StoredModel model, int version) {
        ModelVersion stored = versions.find(model.id(), version).orElseThrow(() -> new NotFoundException(
                "version_not_found", "Model '" + model.id() + "' has no version " + version));
        TrainedModel trained;
        PersonRows rows;
        try {
            trained = TrainedModel.load(artifact(model.id(), version), kinds);
            rows = loadRows(personRows(model.id(), version), trained.productIds().length);
        } catch (IOException e) {
            throw new UncheckedIOException("the artifact of version " + version + " of model " + model.id()
                    + " cannot be read: " + e.getMessage(), e);
        }
        served.put(model.id(), new ServedModel(definitions.read(stored.definition()), stored, trained, rows, kinds));
    }

    /** Stops the background threads; a training under way is abandoned (it restarts with the server). */
    @Override
    public void close() {
        jobs.values().forEach(job -> job.cancelled = true);
        workers.values().forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService worker : workers.values()) {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
