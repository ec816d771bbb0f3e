package org.attune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code GET /v1/recommendations} over real HTTP, for each strategy (trending,
 * recently_viewed, top_affinity; count 10) and each model kind given, against a server
 * holding a synthetic shop loaded through the API ({@link LoadedShop}). Each request names
 * one person drawn at random (fixed seed) from the anonymous ids and user ids in the
 * events, and uses a key with role read, as a shop's backend would.
 *
 * <p>Two measurements per strategy after an open-loop warm-up ({@link LoadLoops}): an open
 * loop at a fixed rate, latency counted from each request's due time, and a closed loop,
 * the most the server sustains. Every answer must be 200, or the run fails.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "GET /v1/recommendations latency at a fixed rate (open loop) and the most it sustains"
                + " (closed loop), per strategy.")
public final class RecommendationLoad implements Callable<Integer> {
    private static final int COUNT = 10;
    private static final int SAMPLED_ANSWERS = 200;

    @Mixin
    LoadRunOptions run;

    @Option(names = "--rate", defaultValue = "1000",
            description = "Open-loop requests per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--strategies", split = ",", defaultValue = "trending,recently_viewed,top_affinity",
            description = "First strategies to measure; 'none' for none (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(names = "--models", split = ",", defaultValue = "affinity,co_occurrence,trending",
            description = "Model kinds to define, provision and measure (GET /v1/recommendations?model=...) with"
                    + " views 1, add to cart 5, purchases 8; 'none' for none (default: ${DEFAULT-VALUE})")
    List<String> modelKinds;

    private record StrategyReport(String strategy, double meanItems, LoadLoops.Measurement measurement) {
    }

    @Override
    public Integer call() throws Exception {
        long began = System.nanoTime();
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(run.products).withShoppers(run.shoppers));
        String catalog = shop.spec().catalogId();
        Path dir = Files.createTempDirectory("attune-bench-recommend");
        List<StrategyReport> reports = new ArrayList<>();
        try (ServerProcess server = run.startServer(dir.resolve("data"))) {
            LoadedShop loaded = LoadedShop.load(server, shop, "recommend");
            List<String> persons = loaded.persons().stream().map(LoadedShop.Person::queryParameter).toList();

            Map<String, String> targets = new LinkedHashMap<>();
            for (String strategy : strategies) {
                if (!strategy.equals("none")) {
                    targets.put(strategy, "/v1/recommendations?catalog=" + catalog + "&strategy=" + strategy
                            + "&count=" + COUNT + "&");
                }
            }
            for (String kind : modelKinds) {
                if (!kind.equals("none")) {
                    String id = loaded.provision(kind);
                    targets.put("model " + kind, "/v1/recommendations?model=" + id + "&count=" + COUNT + "&");
                }
            }
            for (Map.Entry<String, String> entry : targets.entrySet()) {
                String strategy = entry.getKey();
                String pathPrefix = entry.getValue();
                LoadTarget target = new LoadTarget(server.port(), loaded.readKey(),
                        random -> LoadRequest.get(pathPrefix + persons.get(random.nextInt(persons.size()))));
                run.warmUp(strategy, target, rate);
                double meanItems = meanItems(target);
                reports.add(new StrategyReport(strategy, meanItems, run.measure(server, target, rate)));
            }
            long[] memory = server.residentMemoryMiB();
            System.out.println();
            System.out.printf("GET /v1/recommendations, count=%d, %,d products, %,d person ids; %d cores shared by"
                            + " the client and the server; server RSS %,d MiB (peak %,d MiB), heap limit %s%n", COUNT,
                    run.products, persons.size(), Runtime.getRuntime().availableProcessors(), memory[0], memory[1],
                    run.serverHeap);
            for (StrategyReport report : reports) {
                System.out.printf("%n%s (mean %.1f items per answer over %d sampled persons)%n", report.strategy(),
                        report.meanItems(), SAMPLED_ANSWERS);
                LoadLoops.printRows(report.measurement());
            }
            System.out.printf("%nserver log and data: %s%n", dir);
        }
        System.out.printf("%nreproduce: %s%ntook %.0f s in all%n", reproduceCommand(),
                (System.nanoTime() - began) / 1e9);
        long failures = 0;
        for (StrategyReport report : reports) {
            failures += LoadLoops.reportFailures(report.strategy(), report.measurement());
        }
        return failures == 0 ? 0 : 1;
    }

    /** Checks the answers' shape for a sample of persons and returns how many items they held on average. */
    private static double meanItems(LoadTarget target) throws IOException {
        long items = 0;
        for (JsonNode json : LoadLoops.sampleAnswers(target, SAMPLED_ANSWERS,
                json -> json.path("recId").isTextual() && json.path("items").isArray())) {
            items += json.path("items").size();
        }
        return (double) items / SAMPLED_ANSWERS;
    }

    private String reproduceCommand() {
        StringBuilder command = new StringBuilder("java -jar attune-bench/target/attune-bench.jar recommend")
                .append(run.arguments())
                .append(" --rate ").append(rate)
                .append(" --strategies ").append(String.join(",", strategies))
                .append(" --models ").append(String.join(",", modelKinds));
        return command.toString();
    }
}
