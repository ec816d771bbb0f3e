package org.attune.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attune.core.evaluation.PublicDatasets;
import org.attune.core.json.Json;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelParams;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.SequentialRulesModel;
import org.attune.core.model.SequentialRulesParams;
import org.attune.core.model.Sessions;
import org.attune.core.model.TrainingInput;
import org.attune.core.model.affinity.AffinityParams;
import org.attune.core.model.collaborative.CollaborativeKind;
import org.attune.core.model.collaborative.CollaborativeParams;
import org.attune.core.model.cooccurrence.CoOccurrenceParams;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.model.sequence.SequenceParams;
import org.attune.core.model.trending.TrendingParams;
import org.attune.core.validation.Problem;
import org.attune.sequence.DjlEnvironment;
import org.attune.sequence.SequenceTrainer;
import picocli.CommandLine;

/**
 * The models {@code attune evaluate} trains, from its {@code --models} list and options. Each
 * model kind trains through its {@link ModelKind} with the kind's defaults (those the server
 * trains with), changed only where an option asks; {@code ease} and {@code als} are the
 * {@code collaborative} kind's EASE and ALS over grids of its params; popularity and the
 * sequential rules are baselines; the {@code sequence} entry measures the learner itself on
 * each person's (or session's) products in order. A registered kind this class has no options
 * for is trained with its defaults.
 */
final class EvaluationCandidates {
    /** The entries of {@code --models} before the kinds that have none of their own options. */
    private static final List<String> KNOWN = List.of("popularity", "trending", "co_occurrence", "ease", "als",
            "collaborative", "affinity", "sequence");
    /** The entries with options of their own that take {@code --params} too (as the base the options change). */
    private static final List<String> WITH_PARAMS = List.of("collaborative");
    private static final List<String> KNOWN_FOR_SESSIONS = List.of("popularity", "trending", "co_occurrence",
            "ease", "sequential_rules", "sequence");

    /**
     * A model of the person protocols, trained on the training part.
     *
     * @param definition for a model kind, the definition a server trains it by ({@code --served}); null otherwise
     */
    record Candidate(String name, Function<Interactions, ItemScorer> trainer, ModelDefinition definition) {
        Candidate(String name, Function<Interactions, ItemScorer> trainer) {
            this(name, trainer, null);
        }
    }

    /** The training sessions as each model reads them: in click order, or each session as one person. */
    record SessionTraining(Sessions ordered, Interactions asPeople) {
    }

    /** A model of the session protocol. */
    record SessionCandidate(String name, Function<SessionTraining, ItemScorer> trainer) {
    }

    private final EvaluateCommand options;
    private final ModelKinds kinds;
    private Map<String, List<String>> attributes;

    EvaluationCandidates(EvaluateCommand options) {
        this.options = options;
        this.kinds = BuiltInKinds.ALL.with(new CollaborativeKind(options.cores()));
    }

    /** The models of {@code --models} for the person protocols. */
    List<Candidate> forPeople() {
        checkParamsTargets(KNOWN);
        List<Candidate> candidates = new ArrayList<>();
        for (String model : options.models) {
            switch (model) {
                case "popularity" -> candidates.add(new Candidate("popularity", PopularityModel::train));
                case "co_occurrence" -> {
                    for (String measure : CoOccurrenceParams.MEASURES) {
                        candidates.add(kindCandidate("co_occurrence " + measure, "co_occurrence",
                                CoOccurrenceParams.DEFAULTS.withMeasure(measure)));
                    }
                }
                case "trending" -> {
                    needs(PublicDatasets.TIMED, "trending needs times; data sets with times: ");
                    candidates.add(kindCandidate("trending", "trending", TrendingParams.DEFAULTS));
                }
                case "ease" -> easeGrid().forEach((name, params) -> candidates.add(kindCandidate(name,
                        "collaborative", params)));
                case "als" -> alsGrid().forEach((name, params) -> candidates.add(kindCandidate(name,
                        "collaborative", params)));
                case "collaborative" -> {
                    for (String method : options.collaborativeMethods) {
                        if (!CollaborativeParams.METHODS.contains(method)) {
                            throw refuse("unknown --collaborative-method '" + method + "'; known: "
                                    + CollaborativeParams.METHODS);
                        }
                        CollaborativeParams base = (CollaborativeParams) params(kinds.get("collaborative"));
                        candidates.add(kindCandidate(nameWithParams("collaborative") + (method.equals("auto") ? ""
                                : " " + method), "collaborative", base.withMethod(method)));
                    }
                }
                case "affinity" -> {
                    needs(PublicDatasets.WITH_ATTRIBUTES, "affinity needs product attributes; data sets with them: ");
                    for (double halfLife : options.affinityHalfLives) {
                        candidates.add(kindCandidate("affinity half-life=" + fmt(halfLife) + "d", "affinity",
                                new AffinityParams(halfLife, AffinityParams.DEFAULTS.popularityPrior())));
                    }
                }
                case "sequence" -> {
                    needs(PublicDatasets.TIMED, "sequence needs times; data sets with times: ");
                    SequenceRun run = sequenceRun();
                    candidates.add(new Candidate(run.name(), data -> run.learn(data.itemCount(),
                            data.sequencesInTimeOrder())));
                }
                default -> {
                    ModelKind<?> kind = kinds.find(model).orElseThrow(() -> refuse("unknown model '" + model
                            + "'; known: " + String.join(", ", known(KNOWN))));
                    candidates.add(kindCandidate(nameWithParams(model), model, params(kind)));
                }
            }
        }
        return candidates;
    }

