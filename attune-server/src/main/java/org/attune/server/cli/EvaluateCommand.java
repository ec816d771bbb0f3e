package org.attune.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.PublicDatasets;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.SessionEvaluator;
import org.attune.core.evaluation.SessionSplit;
import org.attune.core.evaluation.Split;
import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.Sessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code attune evaluate}: trains models on a split of a public data set and measures them
 * with full ranking (protocols in docs/evaluation.md), printing one table row per model.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, defaultValueProvider = EvaluateDefaults.class,
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
                    + " genres), sequence (the self-attentive sequence model; data with times), or any other model"
                    + " kind by name (its default params) (default: ${DEFAULT-VALUE}); with session-next-item also"
                    + " sequential_rules. Every kind trains with the defaults the server uses, unless an option"
                    + " below says otherwise")
    List<String> models;

    @Option(names = "--params", paramLabel = "KIND=JSON",
            description = "The params of a kind that has no options of its own here, or of collaborative (then"
                    + " --collaborative-method changes only the method), as the API takes them, e.g."
                    + " rp3beta='{\"beta\": 0, \"rowWeights\": \"raw\"}'; params left out keep their defaults."
                    + " Repeat for several kinds")
    Map<String, String> kindParams = Map.of();

    @Option(names = "--ease-lambda", split = ",",
            description = "EASE lambda; several (comma-separated) train one model each (default: ${DEFAULT-VALUE})")
    List<Double> easeLambdas;

    @Option(names = "--prefix-half-life", defaultValue = "1",
            description = "session-next-item: after how many clicks a click of the prefix counts half as much;"
                    + " 0 weights every click the same (default: ${DEFAULT-VALUE})")
    double prefixHalfLife;

    @Option(names = "--ease-activity-exponent", split = ",",
            description = "EASE: weigh each person by (their product count)^-x in the Gram matrix; 0 is plain EASE"
                    + " (default: ${DEFAULT-VALUE}). Every --ease-* flag takes a comma list; one EASE model is"
                    + " trained per combination")
    List<Double> easeActivityExponents;

    @Option(names = "--ease-dropout", split = ",",
            description = "EASE: emphasised-dropout (EDLAE) probability; 0 is plain EASE (default: ${DEFAULT-VALUE})")
    List<Double> easeDropouts;

    @Option(names = "--collaborative-method", split = ",", defaultValue = "auto",
            description = "Method of the collaborative entry, its other params at their defaults: auto, blend, ease"
                    + " or als; a comma list trains one each (default: ${DEFAULT-VALUE})")
    List<String> collaborativeMethods;

    @Option(names = "--als-factors", split = ",",
            description = "ALS factors (default: ${DEFAULT-VALUE}). Every --als-* flag takes a comma list; one"
                    + " ALS model is trained per combination")
    List<Integer> alsFactors;

    @Option(names = "--als-reg", split = ",",
            description = "ALS regularization (default: ${DEFAULT-VALUE})")
    List<Double> alsRegularizations;

    @Option(names = "--als-alpha", split = ",",
            description = "ALS confidence alpha (default: ${DEFAULT-VALUE})")
    List<Double> alsAlphas;

    @Option(names = "--als-reg-exponent", split = ",",
            description = "ALS: the penalty of a vector with n interactions is reg x n^e; 0 is the same for all,"
                    + " 1 is ALS-WR as in Spark (default: ${DEFAULT-VALUE})")
    List<Double> alsRegExponents;

    @Option(names = "--als-iterations", split = ",",
            description = "ALS sweeps (default: ${DEFAULT-VALUE})")
    List<Integer> alsIterations;

    @Option(names = "--affinity-half-life", split = ",",
            description = "affinity: half-life of the popularity prior in days; a comma list trains one each"
                    + " (default: ${DEFAULT-VALUE})")
    List<Double> affinityHalfLives;

    @Option(names = "--seq-max-length", defaultValue = "200",
            description = "sequence: the most recent products read (default: ${DEFAULT-VALUE})")
    int seqMaxLength;

    @Option(names = "--seq-dimension",
            description = "sequence: width of the embeddings (default: ${DEFAULT-VALUE})")
    int seqDimension;

    @Option(names = "--seq-blocks",
            description = "sequence: self-attention blocks (default: ${DEFAULT-VALUE})")
    int seqBlocks;

    @Option(names = "--seq-heads",
            description = "sequence: attention heads (default: ${DEFAULT-VALUE})")
    int seqHeads;

    @Option(names = "--seq-dropout",
            description = "sequence: dropout while training (default: ${DEFAULT-VALUE})")
    double seqDropout;

    @Option(names = "--seq-epochs",
            description = "sequence: the most epochs; training stops earlier when validation stops improving"
                    + " (default: ${DEFAULT-VALUE})")
    int seqEpochs;

    @Option(names = "--seq-patience",
            description = "sequence: validations (every 2 epochs) without improvement before stopping"
                    + " (default: ${DEFAULT-VALUE})")
    int seqPatience;

    @Option(names = "--seq-batch-size",
            description = "sequence: people per mini-batch (default: ${DEFAULT-VALUE})")
    int seqBatchSize;

    @Option(names = "--seq-learning-rate",
            description = "sequence: Adam's step size after the warm-up (default: ${DEFAULT-VALUE})")
    double seqLearningRate;

    @Option(names = "--seq-softmax",
            description = "sequence: full, sampled or auto (full while a batch's logits fit; default:"
                    + " ${DEFAULT-VALUE})")
    String seqSoftmax;

    @Option(names = "--seq-negatives",
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

    @Option(names = "--served", description = "Also load the training part into a real server (in this process,"
            + " on loopback, through its API) and measure each model kind by what GET /v1/recommendations answers"
            + " its test people: a row 'served' under each offline row (person protocols only)")
    boolean served;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    /** Threads scoring people and training ALS. */
    int cores() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
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
        List<EvaluationCandidates.Candidate> candidates = new EvaluationCandidates(this).forPeople();
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
        Evaluator evaluator = new Evaluator(cores());
        String nameColumn = "%-" + Math.max(34, candidates.stream().mapToInt(c -> c.name().length()).max()
                .orElse(0)) + "s";
        System.out.printf(nameColumn + " %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %9s%n", "model", "train s",
                "peak MiB", "NDCG@10", "HR@10", "P@10", "R@10", "MAP@10", "MRR@10", "NDCG@20", "R@20", "tR@20",
                "cover@10");
        List<Row> rows = new ArrayList<>();
        try (ServedEvaluation server = served ? startServer(split) : null) {
            for (EvaluationCandidates.Candidate candidate : candidates) {
                rows.add(evaluate(candidate, split, evaluator, nameColumn));
                if (server != null && candidate.definition() != null) {
                    ServedEvaluation.Measured measured = measure(server, candidate);
                    RankingMetrics at10 = measured.at10();
                    RankingMetrics at20 = measured.at20();
                    System.out.printf(nameColumn + " %8.1f %8s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f"
                                    + " %9.4f%n", "  served", measured.provisionSeconds(), "-", at10.ndcg(),
                            at10.hitRate(), at10.precision(), at10.recall(), at10.map(), at10.mrr(), at20.ndcg(),
                            at20.recall(), at20.truncatedRecall(), at10.coverage());
                    rows.add(new Row(candidate.name() + " served", measured.provisionSeconds(), -1, at10, at20));
                }
            }
        }
        return rows;
    }

    private ServedEvaluation startServer(Split split) {
        try {
            return ServedEvaluation.start(split, Math.max(2, cores()));
        } catch (Exception e) {
            throw new IllegalStateException("could not load the split into a server: " + e.getMessage(), e);
        }
    }

    private static ServedEvaluation.Measured measure(ServedEvaluation server, EvaluationCandidates.Candidate c) {
        try {
            return server.measure(c.definition());
        } catch (Exception e) {
            throw new IllegalStateException("serving " + c.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** One offline row: trains the candidate, measures it and prints the row. */
    private Row evaluate(EvaluationCandidates.Candidate candidate, Split split, Evaluator evaluator,
                         String nameColumn) {
        System.gc();
        MemoryPeaks.resetPeaks();
        long start = System.nanoTime();
        ItemScorer model = candidate.trainer().apply(split.train());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long peak = MemoryPeaks.peakHeapMiB();
        List<RankingMetrics> metrics = evaluator.evaluate(model, split, 10, 20);
        RankingMetrics at10 = metrics.get(0);
        RankingMetrics at20 = metrics.get(1);
        System.out.printf(nameColumn + " %8.1f %8d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %9.4f%n",
                candidate.name(), trainSeconds, peak, at10.ndcg(), at10.hitRate(), at10.precision(), at10.recall(),
                at10.map(), at10.mrr(), at20.ndcg(), at20.recall(), at20.truncatedRecall(), at10.coverage());
        return new Row(candidate.name(), trainSeconds, peak, at10, at20);
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
        List<EvaluationCandidates.SessionCandidate> candidates = new EvaluationCandidates(this).forSessions();
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
                prefixHalfLife == 0 ? "none (every click 1)" : EvaluationCandidates.fmt(prefixHalfLife));
        EvaluationCandidates.SessionTraining training = new EvaluationCandidates.SessionTraining(train,
                train.toInteractions());
        SessionEvaluator evaluator = new SessionEvaluator(cores(), prefixHalfLife);
        String nameColumn = "%-" + Math.max(22, candidates.stream().mapToInt(c -> c.name().length()).max()
                .orElse(0)) + "s";
        System.out.printf(nameColumn + " %9s %9s %8s %8s %8s %9s %8s %8s%n", "model", "train s", "peak MiB", "HR@20",
                "MRR@20", "NDCG@20", "cover@20", "HR@10", "MRR@10");
        List<Row> rows = new ArrayList<>();
        for (EvaluationCandidates.SessionCandidate candidate : candidates) {
            System.gc();
            MemoryPeaks.resetPeaks();
            long start = System.nanoTime();
            ItemScorer model = candidate.trainer().apply(training);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long peak = MemoryPeaks.peakHeapMiB();
            List<RankingMetrics> metrics = evaluator.evaluate(model, test, 10, 20);
            RankingMetrics at10 = metrics.get(0);
            RankingMetrics at20 = metrics.get(1);
            System.out.printf(nameColumn + " %9.1f %9d %8.4f %8.4f %8.4f %9.4f %8.4f %8.4f%n", candidate.name(),
                    trainSeconds, peak, at20.hitRate(), at20.mrr(), at20.ndcg(), at20.coverage(), at10.hitRate(),
                    at10.mrr());
            rows.add(new Row(candidate.name(), trainSeconds, peak, at10, at20));
        }
        return rows;
    }
}
