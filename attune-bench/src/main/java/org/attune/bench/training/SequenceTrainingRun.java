package org.attune.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attune.core.evaluation.Evaluator;
import org.attune.core.evaluation.RankingMetrics;
import org.attune.core.evaluation.Split;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.PopularityModel;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;
import org.attune.core.model.sequence.SequenceKind;
import org.attune.core.model.sequence.SequenceParams;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.attune.sequence.DjlEnvironment;
import org.attune.sequence.SequenceTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sequence kind's server training on a synthetic shop, in-process: the shop's views (1),
 * add-to-carts (5) and purchases (8) per person (devices stitched to the account they log in
 * to, as the identity graph does), the holdout fit on the earliest 90% by time with its
 * NDCG@10 and HR@10 next to popularity's (at most 5,000 people, as a server measures), then the
 * fit on everything starting from the holdout's weights. Prints each fit's validation curve.
 */
@Command(name = "sequence-training", mixinStandardHelpOptions = true,
        description = "Trains the sequence kind on a synthetic shop as a server would, without the server; prints"
                + " per-epoch times and the validation curves.")
public final class SequenceTrainingRun implements Callable<Integer> {
    private static final double HOLDOUT_TRAIN_FRACTION = 0.9;
    private static final int HOLDOUT_PEOPLE = 5_000;

    @Option(names = "--products", defaultValue = "20000", description = "Products (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--shoppers", defaultValue = "23000", description = "Shoppers (default: ${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--softmax", description = "auto, full or sampled (default: the kind's)")
    String softmax;

    @Option(names = "--negatives", description = "Negatives of the sampled softmax (default: the kind's)")
    Integer negatives;

    @Option(names = "--max-minutes", description = "Time limit of each fit (default: the kind's)")
    Double maxMinutes;

    @Option(names = "--max-epochs", description = "Most epochs of each fit (default: the kind's)")
    Integer maxEpochs;

    @Option(names = "--holdout-only", description = "Skip the fit on everything")
    boolean holdoutOnly;

    @Option(names = "--holdout-curve", description = "Measure the holdout at every validation of its fit (slower)")
    boolean holdoutCurve;

    @Override
    public Integer call() {
        DjlEnvironment.configure(Path.of("target", "djl-cache"));
        long began = System.nanoTime();
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(products).withShoppers(shoppers));
        Interactions data = interactions(shop);
        CatalogView catalog = catalog(shop);
        System.out.printf("shop: %,d products, %,d events, %,d people, %,d (person, product) pairs; %.0f s%n",
                products, shop.eventCount(), data.personCount(), data.size(), seconds(began));
        SequenceParams defaults = SequenceParams.DEFAULTS;
        SequenceParams params = defaults
                .withSoftmax(softmax == null ? defaults.softmax() : softmax,
                        negatives == null ? defaults.negatives() : negatives)
                .withStopping(maxEpochs == null ? defaults.maxEpochs() : maxEpochs, defaults.validateEvery(),
                        defaults.patience(), maxMinutes == null ? defaults.maxMinutes() : maxMinutes);
        System.out.println("params: " + params);
        Split split = holdout(data);
        Evaluator evaluator = new Evaluator(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        boolean[] holdoutFit = {true};
        SequenceTrainer trainer = new SequenceTrainer((validation, model) -> {
            if (holdoutCurve && holdoutFit[0]) {
                RankingMetrics metrics = evaluator.evaluate(model, split, 10).get(0);
                System.out.printf("  epoch %d: validation NDCG@10 %.4f, holdout NDCG@10 %.4f, HR@10 %.4f%n",
                        validation.epoch(), validation.ndcg(), metrics.ndcg(), metrics.hitRate());
            }
        });
        SequenceKind kind = new SequenceKind(trainer);

        long fitStarted = System.nanoTime();
        TrainedModel holdoutModel = kind.train(params, new TrainingInput(split.train(), catalog));
        double holdoutSeconds = seconds(fitStarted);
        print("holdout fit (earliest 90%)", trainer.lastReport(), holdoutSeconds);
        holdoutFit[0] = false;
        RankingMetrics ours = evaluator.evaluate(holdoutModel.scorer(), split, 10).get(0);
        RankingMetrics popularity = evaluator.evaluate(PopularityModel.train(split.train()), split, 10).get(0);
        System.out.printf("holdout (%,d people): NDCG@10 %.4f, HR@10 %.4f; popularity NDCG@10 %.4f, HR@10 %.4f%n",
                split.testPeople(), ours.ndcg(), ours.hitRate(), popularity.ndcg(), popularity.hitRate());
        if (!holdoutOnly) {
            fitStarted = System.nanoTime();
            kind.train(params, new TrainingInput(data, catalog, holdoutModel, done -> { }));
            print("fit on everything, from the holdout's weights", trainer.lastReport(), seconds(fitStarted));
        }
        System.out.printf("took %.0f s in all%n", seconds(began));
        return 0;
    }