    /** The models of {@code --models} for the session protocol, each trained on the training sessions. */
    List<SessionCandidate> forSessions() {
        checkParamsTargets(KNOWN_FOR_SESSIONS);
        List<SessionCandidate> candidates = new ArrayList<>();
        for (String model : options.models) {
            switch (model) {
                case "popularity" -> candidates.add(new SessionCandidate("popularity",
                        training -> PopularityModel.train(training.asPeople())));
                case "trending" -> candidates.add(onSessions(kindCandidate("trending", "trending",
                        TrendingParams.DEFAULTS)));
                case "co_occurrence" -> {
                    for (String measure : CoOccurrenceParams.MEASURES) {
                        candidates.add(onSessions(kindCandidate("co_occurrence " + measure, "co_occurrence",
                                CoOccurrenceParams.DEFAULTS.withMeasure(measure))));
                    }
                }
                case "ease" -> easeGrid().forEach((name, params) -> candidates.add(onSessions(kindCandidate(name,
                        "collaborative", params))));
                case "sequential_rules" -> candidates.add(new SessionCandidate("sequential_rules",
                        training -> SequentialRulesModel.train(training.ordered(), SequentialRulesParams.DEFAULTS)));
                case "sequence" -> {
                    // each training session's clicks in order, repeats included: a third of next clicks go back
                    SequenceRun sequence = sequenceRun();
                    candidates.add(new SessionCandidate(sequence.name(), training -> {
                        Sessions sessions = training.ordered();
                        List<int[]> clicks = new ArrayList<>(sessions.sessionCount());
                        for (int session = 0; session < sessions.sessionCount(); session++) {
                            int[] items = new int[sessions.length(session)];
                            for (int i = 0; i < items.length; i++) {
                                items[i] = sessions.item(sessions.start(session) + i);
                            }
                            clicks.add(items);
                        }
                        return sequence.learn(sessions.itemCount(), clicks);
                    }));
                }
                default -> {
                    ModelKind<?> kind = kinds.find(model).orElseThrow(() -> refuse("unknown model '" + model
                            + "' for sessions; known: " + String.join(", ", known(KNOWN_FOR_SESSIONS))));
                    candidates.add(onSessions(kindCandidate(nameWithParams(model), model, params(kind))));
                }
            }
        }
        return candidates;
    }

    /** Refuses {@code --params} for a kind not in {@code --models} or one with options of its own here. */
    private void checkParamsTargets(List<String> withOptions) {
        for (String kind : options.kindParams.keySet()) {
            if (withOptions.contains(kind) && !WITH_PARAMS.contains(kind)) {
                throw refuse("--params " + kind + ": " + kind + " takes its own options here (see --help)");
            }
            if (!options.models.contains(kind)) {
                throw refuse("--params " + kind + ": " + kind + " is not among --models");
            }
        }
    }

    /** The kind's params from {@code --params}, read as the API reads them, or its defaults. */
    private ModelParams params(ModelKind<?> kind) {
        String json = options.kindParams.get(kind.name());
        if (json == null) {
            return kind.defaults();
        }
        List<Problem> problems = new ArrayList<>();
        try {
            ModelParams params = kinds.readParams(kind, Json.MAPPER.readTree(json), problems);
            if (problems.isEmpty()) {
                return params;
            }
        } catch (JsonProcessingException e) {
            throw refuse("--params " + kind.name() + ": not JSON: " + e.getOriginalMessage());
        }
        throw refuse("--params " + kind.name() + ": " + problems.stream().map(Problem::message)
                .collect(Collectors.joining("; ")));
    }

    /** The model's name in the table: the kind, with the params given to it if any. */
    private String nameWithParams(String model) {
        String json = options.kindParams.get(model);
        return json == null ? model : model + " " + json.replaceAll("[\\s\"]", "");
    }

    /** The entries with options of their own, then every other registered kind. */
    private List<String> known(List<String> withOptions) {
        Set<String> names = new LinkedHashSet<>(withOptions);
        kinds.all().forEach(kind -> names.add(kind.name()));
        return List.copyOf(names);
    }

    private static SessionCandidate onSessions(Candidate candidate) {
        return new SessionCandidate(candidate.name(), training -> candidate.trainer().apply(training.asPeople()));
    }

    /**
     * A kind trained as the server trains it, with {@code params}; the catalog is the training
     * data's products with the data set's attributes, where it has them (read now, once).
     */
    private Candidate kindCandidate(String name, String kind, ModelParams params) {
        ModelDefinition definition = new ModelDefinition(name, options.dataset, kind, List.of(), params);
        Map<String, List<String>> attributes = attributes();
        return new Candidate(name, data -> {
            List<String> products = new ArrayList<>(data.itemCount());
            for (int i = 0; i < data.itemCount(); i++) {
                products.add(data.itemId(i));
            }
            CatalogView catalog = new CatalogView(products, id -> attributes.getOrDefault(id, List.of()));
            return kinds.train(definition, new TrainingInput(data, catalog)).scorer();
        }, definition);
    }

