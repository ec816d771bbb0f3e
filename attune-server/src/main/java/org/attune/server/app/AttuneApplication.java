package org.attune.server.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.DisplayHistory;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.decisioning.source.StandardSources;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.Event;
import org.attune.core.event.EventValidator;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.ingest.EventFanout;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.ingest.EventStoreLoader;
import org.attune.core.model.CatalogView;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelService;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.model.sequence.SequenceKind;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.popularity.Popularity;
import org.attune.core.popularity.RecommendationSettings;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProductFacts;
import org.attune.core.profile.ProfileEraser;
import org.attune.core.profile.Symbols;
import org.attune.core.snapshot.StateSnapshots;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.Outcomes;
import org.attune.core.recommend.Recommender;
import org.attune.core.security.Accounts;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.Role;
import org.attune.core.storage.Storage;
import org.attune.core.training.EventSource;
import org.attune.core.training.ModelRecommender;
import org.attune.core.training.ModelTraining;
import org.attune.sequence.DjlEnvironment;
import org.attune.sequence.SequenceTrainer;
import org.attune.server.http.ApiMetrics;
import org.attune.server.http.ApiRoutes;
import org.attune.server.http.ApiServer;
import org.attune.server.http.ClientAddress;
import org.attune.server.studio.CatalogsPage;
import org.attune.server.studio.DecisioningPage;
import org.attune.server.studio.DictionaryPage;
import org.attune.server.studio.ModelsPage;
import org.attune.server.studio.OverviewPage;
import org.attune.server.studio.PersonalizationPage;
import org.attune.server.studio.PlacementPreview;
import org.attune.server.studio.PreviewPage;
import org.attune.server.studio.ProfilePage;
import org.attune.server.studio.RulePreview;
import org.attune.server.studio.Studio;
import org.attune.server.studio.StudioPages;
import org.attune.server.studio.StudioSessions;
import org.attune.server.studio.WebTagPage;
import org.attune.server.web.Storefront;
import org.attune.server.web.WebTag;
import org.attune.store.duckdb.DuckDbStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Attune server: storage, event log, services and HTTP, wired with plain
 * constructors. {@link #start} returns once the server answers requests; {@link #close}
 * stops it and flushes what is pending.
 */
public final class AttuneApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttuneApplication.class);
    /** Name of the studio account that ATTUNE_ADMIN_PASSWORD creates. */
    public static final String BOOTSTRAP_ACCOUNT = "admin";

    private final ServerSettings settings;
    private final Storage storage;
    private final FileEventLog log;
    private final EventFanout fanout;
    private final java.util.concurrent.ExecutorService ingestWorkers;
    private final EventStoreLoader loader;
    private final ApiServer http;
    private final Storefront storefront;
    private final java.util.List<org.attune.server.http.ApiRoute> routes;
    private final CatalogService catalogs;
    private final LiveProfiles profiles;
    private final Popularity popularity;
    private final ProfileEraser eraser;
    private final ModelTraining training;
    private final PersonalizationSetups setups;
    private final ScheduledExecutorService rankings;
    private final ApiKeys keys;
    private final Accounts accounts;
    private final String generatedAdminSecret;
    private final StateSnapshots snapshots;
    private final Outcomes outcomes;
    private final DecisionEngine decisions;
    private final long replayedEvents;
    /** Log position of the snapshot this start restored, 0 for none. */
    private final long startedFromSnapshot;
    private final long startupMillis;

    private AttuneApplication(ServerSettings settings) throws Exception {
        long started = System.nanoTime();
        this.settings = settings;
        Files.createDirectories(settings.dataDir());
        DjlEnvironment.configure(settings.dataDir().resolve("djl"));
        storage = new DuckDbStorage(settings.dataDir());
        log = new FileEventLog(settings.dataDir().resolve("events"));
        catalogs = new CatalogService(storage.catalogs(), storage.products(), settings.clock());
        keys = new ApiKeys(storage.apiKeys(), settings.clock());
        generatedAdminSecret = bootstrapAdminKey(settings.adminKey());
        accounts = new Accounts(storage.accounts(), settings.clock());
        bootstrapAdminAccount(settings.adminPassword());

        DataDictionary dictionary = new DataDictionary();
        int cores = Runtime.getRuntime().availableProcessors();
        ingestWorkers = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, cores - 1), runnable -> {
            Thread thread = new Thread(runnable, "ingest-worker");
            thread.setDaemon(true);
            return thread;
        });
        EventIngestor ingestor = new EventIngestor(log, settings.limits(),
                new EventValidator(settings.limits(), catalogs::exists), settings.clock(), ingestWorkers,
                Math.max(2, cores));
        Symbols names = new Symbols();
        ProductFacts facts = new CatalogProductFacts(catalogs, names, settings.profiles().eventWeights());
        profiles = new LiveProfiles(facts, names, settings.profiles());
        popularity = new Popularity(catalogs, facts, RecommendationSettings.DEFAULTS,
                settings.profiles().purchaseType());
        outcomes = openOutcomes(settings.dataDir(), settings.decisionLogRetention(), profiles, facts, catalogs,
                settings.profiles(), settings.clock());
        snapshots = new StateSnapshots(settings.dataDir().resolve("snapshots"),
                List.of(profiles.snapshotPart(), popularity.snapshotPart(), dictionary.snapshotPart(),
                        ingestor.snapshotPart(), outcomes.snapshotPart()), settings.snapshots(), settings.clock());
        StateSnapshots.Restored restored = snapshots.restore(log.lastSeq());
        startedFromSnapshot = restored.throughSeq();
        if (restored.skipped() != null) {
            LOG.warn("state snapshot not used, the whole event log is replayed: {}", restored.skipped());
        }
        long replayStarted = System.nanoTime();
        replayedEvents = ingestor.rememberStoredIds(restored.throughSeq() + 1, event -> {
            dictionary.observe(event);
            profiles.apply(event);
            outcomes.apply(event);
            popularity.apply(event);
        });
        long replayMillis = (System.nanoTime() - replayStarted) / 1_000_000;
        snapshots.replayed(replayedEvents, profiles.appliedThrough());
        fanout = new EventFanout();
        fanout.subscribe(dictionary::observeAll);
        // Attribution reads each event's person as stitched once that event is applied (as a replay does).
        DisplayHistory shown = new DisplayHistory();
        fanout.subscribe(batch -> {
            for (Event event : batch) {
                if (Tombstone.is(event)) {
                    // before the profile goes, while its id still says whose showings to drop
                    List<String> ids = Tombstone.ids(event);
                    shown.forget(ids.stream().map(profiles::personId).flatMap(java.util.Optional::stream)
                            .findFirst().orElse(null), ids);
                }
                profiles.apply(event);
                outcomes.apply(event);
            }
        });
        fanout.subscribe(popularity::applyAll);
        fanout.subscribe(batch -> snapshots.applied(batch.size(), batch.get(batch.size() - 1).seq(),
                batch.stream().anyMatch(Tombstone::is)));
        outcomes.start();
        snapshots.start(fanout::runBetweenBatches);
        log.onDurable(fanout);
        loader = new EventStoreLoader(log, storage.events());
        loader.start();
        rankings = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ranking-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long refreshMillis = RecommendationSettings.DEFAULTS.rankingRefresh().toMillis();
        rankings.scheduleWithFixedDelay(this::refreshRankings, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        Recommender recommender = new Recommender(catalogs, profiles, popularity, settings.clock());
        eraser = new ProfileEraser(log, profiles, loader::loadedThrough, () -> loader.lastError() != null,
                settings.clock(), ProfileEraser.DEFAULT_REDACTION_INTERVAL, snapshots::dueAfterRedaction);
        eraser.resume();

        ApiMetrics metrics = new ApiMetrics();
        new JvmMemoryMetrics().bindTo(metrics.registry());
        new JvmThreadMetrics().bindTo(metrics.registry());
        Gauge.builder("attune.eventlog.last.seq", log, FileEventLog::lastSeq)
                .description("Sequence number of the last durable event").register(metrics.registry());
        Gauge.builder("attune.eventstore.lag.events", loader, EventStoreLoader::lag)
                .description("Durable events not yet in the queryable event store").register(metrics.registry());
        Gauge.builder("attune.eventstore.set.aside.events", loader, EventStoreLoader::setAside)
                .description("Events of the log the queryable event store refused for their data and set aside")
                .register(metrics.registry());
        Gauge.builder("attune.eventstore.load.failing", loader, l -> l.lastError() == null ? 0 : 1)
                .description("1 while loading events into the queryable event store fails, else 0")
                .register(metrics.registry());
        Gauge.builder("attune.snapshot.seq", snapshots, StateSnapshots::lastSeq)
                .description("Log position of the newest state snapshot (-1: none); a restart replays the events"
                        + " after it").register(metrics.registry());
        Gauge.builder("attune.snapshot.write.millis", snapshots, StateSnapshots::lastMillis)
                .description("How long writing the newest state snapshot took (-1: none written since start);"
                        + " new events wait to be applied meanwhile").register(metrics.registry());
        Gauge.builder("attune.snapshot.bytes", snapshots, StateSnapshots::lastBytes)
                .description("Size of the newest state snapshot (-1: none)").register(metrics.registry());
        Gauge.builder("attune.attribution.lag.events", this, app -> Math.max(0, app.log.lastSeq()
                        - app.outcomes.appliedThrough()))
                .description("Durable events not yet attributed to answers (reports reflect an event once it is)")
                .register(metrics.registry());
        Gauge.builder("attune.decision.log.backlog", outcomes, Outcomes::decisionBacklog)
                .description("Answers served but not yet written to the decision log").register(metrics.registry());
        Gauge.builder("attune.dictionary.events", dictionary, DataDictionary::events)
                .description("Events observed by the data dictionary").register(metrics.registry());
        Gauge.builder("attune.profiles", profiles, LiveProfiles::size)
                .description("People with a live profile").register(metrics.registry());
        Gauge.builder("attune.profiles.applied.seq", profiles, LiveProfiles::appliedThrough)
                .description("Sequence number of the last event applied to the live profiles")
                .register(metrics.registry());
        ModelKinds kinds = BuiltInKinds.ALL.with(new SequenceKind(new SequenceTrainer()));
        ModelService models = new ModelService(storage.models(), catalogs::exists, kinds, settings.clock());
        training = new ModelTraining(models, storage.modelVersions(), settings.dataDir().resolve("models"),
                new LogEvents(log), this::trainingPerson, catalog -> catalogView(catalog, facts, names), kinds,
                settings.clock());
        DecisioningDefinitions decisioning = new DecisioningDefinitions(storage.decisioning(), catalogs, models,
                settings.clock());
        setups = new PersonalizationSetups(storage.personalization(), models, training, catalogs,
                new LogEvents(log), this::trainingPerson, settings.personalization(),
                List.of(catalog -> enabledRules(decisioning, catalog)), settings.clock());
        setups.recover();
        training.resume();
        setups.start();
        ModelRecommender modelRecommender = new ModelRecommender(training, models, profiles, catalogs,
                settings.clock());
        rememberShowings(decisioning, shown);
        AnswerRecorder answers = new CountedAnswers(outcomes, metrics.registry());
        decisions = new DecisionEngine(decisioning, catalogs, profiles, modelRecommender,
                StandardSources.create(catalogs, modelRecommender, popularity), shown, answers, settings.clock());
        for (String part : List.of("eligibility", "formula", "filter")) {
            FunctionCounter.builder("attune.decisioning.expression.errors", decisions,
                            engine -> engine.expressionErrors().getOrDefault(part, 0L))
                    .tag("part", part)
                    .description("Expression evaluations that failed at request time (each left its product out)")
                    .register(metrics.registry());
        }
        PlacementPreview placementPreview = new PlacementPreview(catalogs, decisions,
                new EventValidator(ingestor.limits(), catalogs::exists), log, profiles::isForgotten, settings.clock());
        ClientAddress clientAddress = new ClientAddress(settings.trustedProxies());
        LongSupplier attributionLag = () -> Math.max(0, log.lastSeq() - outcomes.appliedThrough());
        storefront = new Storefront(catalogs);
        Studio studio = new Studio(new StudioSessions(settings.clock(), accounts::find), accounts::authenticate,
                clientAddress, new StudioPages(), settings.clock(),
                List.of(new CatalogsPage(catalogs, setups, dictionary),
                        new OverviewPage(catalogs, outcomes, decisioning, attributionLag,
                                settings.profiles().purchaseType(), settings.clock()),
                        new PersonalizationPage(catalogs, setups, dictionary),
                        new ModelsPage(models, training, setups, catalogs, dictionary), new DictionaryPage(dictionary),
                        new ProfilePage(profiles, settings.clock()),
                        new PreviewPage(decisioning, placementPreview),
                        new WebTagPage(catalogs, decisioning, keys),
                        new DecisioningPage(catalogs, decisioning, models, placementPreview,
                                new RulePreview(catalogs, decisions, decisioning, placementPreview))));
        ApiRoutes routes = new ApiRoutes(ingestor, log, catalogs, keys, accounts, dictionary,
                new ApiRoutes.PersonServices(profiles, eraser, recommender,
                        RecommendationSettings.DEFAULTS.maxCount(), settings.clock()),
                new ApiRoutes.ModelServices(models, training, modelRecommender, setups),
                new ApiRoutes.DecisioningServices(decisioning, decisions),
                new ApiRoutes.OutcomeServices(outcomes, answers, attributionLag),
                metrics, this::health, java.util.stream.Stream.of(studio.routes(), new WebTag().routes(),
                        storefront.routes()).flatMap(List::stream).toList());
        this.routes = routes.routes();
        http = new ApiServer(settings.host(), settings.port(), this.routes, keys, metrics, settings.clients(),
                clientAddress)
                .start();
        startupMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("Attune listening on http://{}:{} (data in {}, {}{} events replayed in {} ms into {} profiles,"
                        + " started in {} ms)", settings.host(), http.port(), settings.dataDir(),
                restored.throughSeq() == 0 ? "" : String.format("snapshot through event %,d read in %,d ms, ",
                        restored.throughSeq(), restored.millis()),
                replayedEvents, replayMillis, profiles.size(), startupMillis);
    }

    /** What answers earned, in {@code DATA_DIR/outcomes}; the server and {@code attune reports rebuild} open it alike. */
    static Outcomes openOutcomes(Path dataDir, java.time.Duration retention, LiveProfiles profiles, ProductFacts facts,
                                 CatalogService catalogs, org.attune.core.profile.ProfileSettings profileSettings, java.time.Clock clock)
            throws java.io.IOException {
        return new Outcomes(dataDir.resolve("outcomes"), retention, profiles::idsOf, facts,
                catalog -> catalogs.exists(catalog) ? catalogs.products(catalog).size() : 0,
                profileSettings.purchaseType(), profileSettings.addToCartType(), clock);
    }

    /**
     * Frequency caps and "shown more than" exclusions count showings from the decision log, so a
     * restart reads back what each person was shown in the catalogs whose definitions read them.
     */
    private void rememberShowings(DecisioningDefinitions decisioning, DisplayHistory shown) throws java.io.IOException {
        java.util.Set<String> reading = new java.util.HashSet<>();
        for (var catalog : catalogs.list()) {
            if (decisioning.compiled(catalog.id()).readsShowings()) {
                reading.add(catalog.id());
            }
        }
        if (reading.isEmpty()) {
            return;
        }
        long now = settings.clock().millis();
        long[] read = {0};
        outcomes.answersSince(now - DisplayHistory.MAX_HOURS * 3_600_000L, answer -> {
            if (AnswerDimensions.DECISION.equals(answer.dimensions().kind())
                    && reading.contains(answer.dimensions().catalog()) && answer.person() != null) {
                shown.record(DisplayHistory.key(profiles.personId(answer.person()).orElse(null), answer.person()),
                        answer.dimensions().placement(), answer.items(), answer.at());
                read[0]++;
            }
        });
        LOG.info("read {} answers of the decision log back for frequency caps", read[0]);
    }

    /**
     * Whose an event is, for training: the stitched person of its user id (else anonymous id),
     * or null for events that a privacy deletion forgot.
     */
    private String trainingPerson(Event event) {
        if (profiles.isForgotten(event)) {
            return null;
        }
        String id = event.userId() != null ? event.userId() : event.anonymousId();
        if (id == null) {
            return null;
        }
        return profiles.personId(id).map(LiveProfiles::personKey).orElse("id:" + id);
    }

    /** A catalog's products and their affinity values, for kinds that score products by attributes. */
    private CatalogView catalogView(String catalog, ProductFacts facts, Symbols names) {
        java.util.List<String> products = catalogs.products(catalog).stream().map(Product::id).toList();
        return new CatalogView(products, id -> {
            int[] keys = facts.affinityKeys(catalog, id);
            java.util.List<String> values = new java.util.ArrayList<>(keys.length);
            for (int key : keys) {
                values.add(names.name(key));
            }
            return values;
        });
    }

    /** The durable event log as training (and {@link ReportRebuild}) reads it. */
    record LogEvents(FileEventLog log) implements EventSource {
        @Override
        public long lastSeq() {
            return log.lastSeq();
        }

        @Override
        public void read(long throughSeq, java.util.function.Consumer<Event> sink) {
            try (EventLogCursor cursor = log.openCursor(1)) {
                boolean[] done = {false};
                while (!done[0]) {
                    int read = cursor.read(20_000, event -> {
                        if (event.seq() > throughSeq) {
                            done[0] = true;
                        } else if (!done[0]) {
                            sink.accept(event);
                        }
                    });
                    done[0] |= read == 0;
                }
            }
        }
    }

    private void refreshRankings() {
        try {
            popularity.refresh();
        } catch (RuntimeException e) {
            LOG.error("rebuilding the popularity rankings failed; the previous ones stay in use", e);
        }
    }

    /** Opens everything and starts serving. */
    public static AttuneApplication start(ServerSettings settings) throws Exception {
        return new AttuneApplication(settings);
    }

    private String bootstrapAdminKey(String fromEnvironment) {
        if (fromEnvironment != null) {
            if (keys.isRevokedSecret(fromEnvironment)) {
                // Made again, a revoked key would come back with every restart: revoking must last.
                LOG.warn("ATTUNE_ADMIN_KEY names a key that was revoked; it stays revoked and is not made again."
                        + " Remove ATTUNE_ADMIN_KEY or set it to a new secret.");
            } else if (!keys.isKnownSecret(fromEnvironment)) {
                keys.createWithSecret("bootstrap admin (ATTUNE_ADMIN_KEY)", Role.ADMIN, fromEnvironment);
            }
            return null;
        }
        if (!keys.anyActive()) {
            return keys.create("bootstrap admin", Role.ADMIN).secret();
        }
        return null;
    }

    /**
     * Creates the studio account {@value #BOOTSTRAP_ACCOUNT} (role admin) with the operator's
     * password, unless an account of that name exists already (active or not): a later change of
     * ATTUNE_ADMIN_PASSWORD does not change its password, PUT /v1/accounts/admin/password does.
     */
    private void bootstrapAdminAccount(String password) {
        if (password != null && accounts.find(BOOTSTRAP_ACCOUNT).isEmpty()) {
            accounts.create(BOOTSTRAP_ACCOUNT, Role.ADMIN, password.toCharArray());
            LOG.info("created the studio account '{}' (role admin) with the password of ATTUNE_ADMIN_PASSWORD",
                    BOOTSTRAP_ACCOUNT);
        }
    }

    /** A catalog's enabled personalization rules block deactivating its personalization. */
    private static List<String> enabledRules(DecisioningDefinitions decisioning, String catalog) {
        return decisioning.enabledRules(catalog).stream()
                .map(rule -> "personalization rule '" + rule.id() + "' is enabled; disable it first (PUT"
                        + " /v1/catalogs/" + catalog + "/rules/" + rule.id() + " with enabled false)")
                .toList();
    }

    private ApiRoutes.Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storage", storage.kind());
        details.put("eventLogLastSeq", log.lastSeq());
        details.put("eventStoreLoadedThrough", loader.loadedThrough());
        details.put("eventStoreLag", loader.lag());
        details.put("eventStoreEvents", storage.events().count());
        details.put("catalogs", catalogs.list().size());
        details.put("profiles", profiles.size());
        details.put("profilesAppliedThrough", profiles.appliedThrough());
        details.put("snapshotThroughSeq", snapshots.lastSeq());
        details.put("startedFromSnapshotSeq", startedFromSnapshot);
        details.put("startupReplayedEvents", replayedEvents);
        details.put("attributedThroughSeq", outcomes.appliedThrough());
        details.put("decisionLogBacklog", outcomes.decisionBacklog());
        String failure = log.failure();
        if (failure != null) {
            return new ApiRoutes.Health(false, failure, details);
        }
        details.put("eventStoreSetAside", loader.setAside());
        String lastError = loader.lastError();
        if (lastError != null) {
            details.put("eventStoreError", lastError);
            return new ApiRoutes.Health(true, true, "loading events into the queryable event store fails; it trails"
                    + " the event log until loading works again", details);
        }
        if (loader.lagging()) {
            return new ApiRoutes.Health(true, true, "the queryable event store has trailed the event log for over "
                    + EventStoreLoader.LAGGING_AFTER.toMinutes() + " minutes", details);
        }
        return new ApiRoutes.Health(true, null, details);
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return "http://" + host + ":" + port();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** The admin secret made on first start, when no ATTUNE_ADMIN_KEY was given; null otherwise. */
    public String generatedAdminSecret() {
        return generatedAdminSecret;
    }

    /** The routes this server answers, as {@link ApiRoutes} assembles them from each area's declarations. */
    public java.util.List<org.attune.server.http.ApiRoute> routes() {
        return routes;
    }

    /** The decision engine, for in-process simulations (the demo shop's exposures). */
    public DecisionEngine decisions() {
        return decisions;
    }

    /** What answers earned: reports and the decision log. */
    public Outcomes outcomes() {
        return outcomes;
    }

    /** The live profiles, for in-process simulations that name people as the API does ({@link LiveProfiles#requestId}). */
    public LiveProfiles profiles() {
        return profiles;
    }

    /** The demo's storefront at /shop/, closed until {@code attune demo} opens it. */
    public Storefront storefront() {
        return storefront;
    }

    public ApiKeys keys() {
        return keys;
    }

    /** People's studio accounts: what the studio's sign-in checks names and passwords against. */
    public Accounts accounts() {
        return accounts;
    }

    public CatalogService catalogs() {
        return catalogs;
    }

    public long replayedEvents() {
        return replayedEvents;
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** Waits until the queryable event store holds every durable event. */
    public void awaitEventStore() {
        loader.catchUp();
    }

    @Override
    public void close() {
        http.close();
        setups.close();
        training.close();
        eraser.close();
        rankings.shutdownNow();
        ingestWorkers.shutdown();
        try {
            outcomes.close(); // every answer served is on disk before the last snapshot counts them
        } catch (java.io.IOException e) {
            LOG.warn("could not close the decision log", e);
        }
        snapshots.close();
        loader.close();
        fanout.close();
        if (fanout.stopped()) {
            // Nothing applies events any more: the state is as of the last event applied.
            snapshots.write(snapshots.appliedThrough());
        }
        log.close();
        storage.close();
    }
}