    private static void print(String title, SequenceTrainer.Report report, double seconds) {
        System.out.printf("%s: %.0f s, %d epochs, stopped by %s, best epoch %d, %s softmax, validation NDCG@10 %.4f"
                        + " on %,d people (%s)%n", title, seconds, report.epochs(), report.stoppedBy(),
                report.bestEpoch(), report.softmax(), report.validationNdcg(), report.validationPeople(),
                report.validation());
        System.out.println("  epoch  seconds  loss     validation NDCG@10");
        for (SequenceTrainer.Validation validation : report.curve()) {
            System.out.printf("  %5d  %7.0f  %7.4f  %.4f%n", validation.epoch(), validation.seconds(),
                    validation.loss(), validation.ndcg());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The time split a server's holdout evaluation makes, its test people thinned evenly to 5,000. */
    private static Split holdout(Interactions data) {
        Split split = Split.timeSplit(data, HOLDOUT_TRAIN_FRACTION);
        int testPeople = split.testPeople();
        if (testPeople <= HOLDOUT_PEOPLE) {
            return split;
        }
        int[][] test = new int[split.test().length][];
        int seen = 0;
        int kept = 0;
        for (int p = 0; p < test.length; p++) {
            int[] items = split.test()[p];
            boolean keep = items.length > 0 && (long) seen++ * HOLDOUT_PEOPLE / testPeople >= kept;
            test[p] = keep ? items : new int[0];
            kept += keep ? 1 : 0;
        }
        return new Split(split.train(), test, split.protocol());
    }

    /** Views 1, add to cart 5, purchases 8 per product, each device's events counted for its account once known. */
    private static Interactions interactions(ShopGenerator shop) {
        Map<String, String> accountOf = new HashMap<>();
        List<String> devices = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> items = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        shop.events(event -> {
            String type = event.path("type").asText();
            String device = event.path("anonymousId").asText();
            String account = event.hasNonNull("userId") ? event.get("userId").asText() : null;
            if (account != null) {
                accountOf.put(device, account);
            }
            float weight = switch (type) {
                case "view" -> 1;
                case "add_to_cart" -> 5;
                case "purchase" -> 8;
                default -> 0;
            };
            if (weight == 0) {
                return;
            }
            long seconds = Instant.parse(event.path("timestamp").asText()).getEpochSecond();
            List<String> ids = new ArrayList<>();
            if (event.has("itemIds")) {
                event.get("itemIds").forEach(id -> ids.add(id.asText()));
            } else {
                ids.add(event.path("itemId").asText());
            }
            for (String id : ids) {
                devices.add(device);
                accounts.add(account);
                items.add(id);
                weights.add(weight);
                times.add(seconds);
            }
        });
        Interactions.Builder builder = Interactions.builder();
        for (int i = 0; i < items.size(); i++) {
            String account = accounts.get(i) != null ? accounts.get(i) : accountOf.get(devices.get(i));
            builder.add(account != null ? account : devices.get(i), items.get(i), weights.get(i), times.get(i));
        }
        return builder.build();
    }

    private static CatalogView catalog(ShopGenerator shop) {
        Map<String, List<String>> values = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (ObjectNode product : shop.products()) {
            String id = product.get("id").asText();
            ids.add(id);
            List<String> own = new ArrayList<>();
            for (String attribute : List.of("brand", "color", "category")) {
                JsonNode value = product.get(attribute);
                if (value != null) {
                    own.add(attribute + '\u001f' + value.asText());
                }
            }
            values.put(id, own);
        }
        return new CatalogView(ids, id -> values.getOrDefault(id, List.of()));
    }
}
