package org.attune.bench.peers;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.PublicDatasets;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.Split;
import org.attune.core.model.Interactions;
import org.attune.core.model.PersonScorer;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.collaborative.CollaborativeParams;
import org.attune.core.model.collaborative.CollaborativeTrainer;
import org.attune.core.model.collaborative.EaseTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code attune-bench peers}: Spark MLlib ALS (implicit) over a grid, and our models, trained
 * on one split of a public data set made exactly as {@code attune evaluate} makes it, each
 * fit timed and measured by our full-ranking {@link Evaluator}; one table row per fit.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Spark MLlib ALS (implicit, local mode) against our models on the same split"
                + " (see docs/evaluation.md).")
public final class PeersCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "One of: ml-100k, ml-1m, ml-latest-small,"
            + " amazon-musical-instruments, online-retail")
    String dataset;

    @Option(names = "--data", defaultValue = "../shared/data",
            description = "Directory holding the data sets (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--protocol", defaultValue = "random-holdout",
            description = "random-holdout, leave-last-out or time-split, as for attune evaluate"
                    + " (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--train-fraction", defaultValue = "0.8",
            description = "Share kept for training (default: ${DEFAULT-VALUE})")
    double trainFraction;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the split and of ALS's initial vectors (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--models", split = ",", defaultValue = "popularity,ease",
            description = "Our models to train alongside: popularity, ease, collaborative (the kind with its"
                    + " default params) (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--ease-lambda", split = ",", defaultValue = "500",
            description = "EASE lambda; several train one model each (default: ${DEFAULT-VALUE})")
    List<Double> easeLambdas;

    @Option(names = "--ranks", split = ",", defaultValue = "32,64,128",
            description = "ALS ranks (default: ${DEFAULT-VALUE})")
    List<Integer> ranks;

    @Option(names = "--reg-params", split = ",", defaultValue = "0.01,0.1",
            description = "ALS regParam values (default: ${DEFAULT-VALUE})")
    List<Double> regParams;

    @Option(names = "--alphas", split = ",", defaultValue = "1,10,40",
            description = "ALS alpha values (default: ${DEFAULT-VALUE})")
    List<Double> alphas;

    @Option(names = "--iterations", defaultValue = "15", description = "ALS iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup-iterations", defaultValue = "2",
            description = "Iterations of one untimed ALS fit (smallest rank) before the grid, so that the first"
                    + " row does not carry Spark's start-up; 0 skips it (default: ${DEFAULT-VALUE})")
    int warmupIterations;

    @Option(names = "--spark-master", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}: in this JVM, one thread per core)")
    String sparkMaster;

    @Option(names = "--threads", description = "Threads scoring people in our evaluation (default: all cores)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A model to fit: its name, its parameters in words, and the fit on the training part. */
    private record Contender(String model, String params, Supplier<PersonScorer> fit) {
    }

    /**
     * One fit's result.
     *
     * @param model the model's name
     * @param params its parameters
     * @param fitSeconds wall time of the fit (for Spark: ALS.fit and copying the vectors out)
     * @param at10 metrics at K = 10
     * @param at20 metrics at K = 20
     */
    public record Result(String model, String params, double fitSeconds, RankingMetrics at10,
                         RankingMetrics at20) {
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Fits and measures every contender, printing the table as it goes; returns its rows. */
    public List<Result> run(PrintStream out) {
        checkOptions();
        long loadStart = System.nanoTime();
        Interactions all = PublicDatasets.load(dataset, data);
        Split split = Split.of(protocol, all, trainFraction, seed);
        Interactions train = split.train();
        out.printf("%s: %,d people, %,d products, %,d interactions (loaded in %.1f s); %s;"
                        + " %,d people with a test part; full ranking, training products excluded%n", dataset,
                all.personCount(), all.itemCount(), all.size(), (System.nanoTime() - loadStart) / 1e9,
                split.protocol(), split.testPeople());
        Evaluator evaluator = new Evaluator(threads == null ? Runtime.getRuntime().availableProcessors() : threads);

        // Ours, on the same training part. Another trainer is one more line here.
        List<Contender> ours = new ArrayList<>();
        if (models.contains("popularity")) {
            ours.add(new Contender("popularity", "", () -> PopularityModel.train(train)));
        }
        if (models.contains("collaborative")) {
            CollaborativeTrainer trainer = new CollaborativeTrainer(CollaborativeParams.DEFAULTS);
            ours.add(new Contender("collaborative", trainer.describe(train), () -> trainer.train(train)));
        }
        if (models.contains("ease")) {
            for (double lambda : easeLambdas) {
                EaseTrainer trainer = new EaseTrainer(CollaborativeParams.DEFAULTS.easeParams().withLambda(lambda));
                ours.add(new Contender("ease", "lambda=" + SparkAlsParams.number(lambda), () -> trainer.train(train)));
            }
        }
        List<SparkAlsParams> grid = new ArrayList<>();
        for (int rank : ranks) {
            for (double regParam : regParams) {
                for (double alpha : alphas) {
                    grid.add(new SparkAlsParams(rank, regParam, alpha, iterations));
                }
            }
        }

        out.println("| model | params | fit s | NDCG@10 | HR@10 | P@10 | R@10 | MRR@10 | NDCG@20 | R@20 | tR@20"
                + " | coverage@10 |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<Result> results = new ArrayList<>();
        for (Contender contender : ours) {
            results.add(measure(contender, split, evaluator, out));
        }
        if (!grid.isEmpty()) {
            SparkSession spark = SparkAlsPeer.localSession(sparkMaster);
            try (SparkAlsPeer als = new SparkAlsPeer(spark, train, seed)) {
                if (warmupIterations > 0) {
                    long start = System.nanoTime();
                    als.fit(new SparkAlsParams(grid.get(0).rank(), 0.1, 1, warmupIterations));
                    out.printf("(untimed Spark warm-up fit, rank %d, iterations %d: %.1f s)%n",
                            grid.get(0).rank(), warmupIterations, (System.nanoTime() - start) / 1e9);
                }
                for (SparkAlsParams params : grid) {
                    results.add(measure(new Contender("spark als", params.describe(), () -> als.fit(params)), split,
                            evaluator, out));
                }
            } finally {
                spark.stop();
            }
        }
        printBest(results, out);
        return results;
    }

    private void checkOptions() {
        if (!Split.PROTOCOLS.contains(protocol)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --protocol '" + protocol
                    + "'; known: " + String.join(", ", Split.PROTOCOLS));
        }
        if (!protocol.equals("random-holdout") && !PublicDatasets.TIMED.contains(dataset)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "data set '" + dataset + "' has no times,"
                    + " so it cannot be split by time; timed ones: " + PublicDatasets.TIMED);
        }
        for (String model : models) {
            if (!List.of("popularity", "ease", "collaborative").contains(model)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '" + model
                        + "'; known: popularity, ease, collaborative");
            }
        }
    }

    private static Result measure(Contender contender, Split split, Evaluator evaluator, PrintStream out) {
        System.gc();
        long start = System.nanoTime();
        PersonScorer model = contender.fit().get();
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        List<RankingMetrics> metrics = evaluator.evaluate(model, split, 10, 20);
        Result result = new Result(contender.model(), contender.params(), fitSeconds, metrics.get(0), metrics.get(1));
        RankingMetrics at10 = result.at10();
        RankingMetrics at20 = result.at20();
        out.printf("| %s | %s | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                result.model(), result.params(), fitSeconds, at10.ndcg(), at10.hitRate(), at10.precision(),
                at10.recall(), at10.mrr(), at20.ndcg(), at20.recall(), at20.truncatedRecall(), at10.coverage());
        out.flush();
        return result;
    }

    /** The best row of each model by NDCG@10, and how the best of ours compares with the best ALS. */
    private static void printBest(List<Result> results, PrintStream out) {
        Comparator<Result> byNdcg = Comparator.comparingDouble(result -> result.at10().ndcg());
        List<String> names = results.stream().map(Result::model).distinct().toList();
        for (String name : names) {
            Result best = results.stream().filter(result -> result.model().equals(name)).max(byNdcg).orElseThrow();
            out.printf("best %s by NDCG@10: %s %.4f (R@20 %.4f, fit %.1f s)%n", name, best.params(), best.at10().ndcg(),
                    best.at20().recall(), best.fitSeconds());
        }
        results.stream().filter(result -> !result.model().equals("spark als")).max(byNdcg).ifPresent(ours ->
                results.stream().filter(result -> result.model().equals("spark als")).max(byNdcg).ifPresent(als ->
                        out.printf("best of ours against the best Spark ALS, NDCG@10: %+.1f%%%n",
                                100 * (ours.at10().ndcg() / als.at10().ndcg() - 1))));
    }
}