    /** The data set's product attributes (none for most), read once. */
    private Map<String, List<String>> attributes() {
        if (attributes == null) {
            attributes = PublicDatasets.WITH_ATTRIBUTES.contains(options.dataset)
                    ? PublicDatasets.attributes(options.dataset, options.data) : Map.of();
        }
        return attributes;
    }

    /**
     * One EASE model (the collaborative kind's, method {@code ease}) per combination of the
     * --ease-* lists, by name: lambda always, the activity exponent and dropout where they
     * differ from the kind's defaults.
     */
    private Map<String, CollaborativeParams> easeGrid() {
        CollaborativeParams defaults = CollaborativeParams.DEFAULTS.withMethod("ease");
        Map<String, CollaborativeParams> grid = new java.util.LinkedHashMap<>();
        for (double lambda : options.easeLambdas) {
            for (double exponent : options.easeActivityExponents) {
                for (double dropout : options.easeDropouts) {
                    CollaborativeParams params = checked(() -> defaults.withEase(lambda, exponent, dropout));
                    String variant = (exponent == defaults.easeActivityExponent() ? "" : " activity=" + fmt(exponent))
                            + (dropout == defaults.easeDropout() ? "" : " dropout=" + fmt(dropout));
                    grid.put("ease lambda=" + fmt(lambda) + variant, params);
                }
            }
        }
        return grid;
    }

    /** One ALS model (the collaborative kind's, method {@code als}) per combination of the --als-* lists. */
    private Map<String, CollaborativeParams> alsGrid() {
        CollaborativeParams defaults = CollaborativeParams.DEFAULTS.withMethod("als");
        Map<String, CollaborativeParams> grid = new java.util.LinkedHashMap<>();
        for (int factors : options.alsFactors) {
            for (double regularization : options.alsRegularizations) {
                for (double alpha : options.alsAlphas) {
                    for (int iterations : options.alsIterations) {
                        for (double exponent : options.alsRegExponents) {
                            CollaborativeParams params = checked(() -> defaults.withAls(factors, iterations,
                                    regularization, exponent, alpha));
                            grid.put("als f=" + factors + " reg=" + fmt(regularization)
                                    + (exponent == 0 ? "" : " e=" + fmt(exponent)) + " alpha=" + fmt(alpha) + " it="
                                    + iterations, params);
                        }
                    }
                }
            }
        }
        return grid;
    }

    private <T> T checked(java.util.function.Supplier<T> params) {
        try {
            return params.get();
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
    }

    /** Learns sequence models with the --seq-* options and prints how each training went. */
    record SequenceRun(String name, SequenceParams params, SequenceTrainer trainer) {
        ItemScorer learn(int itemCount, List<int[]> sequences) {
            ItemScorer model = trainer.learn(itemCount, sequences, params, null, done -> { });
            SequenceTrainer.Report report = trainer.lastReport();
            System.out.printf("  (sequence: %d epochs, best %d, stopped by %s, %s softmax, validation NDCG@10 %.4f"
                            + " on %,d people; process peak resident memory so far %,d MiB, PyTorch's native memory"
                            + " included)%n", report.epochs(), report.bestEpoch(), report.stoppedBy(),
                    report.softmax(), report.validationNdcg(), report.validationPeople(),
                    MemoryPeaks.peakResidentMiB());
            return model;
        }
    }

    /** The sequence kind's defaults with the --seq-* options, learned by DJL. */
    private SequenceRun sequenceRun() {
        SequenceParams params;
        try {
            params = SequenceParams.DEFAULTS.withShape(options.seqMaxLength, options.seqDimension, options.seqBlocks,
                            options.seqHeads)
                    .withOptimizer(options.seqDropout, options.seqLearningRate, options.seqBatchSize)
                    .withStopping(options.seqEpochs, SequenceParams.DEFAULTS.validateEvery(), options.seqPatience,
                            options.seqMaxMinutes)
                    .withSoftmax(options.seqSoftmax, options.seqNegatives);
        } catch (IllegalArgumentException e) {
            throw refuse("--seq-*: " + e.getMessage());
        }
        DjlEnvironment.configure(options.djlCache != null ? options.djlCache
                : Path.of(System.getProperty("java.io.tmpdir"), "attune-djl"));
        String name = "sequence L=" + options.seqMaxLength + " d=" + options.seqDimension + " b=" + options.seqBlocks
                + " h=" + options.seqHeads + " bs=" + options.seqBatchSize;
        return new SequenceRun(name, params, new SequenceTrainer());
    }

    private void needs(List<String> datasets, String message) {
        if (!datasets.contains(options.dataset)) {
            throw refuse(message + datasets);
        }
    }

    private CommandLine.ParameterException refuse(String message) {
        return new CommandLine.ParameterException(options.spec.commandLine(), message);
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
