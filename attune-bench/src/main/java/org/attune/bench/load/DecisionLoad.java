package org.attune.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import org.attune.core.json.Json;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Decisioning over real HTTP against a server holding a synthetic shop loaded through the
 * API ({@link LoadedShop}) and a co_occurrence model (views 1, add to cart 5, purchases 8),
 * in two scenarios:
 * <ul>
 * <li>{@code decisions}: {@code POST /v1/decisions} for the placement {@value #PLACEMENT}
 *     ({@value #PLACEMENT_ITEMS} items), whose strategy {@value #STRATEGY} takes the
 *     model's products, keeps those under {@value #MAX_PRICE} and available, blends the
 *     model's score with the person's affinity for the product's brand (weight 0.3), leaves
 *     out what the person bought or holds in the cart, shows at most {@value #MAX_PER_BRAND}
 *     per brand and falls back to {@value #FALLBACK} (trending).</li>
 * <li>{@code rerank}: {@code POST /v1/rerank} of a search page ("shoes") of
 *     {@value #RERANK_PRODUCTS} products, moved halfway to the model's order (strength 0.5)
 *     by the rule {@value #RULE}. The pages are drawn once (fixed seed) from the catalog's
 *     products, {@value #RERANK_LISTS} of them, and each request takes one.</li>
 * </ul>
 * Each request names one person drawn at random (fixed seed) from the ids in the events,
 * by the field that named them, and uses a key with role read. Request bodies are built
 * before the load starts (a re-rank joins a person's part to a page's), so the client's
 * cost is mostly writing bytes. Per scenario, after an open-loop warm-up, a sample of
 * answers is read (for decisions: how many the strategy answered itself and how many with
 * its fallback's help, the items, whether they keep the strategy's rules; for re-ranks: the
 * rule, how many products the model knew and how many moved), then an open loop at a fixed
 * rate and a closed loop measure the latency ({@link LoadLoops}). Every answer must be 200,
 * or the run fails.
 */
@Command(name = "decisions", mixinStandardHelpOptions = true,
        description = "POST /v1/decisions (a personalized placement with eligibility, a formula, exclusions,"
                + " diversity and a fallback) and POST /v1/rerank (1,000 search results): latency at a fixed"
                + " rate (open loop) and the most each sustains (closed loop).")
public final class DecisionLoad implements Callable<Integer> {
    static final String SCENARIO_DECISIONS = "decisions";
    static final String SCENARIO_RERANK = "rerank";
    static final String STRATEGY = "for-you";
    static final String FALLBACK = "popular";
    static final String PLACEMENT = "home.for_you";
    static final String RULE = "search-all";
    static final int PLACEMENT_ITEMS = 10;
    /** The strategy's eligibility keeps products under this price (the synthetic catalog's "price", a number). */
    static final double MAX_PRICE = 500.0;
    /** The strategy's diversity: at most this many products of one brand. */
    static final int MAX_PER_BRAND = 3;
    static final int RERANK_PRODUCTS = 1_000;
    static final int RERANK_LISTS = 64;
    private static final int SAMPLED_ANSWERS = 200;
    private static final String MODEL_KIND = "co_occurrence";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LoadRunOptions run;

    @Option(names = "--days", defaultValue = "" + ShopSpec.DEFAULT_DAYS,
            description = "Days of shop behaviour, ending at the start of this hour (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--scenarios", split = ",", defaultValue = SCENARIO_DECISIONS + "," + SCENARIO_RERANK,
            description = "Scenarios to measure: decisions, rerank (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--rate", defaultValue = "5000",
            description = "Open-loop decisions per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--rerank-rate", defaultValue = "1000",
            description = "Open-loop re-ranks per second (default: ${DEFAULT-VALUE})")
    int rerankRate;

    /** One scenario's measurement and what its sampled answers said, as lines to print above its table. */
    private record ScenarioReport(String title, List<String> sampled, LoadLoops.Measurement measurement) {
    }

    @Override
    public Integer call() throws Exception {
        for (String scenario : scenarios) {
            if (!scenario.equals(SCENARIO_DECISIONS) && !scenario.equals(SCENARIO_RERANK)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + scenario
                        + "'; the scenarios are " + SCENARIO_DECISIONS + " and " + SCENARIO_RERANK);
            }
        }
        long began = System.nanoTime();
        ShopGenerator shop = new ShopGenerator(ShopSpec.demo().withProducts(run.products).withShoppers(run.shoppers)
                .withDays(days));
        Path dir = Files.createTempDirectory("attune-bench-decisions");
        List<ScenarioReport> reports = new ArrayList<>();
        try (ServerProcess server = run.startServer(dir.resolve("data"))) {
            LoadedShop loaded = LoadedShop.load(server, shop, "decisions");
            String model = loaded.provision(MODEL_KIND);
            List<byte[]> personFields = personFields(loaded);
            if (scenarios.contains(SCENARIO_DECISIONS)) {
                reports.add(decisions(server, loaded, model, personFields));
            }
            if (scenarios.contains(SCENARIO_RERANK)) {
                reports.add(rerank(server, loaded, model, personFields));
            }
            long[] memory = server.residentMemoryMiB();
            System.out.println();
            System.out.printf("decisioning, model %s, %,d products, %,d person ids; %d cores shared by the client"
                            + " and the server; server RSS %,d MiB (peak %,d MiB), heap limit %s%n", MODEL_KIND,
                    run.products, loaded.persons().size(), Runtime.getRuntime().availableProcessors(), memory[0],
                    memory[1], run.serverHeap);
            for (ScenarioReport report : reports) {
                System.out.printf("%n%s%n", report.title());
                report.sampled().forEach(line -> System.out.println("  " + line));
                LoadLoops.printRows(report.measurement());
            }
            System.out.printf("%nserver log and data: %s%n", dir);
        }
        System.out.printf("%nreproduce: %s%ntook %.0f s in all%n", reproduceCommand(),
                (System.nanoTime() - began) / 1e9);
        long failures = 0;
        for (ScenarioReport report : reports) {
            failures += LoadLoops.reportFailures(report.title(), report.measurement());
        }
        return failures == 0 ? 0 : 1;
    }

    private ScenarioReport decisions(ServerProcess server, LoadedShop loaded, String model, List<byte[]> personFields)
            throws Exception {
        defineForYou(loaded, model);
        byte[] placements = ("\"placements\":[" + Json.MAPPER.writeValueAsString(PLACEMENT) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        List<byte[]> bodies = personFields.stream().map(person -> concat(person, placements)).toList();
        LoadTarget target = new LoadTarget(server.port(), loaded.readKey(),
                random -> LoadRequest.postJson("/v1/decisions", bodies.get(random.nextInt(bodies.size()))));
        String title = "POST /v1/decisions, placement " + PLACEMENT + " (" + PLACEMENT_ITEMS + " items, strategy "
                + STRATEGY + " over model " + MODEL_KIND + ", fallback " + FALLBACK + ")";
        return measure(server, title, target, rate, json -> json.path("placements").size() == 1
                && json.path("placements").path(0).path("items").isArray(), DecisionLoad::decisionSummary);
    }

    /** The placement {@value #PLACEMENT} with its strategy {@value #STRATEGY} over the model, and the fallback. */
    static void defineForYou(LoadedShop loaded, String model) throws Exception {
        String catalogPath = "/v1/catalogs/" + loaded.catalog();
        loaded.put(catalogPath + "/strategies/" + FALLBACK, """
                {"sources": [{"type": "trending"}]}""");
        loaded.put(catalogPath + "/strategies/" + STRATEGY, """
                {"sources": [{"type": "model", "model": "%s"}],
                 "eligibility": "product.price < %s && product.available",
                 "ranking": {"by": "blend", "formula": "profile.affinity.brand[product.brand]", "formulaWeight": 0.3},
                 "exclude": {"purchased": true, "inCart": true},
                 "diversity": {"attribute": "brand", "maxPerValue": %d},
                 "fallbacks": ["%s"]}""".formatted(model, MAX_PRICE, MAX_PER_BRAND, FALLBACK));
        loaded.put(catalogPath + "/placements/" + PLACEMENT, """
                {"strategy": "%s", "items": %d}""".formatted(STRATEGY, PLACEMENT_ITEMS));
    }

    /** The rule {@value #RULE}: every search page moved halfway to the model's order. */
    static void defineSearchRule(LoadedShop loaded, String model) throws Exception {
        loaded.put("/v1/catalogs/" + loaded.catalog() + "/rules/" + RULE, """
                {"pageType": "search", "model": "%s", "strength": 0.5, "enabled": true}""".formatted(model));
    }

    private ScenarioReport rerank(ServerProcess server, LoadedShop loaded, String model, List<byte[]> personFields)
            throws Exception {
        defineSearchRule(loaded, model);
        List<byte[]> pages = new ArrayList<>(RERANK_LISTS);
        for (List<String> ids : searchPages(loaded.productIds(), RERANK_LISTS, RERANK_PRODUCTS)) {
            pages.add(("\"pageType\":\"search\",\"query\":\"shoes\",\"productIds\":"
                    + Json.MAPPER.writeValueAsString(ids) + "}").getBytes(StandardCharsets.UTF_8));
        }
        // the person and the page are drawn apart, so the body is joined per request (some 12 KB copied)
        LoadTarget target = new LoadTarget(server.port(), loaded.readKey(),
                random -> LoadRequest.postJson("/v1/rerank", concat(personFields.get(random.nextInt(
                        personFields.size())), pages.get(random.nextInt(pages.size())))));
        int given = Math.min(RERANK_PRODUCTS, loaded.productIds().size());
        String title = "POST /v1/rerank, search page of " + given + " products, rule " + RULE + " (model "
                + MODEL_KIND + ", strength 0.5)";
        return measure(server, title, target, rerankRate, json -> json.path("items").isArray(),
                answers -> rerankSummary(answers, given));
    }

    /** Warm-up, a sample of answers checked by {@code wellFormed} and summed up, then the open and closed loops. */
    private ScenarioReport measure(ServerProcess server, String title, LoadTarget target, int scenarioRate,
                                   Predicate<JsonNode> wellFormed, Function<List<JsonNode>, List<String>> summary)
            throws Exception {
        run.warmUp(title, target, scenarioRate);
        List<String> sampled = summary.apply(LoadLoops.sampleAnswers(target, SAMPLED_ANSWERS, wellFormed));
        return new ScenarioReport(title, sampled, run.measure(server, target, scenarioRate));
    }

    /**
     * How the sampled decisions were answered: by the placement's own strategy
     * ("personalized") or with a fallback's help, why, how many items and from which
     * strategy, and any expression errors or warnings.
     */
    static List<String> decisionSummary(List<JsonNode> answers) {
        int personalized = 0;
        long items = 0;
        Map<String, Integer> sources = new TreeMap<>();
        Map<String, Integer> fallbackReasons = new TreeMap<>();
        Map<String, Integer> itemsByStrategy = new TreeMap<>();
        int withErrors = 0;
        int withWarnings = 0;
        String firstProblem = null;
        List<String> broken = new ArrayList<>();
        for (JsonNode answer : answers) {
            JsonNode placement = answer.path("placements").path(0);
            String source = placement.path("source").asText("?");
            String fallback = placement.path("fallback").isTextual() ? placement.path("fallback").asText() : null;
            sources.merge(fallback == null ? source : source + " (" + fallback + ")", 1, Integer::sum);
            if (source.equals("personalized")) {
                personalized++;
            }
            if (placement.path("fallbackReason").isTextual()) {
                // "found 3 of 10 products" and "found 7 of 10" are one reason
                fallbackReasons.merge(placement.path("fallbackReason").asText()
                        .replaceFirst("found \\d+ of (\\d+)", "found fewer than $1"), 1, Integer::sum);
            }
            for (JsonNode item : placement.path("items")) {
                items++;
                itemsByStrategy.merge(item.path("strategy").asText("?"), 1, Integer::sum);
            }
            broken.addAll(strategyBreaches(placement.path("items")));
            if (!placement.path("errors").isEmpty()) {
                withErrors++;
            }
            if (!placement.path("warnings").isEmpty()) {
                withWarnings++;
            }
            if (firstProblem == null && (!placement.path("errors").isEmpty() || !placement.path("warnings").isEmpty())) {
                firstProblem = "errors " + placement.path("errors") + ", warnings " + placement.path("warnings");
            }
        }
        int n = answers.size();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d sampled persons: personalized %.1f%%, fallback %.1f%%; mean %.1f items (%s)", n,
                100.0 * personalized / n, 100.0 * (n - personalized) / n, (double) items / n,
                shares(itemsByStrategy, items)));
        lines.add("answered by: " + counts(sources));
        if (!fallbackReasons.isEmpty()) {
            lines.add("fallback reasons: " + counts(fallbackReasons));
        }
        lines.add(String.format("expression errors in %d answers, warnings in %d%s", withErrors, withWarnings,
                firstProblem == null ? "" : "; the first: " + firstProblem));
        lines.add(broken.isEmpty() ? "every item kept the strategy's eligibility, diversity and no repeats"
                : "ITEMS AGAINST THE STRATEGY: " + broken.size() + ", the first: " + broken.get(0));
        return lines;
    }

    /**
     * What in one answer breaks the strategy as defined: a product of {@value #STRATEGY} at
     * {@value #MAX_PRICE} or more or unavailable, more than {@value #MAX_PER_BRAND} of its
     * products of one brand, or a product given twice.
     */
    static List<String> strategyBreaches(JsonNode items) {
        List<String> breaches = new ArrayList<>();
        Map<String, Integer> perBrand = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            if (!seen.add(id)) {
                breaches.add(id + " is given twice");
            }
            if (!item.path("strategy").asText().equals(STRATEGY)) {
                continue;
            }
            JsonNode attributes = item.path("attributes");
            if (!(attributes.path("price").asDouble(Double.MAX_VALUE) < MAX_PRICE)
                    || !attributes.path("available").asBoolean(false)) {
                breaches.add(id + " is not eligible: " + attributes.path("price") + ", available "
                        + attributes.path("available"));
            }
            perBrand.merge(attributes.path("brand").asText(), 1, Integer::sum);
        }
        perBrand.forEach((brand, count) -> {
            if (count > MAX_PER_BRAND) {
                breaches.add(count + " products of brand " + brand);
            }
        });
        return breaches;
    }

    /**
     * How the sampled re-ranks came back: the rule applied, how many products the model
     * scored (above zero: the person's own signal) and how far the products moved. A product
     * the model does not know sorts last by the model, so even a person without signal moves
     * the others a little; the mean distance tells that from a real re-ordering.
     */
    static List<String> rerankSummary(List<JsonNode> answers, int given) {
        long items = 0;
        long scored = 0;
        long aboveZero = 0;
        long distance = 0;
        Map<String, Integer> rules = new TreeMap<>();
        int withWarnings = 0;
        String firstWarning = null;
        for (JsonNode answer : answers) {
            rules.merge(answer.path("rule").asText("none"), 1, Integer::sum);
            JsonNode list = answer.path("items");
            if (list.size() != given) {
                throw new IllegalStateException("a re-rank of " + given + " products answered " + list.size());
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                items++;
                if (item.path("modelScore").isNumber()) {
                    scored++;
                    if (item.path("modelScore").asDouble() > 0) {
                        aboveZero++;
                    }
                }
                distance += Math.abs(item.path("position").asInt() - i);
            }
            if (!answer.path("warnings").isEmpty()) {
                withWarnings++;
                if (firstWarning == null) {
                    firstWarning = answer.path("warnings").toString();
                }
            }
        }
        int n = answers.size();
        double perItem = Math.max(1, items);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d sampled persons: rule %s; the model scored %.1f%% of the products, %.1f%% above"
                        + " zero; a product moved %.1f places on average", n, counts(rules), 100.0 * scored / perItem,
                100.0 * aboveZero / perItem, distance / perItem));
        lines.add(String.format("warnings in %d answers%s", withWarnings,
                firstWarning == null ? "" : "; the first: " + firstWarning));
        return lines;
    }

    /**
     * Each person's opening of a request body, {@code {"catalog":"…","anonymousId":"…",} (or
     * userId), in the order of {@link LoadedShop#persons()}.
     */
    private static List<byte[]> personFields(LoadedShop loaded) throws IOException {
        String catalog = Json.MAPPER.writeValueAsString(loaded.catalog());
        List<byte[]> fields = new ArrayList<>(loaded.persons().size());
        for (LoadedShop.Person person : loaded.persons()) {
            fields.add(("{\"catalog\":" + catalog + ",\"" + person.field() + "\":"
                    + Json.MAPPER.writeValueAsString(person.id()) + ",").getBytes(StandardCharsets.UTF_8));
        }
        return fields;
    }

    /**
     * {@code count} search pages, each {@code size} distinct products (all of them when the
     * catalog has fewer) in random order, drawn with a fixed seed.
     */
    static List<List<String>> searchPages(List<String> productIds, int count, int size) {
        SplittableRandom random = new SplittableRandom(LoadLoops.SEED);
        String[] ids = productIds.toArray(String[]::new);
        int take = Math.min(size, ids.length);
        List<List<String>> pages = new ArrayList<>(count);
        for (int page = 0; page < count; page++) {
            // a partial Fisher-Yates shuffle: the first take places end up a uniform draw without repeats
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(ids.length - i);
                String swap = ids[i];
                ids[i] = ids[j];
                ids[j] = swap;
            }
            pages.add(List.of(Arrays.copyOf(ids, take)));
        }
        return pages;
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((what, count) -> parts.add(count + " × " + what));
        return String.join("; ", parts);
    }

    private static String shares(Map<String, Integer> counts, long total) {
        List<String> parts = new ArrayList<>();
        counts.forEach((what, count) -> parts.add(String.format("%.1f%% from %s", 100.0 * count / Math.max(1, total),
                what)));
        return String.join(", ", parts);
    }

    private String reproduceCommand() {
        StringBuilder command = new StringBuilder("java -jar attune-bench/target/attune-bench.jar decisions")
                .append(run.arguments())
                .append(" --days ").append(days)
                .append(" --scenarios ").append(String.join(",", scenarios))
                .append(" --rate ").append(rate)
                .append(" --rerank-rate ").append(rerankRate);
        return command.toString();
    }
}
