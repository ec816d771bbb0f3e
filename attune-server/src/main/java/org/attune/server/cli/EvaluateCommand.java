package org.attune.server.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.PublicDatasets;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.SessionEvaluator;
import org.attune.core.evaluation.SessionSplit;
import org.attune.core.evaluation.Split;
import org.attune.core.model.AffinityModel;
import org.attune.core.model.AlsParams;
import org.attune.core.model.AlsTrainer;
import org.attune.core.model.CoOccurrenceModel;
import org.attune.core.model.CollaborativeTrainer;
import org.attune.core.model.EaseParams;
import org.attune.core.model.EaseTrainer;
import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ModelParams;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.SequentialRulesModel;
import org.attune.core.model.SequentialRulesParams;
import org.attune.core.model.Sessions;
import org.attune.core.model.TrendingModel;
import org.attune.sequence.DjlEnvironment;
import org.attune.sequence.SequenceTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code attune evaluate}: trains models on a split of a public data set and measures them
 * with full ranking (protocols in docs/evaluation.md), printing one table row per model.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Offline evaluation of models on a public data set (see docs/evaluation.md).")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true,
            description = "One of: ml-100k, ml-1m, ml-latest-small, amazon-musical-instruments, online-retail")
    String dataset;

    @Option(names = "--data", defaultValue = "../shared/data",
            description = "Directory holding the data sets (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--protocol", defaultValue = "random-holdout",
            description = "random-holdout (per person, shuffled), stratified (the same at 75/25, as the"
                    + " Microsoft Recommenders benchmarks), leave-last-out (by time) or time-split (global cut by"
                    + " time) (default: ${DEFAULT-VALUE}); session-next-item: each click of a test session"
                    + " predicted from the clicks before it (session data sets)")
    String protocol;

    @Option(names = "--train-fraction",
            description = "Share kept for training (default: 0.75 for stratified, else 0.8)")
    Double trainFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--models", defaultValue = "popularity,ease", split = ",",
            description = "Models to train: popularity, trending (data with times), co_occurrence (llr and"
                    + " cosine), ease, als, collaborative (the kind with its default params), affinity (MovieLens"
                    + " genres), sequence (the self-attentive sequence model; data with times)"
                    + " (default: ${DEFAULT-VALUE}); with session-next-item also sequential_rules")
    List<String> models;

    @Option(names = "--ease-lambda", split = ",", defaultValue = "500",
            description = "EASE lambda; several (comma-separated) train one model each (default: ${DEFAULT-VALUE})")
    List<Double> easeLambdas;

    @Option(names = "--prefix-half-life", defaultValue = "1",
            description = "session-next-item: after how many clicks a click of the prefix counts half as much;"
                    + " 0 weights every click the same (default: ${DEFAULT-VALUE})")
    double prefixHalfLife;

    @Option(names = "--ease-activity-exponent", split = ",", defaultValue = "0",
            description = "EASE: weigh each person by (their product count)^-x in the Gram matrix; 0 is plain EASE"
                    + " (default: ${DEFAULT-VALUE}). Every --ease-* flag takes a comma list; one EASE model is"
                    + " trained per combination")
    List<Double> easeActivityExponents;

    @Option(names = "--ease-dropout", split = ",", defaultValue = "0",
            description = "EASE: emphasised-dropout (EDLAE) probability; 0 is plain EASE (default: ${DEFAULT-VALUE})")
    List<Double> easeDropouts;

    @Option(names = "--collaborative-method", split = ",", defaultValue = "auto",
            description = "Method of the collaborative entry, its other params at their defaults: auto, blend, ease"
                    + " or als; a comma list trains one each (default: ${DEFAULT-VALUE})")
    List<String> collaborativeMethods;

    @Option(names = "--als-factors", split = ",", defaultValue = "64",
            description = "ALS factors (default: ${DEFAULT-VALUE}). Every --als-* flag takes a comma list; one"
                    + " ALS model is trained per combination")
    List<Integer> alsFactors;

    @Option(names = "--als-reg", split = ",", defaultValue = "0.1",
            description = "ALS regularization (default: ${DEFAULT-VALUE})")
    List<Double> alsRegularizations;

    @Option(names = "--als-alpha", split = ",", defaultValue = "10",
            description = "ALS confidence alpha (default: ${DEFAULT-VALUE})")
    List<Double> alsAlphas;

    @Option(names = "--als-reg-exponent", split = ",", defaultValue = "0",
            description = "ALS: the penalty of a vector with n interactions is reg x n^e; 0 is the same for all,"
                    + " 1 is ALS-WR as in Spark (default: ${DEFAULT-VALUE})")
    List<Double> alsRegExponents;

    @Option(names = "--als-iterations", split = ",", defaultValue = "15",
            description = "ALS sweeps (default: ${DEFAULT-VALUE})")
    List<Integer> alsIterations;

    @Option(names = "--affinity-half-life", split = ",", defaultValue = "14",
            description = "affinity: half-life of the popularity prior in days; a comma list trains one each"
                    + " (default: ${DEFAULT-VALUE})")
    List<Double> affinityHalfLives;

    @Option(names = "--seq-max-length", defaultValue = "200",
            description = "sequence: the most recent products read (default: ${DEFAULT-VALUE})")
    int seqMaxLength;

    @Option(names = "--seq-dimension", defaultValue = "64",
            description = "sequence: width of the embeddings (default: ${DEFAULT-VALUE})")
    int seqDimension;

    @Option(names = "--seq-blocks", defaultValue = "2",
            description = "sequence: self-attention blocks (default: ${DEFAULT-VALUE})")
    int seqBlocks;

    @Option(names = "--seq-heads", defaultValue = "1",
            description = "sequence: attention heads (default: ${DEFAULT-VALUE})")
    int seqHeads;

    @Option(names = "--seq-dropout", defaultValue = "0.2",
            description = "sequence: dropout while training (default: ${DEFAULT-VALUE})")
    double seqDropout;

    @Option(names = "--seq-epochs", defaultValue = "200",
            description = "sequence: the most epochs; training stops earlier when validation stops improving"
                    + " (default: ${DEFAULT-VALUE})")
    int seqEpochs;

    @Option(names = "--seq-patience", defaultValue = "5",
            description = "sequence: validations (every 2 epochs) without improvement before stopping"
                    + " (default: ${DEFAULT-VALUE})")
    int seqPatience;

    @Option(names = "--seq-batch-size", defaultValue = "64",
            description = "sequence: people per mini-batch (default: ${DEFAULT-VALUE})")
    int seqBatchSize;

    @Option(names = "--seq-learning-rate", defaultValue = "0.001",
            description = "sequence: Adam's step size after the warm-up (default: ${DEFAULT-VALUE})")
    double seqLearningRate;

    @Option(names = "--seq-softmax", defaultValue = "auto",
            description = "sequence: full, sampled or auto (full while a batch's logits fit; default:"
                    + " ${DEFAULT-VALUE})")
    String seqSoftmax;

    @Option(names = "--seq-negatives", defaultValue = "1024",
            description = "sequence: products drawn per batch for the sampled softmax (default: ${DEFAULT-VALUE})")
    int seqNegatives;

    @Option(names = "--seq-max-minutes", defaultValue = "60",
            description = "sequence: training stops after this long, keeping the best validated weights"
                    + " (default: ${DEFAULT-VALUE})")
    double seqMaxMinutes;

    @Option(names = "--djl-cache", description = "sequence: where DJL unpacks libtorch (default: attune-djl in"
            + " the system temporary directory)")
    Path djlCache;

    @Option(names = "--threads", description = "Threads scoring people (default: all cores)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Candidate(String name, Function<Interactions, ItemScorer> trainer) {
    }

    /**
     * One model's result.
     *
     * @param model the model and its parameters
     * @param trainSeconds training time
     * @param peakHeapMiB the heap's peak while training
     * @param at10 metrics at K = 10 (MAP@10 included)
     * @param at20 metrics at K = 20
     */
    record Row(String model, double trainSeconds, long peakHeapMiB, RankingMetrics at10, RankingMetrics at20) {
    }

    @Override
    public Integer call() {
        evaluate();
        return 0;
    }

    /** Runs the evaluation, printing as it goes, and returns one row per model. */
    List<Row> evaluate() {
        if (protocol.equals("session-next-item")) {
            return evaluateSessions();
        }
        if (!List.of("random-holdout", "stratified", "leave-last-out", "time-split").contains(protocol)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --protocol '" + protocol
                    + "'; this version has: random-holdout, stratified, leave-last-out, time-split");
        }
        double fraction = trainFraction != null ? trainFraction : protocol.equals("stratified") ? 0.75 : 0.8;
        boolean byTime = protocol.equals("leave-last-out") || protocol.equals("time-split");
        if (byTime && !PublicDatasets.TIMED.contains(dataset)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "data set '" + dataset + "' has no times,"
                    + " so it cannot be split by time; timed ones: " + PublicDatasets.TIMED);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String model : models) {
            switch (model) {
                case "popularity" -> candidates.add(new Candidate("popularity", PopularityModel::train));
                case "co_occurrence" -> {
                    for (String measure : List.of("llr", "cosine")) {
                        ModelParams.CoOccurrence params = new ModelParams.CoOccurrence(
                                ModelParams.CoOccurrence.DEFAULTS.sessionGapMinutes(), measure,
                                ModelParams.CoOccurrence.DEFAULTS.maxNeighbors(),
                                ModelParams.CoOccurrence.DEFAULTS.minSupport());
                        candidates.add(new Candidate("co_occurrence " + measure,
                                data -> CoOccurrenceModel.train(data, params)));
                    }
                }
                case "trending" -> {
                    if (!PublicDatasets.TIMED.contains(dataset)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "trending needs times; data"
                                + " sets with times: " + PublicDatasets.TIMED);
                    }
                    candidates.add(new Candidate("trending", data -> TrendingModel.train(data,
                            ModelParams.Trending.DEFAULTS)));
                }
                case "ease" -> {
                    for (double lambda : easeLambdas) {
                        for (double exponent : easeActivityExponents) {
                            for (double dropout : easeDropouts) {
                                EaseParams params = EaseParams.DEFAULTS.withLambda(lambda)
                                        .withActivityExponent(exponent).withDropout(dropout);
                                String variant = (exponent == 0 ? "" : " activity=" + fmt(exponent))
                                        + (dropout == 0 ? "" : " dropout=" + fmt(dropout));
                                candidates.add(new Candidate("ease lambda=" + fmt(lambda) + variant,
                                        new EaseTrainer(params)::train));
                            }
                        }
                    }
                }
                case "als" -> addAlsGrid(candidates);
                case "collaborative" -> {
                    int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                    for (String method : collaborativeMethods) {
                        if (!ModelParams.Collaborative.METHODS.contains(method)) {
                            throw new CommandLine.ParameterException(spec.commandLine(), "unknown"
                                    + " --collaborative-method '" + method + "'; known: "
                                    + ModelParams.Collaborative.METHODS);
                        }
                        CollaborativeTrainer trainer = new CollaborativeTrainer(
                                ModelParams.Collaborative.DEFAULTS.withMethod(method), cores);
                        candidates.add(new Candidate(method.equals("auto") ? "collaborative" : "collaborative "
                                + method, trainer::train));
                    }
                }
                case "affinity" -> {
                    if (!PublicDatasets.WITH_ATTRIBUTES.contains(dataset)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "affinity needs product"
                                + " attributes; data sets with them: " + PublicDatasets.WITH_ATTRIBUTES);
                    }
                    java.util.Map<String, List<String>> attributes = PublicDatasets.attributes(dataset, data);
                    for (double halfLife : affinityHalfLives) {
                        ModelParams.Affinity params = new ModelParams.Affinity(halfLife,
                                ModelParams.Affinity.DEFAULTS.popularityPrior());
                        candidates.add(new Candidate("affinity half-life=" + fmt(halfLife) + "d", train -> {
                            List<String> products = new ArrayList<>(train.itemCount());
                            for (int i = 0; i < train.itemCount(); i++) {
                                products.add(train.itemId(i));
                            }
                            return AffinityModel.train(train, products,
                                    id -> attributes.getOrDefault(id, List.of()), params);
                        }));
                    }
                }
                case "sequence" -> {
                    if (!PublicDatasets.TIMED.contains(dataset)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "sequence needs times; data"
                                + " sets with times: " + PublicDatasets.TIMED);
                    }
                    candidates.add(sequenceCandidate());
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + model
                        + "'; known: popularity, trending, co_occurrence, ease, als, collaborative, affinity,"
                        + " sequence");
            }
        }
        long loadStart = System.nanoTime();
        Interactions all = PublicDatasets.load(dataset, data);
        Split split = switch (protocol) {
            case "leave-last-out" -> Split.leaveLastOut(all);
            case "time-split" -> Split.timeSplit(all, fraction);
            case "stratified" -> Split.stratified(all, fraction, seed);
            default -> Split.randomHoldout(all, fraction, seed);
        };
        System.out.printf("%s: %,d people, %,d products, %,d interactions (loaded in %.1f s); %s;"
                        + " %,d people with a test part; full ranking, training products excluded%n", dataset,
                all.personCount(), all.itemCount(), all.size(), (System.nanoTime() - loadStart) / 1e9,
                split.protocol(), split.testPeople());
        Evaluator evaluator = new Evaluator(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        System.out.printf("%-34s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %9s%n", "model", "train s",
                "peak MiB", "NDCG@10", "HR@10", "P@10", "R@10", "MAP@10", "MRR@10", "NDCG@20", "R@20", "tR@20",
                "cover@10");
        List<Row> rows = new ArrayList<>();
        for (Candidate candidate : candidates) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            ItemScorer model = candidate.trainer().apply(split.train());
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeapMiB();
            List<RankingMetrics> metrics = evaluator.evaluate(model, split, 10, 20);
            RankingMetrics at10 = metrics.get(0);
            RankingMetrics at20 = metrics.get(1);
            System.out.printf("%-34s %8.1f %8d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %9.4f%n",
                    candidate.name(), trainSeconds, peak, at10.ndcg(), at10.hitRate(), at10.precision(), at10.recall(),
                    at10.map(), at10.mrr(), at20.ndcg(), at20.recall(), at20.truncatedRecall(), at10.coverage());
            rows.add(new Row(candidate.name(), trainSeconds, peak, at10, at20));
        }
        return rows;
    }

    /** The training sessions as each model reads them: in click order, or each session as one person. */
    private record SessionTraining(Sessions ordered, Interactions asPeople) {
    }

    private record SessionCandidate(String name, Function<SessionTraining, ItemScorer> trainer) {
    }

    /** The session next-item protocol (docs/evaluation.md): one row per model, metrics at 10 and 20. */
    private List<Row> evaluateSessions() {
        if (!PublicDatasets.SESSIONS.contains(dataset)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "session-next-item needs a session data"
                    + " set; those are: " + PublicDatasets.SESSIONS);
        }
        if (!(prefixHalfLife >= 0) || Double.isInfinite(prefixHalfLife)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prefix-half-life must be 0 (no decay)"
                    + " or a positive number of clicks, got " + prefixHalfLife);
        }
        List<SessionCandidate> candidates = sessionCandidates();
        long loadStart = System.nanoTime();
        SessionSplit split = PublicDatasets.loadSessions(dataset, data);
        Sessions train = split.train();
        Sessions test = split.test();
        System.out.printf("%s: %s; training %,d sessions, %,d clicks, %,d products; test %,d sessions, %,d clicks"
                        + " (loaded in %.1f s)%n", dataset, split.protocol(), train.sessionCount(), train.size(),
                train.itemCount(), test.sessionCount(), test.size(), (System.nanoTime() - loadStart) / 1e9);
        System.out.printf("%,d next-click predictions (%.1f%% of them a product already in the prefix); full ranking"
                        + " of the training products, prefix products not excluded; prefix half-life %s clicks%n",
                split.predictions(), 100.0 * split.repeatedTargets() / split.predictions(),
                prefixHalfLife == 0 ? "none (every click 1)" : fmt(prefixHalfLife));
        SessionTraining training = new SessionTraining(train, train.toInteractions());
        SessionEvaluator evaluator = new SessionEvaluator(threads == null
                ? Runtime.getRuntime().availableProcessors() : threads, prefixHalfLife);
        System.out.printf("%-22s %9s %9s %8s %8s %8s %9s %8s %8s%n", "model", "train s", "peak MiB", "HR@20",
                "MRR@20", "NDCG@20", "cover@20", "HR@10", "MRR@10");
        List<Row> rows = new ArrayList<>();
        for (SessionCandidate candidate : candidates) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            ItemScorer model = candidate.trainer().apply(training);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeapMiB();
            List<RankingMetrics> metrics = evaluator.evaluate(model, test, 10, 20);
            RankingMetrics at10 = metrics.get(0);
            RankingMetrics at20 = metrics.get(1);
            System.out.printf("%-22s %9.1f %9d %8.4f %8.4f %8.4f %9.4f %8.4f %8.4f%n", candidate.name(),
                    trainSeconds, peak, at20.hitRate(), at20.mrr(), at20.ndcg(), at20.coverage(), at10.hitRate(),
                    at10.mrr());
            rows.add(new Row(candidate.name(), trainSeconds, peak, at10, at20));
        }
        return rows;
    }

    /** The models of {@code --models} for sessions, each trained on the training sessions. */
    private List<SessionCandidate> sessionCandidates() {
        List<SessionCandidate> candidates = new ArrayList<>();
        for (String model : models) {
            switch (model) {
                case "popularity" -> candidates.add(new SessionCandidate("popularity",
                        training -> PopularityModel.train(training.asPeople())));
                case "trending" -> candidates.add(new SessionCandidate("trending",
                        training -> TrendingModel.train(training.asPeople(), ModelParams.Trending.DEFAULTS)));
                case "co_occurrence" -> {
                    for (String measure : ModelParams.CoOccurrence.MEASURES) {
                        ModelParams.CoOccurrence params = new ModelParams.CoOccurrence(
                                ModelParams.CoOccurrence.DEFAULTS.sessionGapMinutes(), measure,
                                ModelParams.CoOccurrence.DEFAULTS.maxNeighbors(),
                                ModelParams.CoOccurrence.DEFAULTS.minSupport());
                        candidates.add(new SessionCandidate("co_occurrence " + measure,
                                training -> CoOccurrenceModel.train(training.asPeople(), params)));
                    }
                }
                case "ease" -> {
                    for (double lambda : easeLambdas) {
                        EaseTrainer trainer = new EaseTrainer(EaseParams.DEFAULTS.withLambda(lambda));
                        candidates.add(new SessionCandidate("ease lambda=" + fmt(lambda),
                                training -> trainer.train(training.asPeople())));
                    }
                }
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
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + model
                        + "' for sessions; known: popularity, trending, co_occurrence, ease, sequential_rules,"
                        + " sequence");
            }
        }
        return candidates;
    }

    /** The sequence model with the --seq-* options over each person's products in time order. */
    private Candidate sequenceCandidate() {
        SequenceRun run = sequenceRun();
        return new Candidate(run.name(), data -> run.learn(data.itemCount(), data.sequencesInTimeOrder()));
    }

    /** Learns sequence models with the --seq-* options and prints how each training went. */
    private record SequenceRun(String name, ModelParams.Sequence params, SequenceTrainer trainer) {
        ItemScorer learn(int itemCount, List<int[]> sequences) {
            ItemScorer model = trainer.learn(itemCount, sequences, params, null, done -> { });
            SequenceTrainer.Report report = trainer.lastReport();
            System.out.printf("  (sequence: %d epochs, best %d, stopped by %s, %s softmax, validation NDCG@10 %.4f"
                            + " on %,d people; process peak resident memory so far %,d MiB, PyTorch's native memory"
                            + " included)%n", report.epochs(), report.bestEpoch(), report.stoppedBy(),
                    report.softmax(), report.validationNdcg(), report.validationPeople(), peakResidentMiB());
            return model;
        }
    }

    private SequenceRun sequenceRun() {
        ModelParams.Sequence params;
        try {
            params = ModelParams.Sequence.DEFAULTS.withShape(seqMaxLength, seqDimension, seqBlocks, seqHeads)
                    .withOptimizer(seqDropout, seqLearningRate, seqBatchSize)
                    .withStopping(seqEpochs, ModelParams.Sequence.DEFAULTS.validateEvery(), seqPatience, seqMaxMinutes)
                    .withSoftmax(seqSoftmax, seqNegatives);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seq-*: " + e.getMessage());
        }
        DjlEnvironment.configure(djlCache != null ? djlCache
                : Path.of(System.getProperty("java.io.tmpdir"), "attune-djl"));
        String name = "sequence L=" + seqMaxLength + " d=" + seqDimension + " b=" + seqBlocks + " h=" + seqHeads
                + " bs=" + seqBatchSize;
        return new SequenceRun(name, params, new SequenceTrainer());
    }

    /** The process's peak resident set (VmHWM) on Linux, -1 elsewhere. */
    private static long peakResidentMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** One ALS candidate per combination of the --als-* lists. */
    private void addAlsGrid(List<Candidate> candidates) {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        for (int factors : alsFactors) {
            for (double regularization : alsRegularizations) {
                for (double alpha : alsAlphas) {
                    for (int iterations : alsIterations) {
                        for (double exponent : alsRegExponents) {
                            AlsParams params = new AlsParams(factors, iterations, regularization, alpha,
                                    AlsParams.DEFAULTS.seed(), exponent);
                            AlsTrainer trainer = new AlsTrainer(params, cores);
                            candidates.add(new Candidate("als f=" + factors + " reg=" + fmt(regularization)
                                    + (exponent == 0 ? "" : " e=" + fmt(exponent)) + " alpha=" + fmt(alpha) + " it="
                                    + iterations, trainer::train));
                        }
                    }
                }
            }
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap used while training. */
    private static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
