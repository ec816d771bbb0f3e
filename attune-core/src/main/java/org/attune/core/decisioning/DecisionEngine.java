package org.attune.core.decisioning;

import dev.cel.runtime.CelEvaluationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Definitions.SourceType;
import org.attune.core.event.Event;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;
import org.attune.core.popularity.Popularity;
import org.attune.core.training.ModelRecommender;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * Decides what a person sees in each placement of a request, and re-ranks search and
 * category result lists by the matching rule. Reads only memory: the live catalog and
 * profiles, the serving model versions, popularity and the compiled definitions.
 *
 * <p>A placement runs its strategy: candidates from the sources (a product proposed by
 * several keeps its best score, each source's scores scaled to 0..1 by its best), then the
 * exclusions, the eligibility expression, the ranking, the diversity limit and the count.
 * When fewer products remain than the placement shows, the strategy's fallbacks are asked
 * in order for the rest, and the answer says which answered and why. A product is never
 * repeated across the placements of one request.
 *
 * <p>An expression that fails on a product (e.g. it reads a map key that is not there)
 * leaves that product out; the placement's answer lists the error with the number of
 * products it affected, and {@link #expressionErrors} counts it. Nothing falls back silently.
 * Thread-safe.
 */
public final class DecisionEngine {
    public static final int MAX_PLACEMENTS = 30;
    public static final int MAX_RERANK = 1_000;
    public static final int MAX_PREVIEW_EVENTS = 500;
    /** How many strategies one placement may ask in all (its own and fallbacks, transitively). */
    static final int MAX_CHAIN = 10;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int MAX_POOL = 5_000;

    private final DecisioningDefinitions definitions;
    private final CatalogService catalogs;
    private final LiveProfiles profiles;
    private final ModelRecommender models;
    private final Popularity popularity;
    private final DisplayHistory shown;
    private final Clock clock;
    private final Map<String, LongAdder> expressionErrors = new ConcurrentHashMap<>();
    private final Map<String, CollectionProducts> collections = new ConcurrentHashMap<>();

    /** A collection's products as of a catalog revision, best sellers first. */
    private record CollectionProducts(long revision, Definitions.Collection definition, List<String> ids) {
    }

    /**
     * Who a request is for: a person by one of their ids, or (for previews) a profile built from events.
     *
     * @param id a user id or anonymous id, or null
     * @param events for a preview of a profile that does not exist: its events in order, else null
     */
    public record Person(String id, List<Event> events) {
    }

    /**
     * A decision request.
     *
     * @param context {@link Expressions#CONTEXT_FIELDS} values given by the page
     * @param placements the placements asked, in order (each product appears in the first that takes it)
     * @param explain whether each item carries an explanation
     * @param preview whether nothing is recorded (no showings for caps)
     */
    public record Request(String catalog, Person person, Map<String, String> context, List<PlacementAsk> placements,
                          boolean explain, boolean preview) {
    }

    /** One placement asked, with an optional item count instead of the placement's. */
    public record PlacementAsk(String id, Integer items) {
    }

    /**
     * The decision.
     *
     * @param personId the internal person id, or null for a visitor nobody knows yet or a synthetic profile
     */
    public record Answer(String decisionId, String catalog, Long personId, boolean preview,
                         List<PlacementAnswer> placements) {
    }

    /**
     * One placement's answer.
     *
     * @param recId id of this answer, for {@code context.recId} of later events
     * @param strategy the placement's strategy
     * @param source {@code personalized} when the placement's own strategy gave every item, else {@code fallback}
     * @param fallback the first fallback strategy that gave items, or null
     * @param fallbackReason why the placement's own strategy gave too few, or null
     * @param errors expression errors met (each left its products out)
     * @param warnings sources that could not answer (e.g. a model that is not serving)
     */
    public record PlacementAnswer(String placement, String recId, String strategy, String source, String fallback,
                                  String fallbackReason, List<Item> items, List<ExpressionError> errors,
                                  List<String> warnings) {
    }

    /**
     * One product.
     *
     * @param score its rank value (the source score, the formula's value or the blend)
     * @param strategy the strategy that chose it
     * @param explanation why, when asked, else null
     */
    public record Item(String id, double score, String strategy, Product product, Explanation explanation) {
    }

    /**
     * Why a product was chosen.
     *
     * @param sources the sources that proposed it, with their scaled scores
     * @param formula the formula's value, or null
     * @param attributes the product's attribute values the person has an affinity for, strongest first
     * @param products the person's or page's products that led to it (the context product for related
     *     sources; the person's recent products that a model relates to it)
     */
    public record Explanation(Map<String, Double> sources, Double formula, List<String> attributes,
                              List<String> products) {
    }

    /**
     * An expression that failed.
     *
     * @param part {@code eligibility} or {@code formula}
     * @param products how many products it failed on (each was left out)
     */
    public record ExpressionError(String strategy, String part, String expression, String message, int products) {
    }

    public DecisionEngine(DecisioningDefinitions definitions, CatalogService catalogs, LiveProfiles profiles,
                          ModelRecommender models, Popularity popularity, DisplayHistory shown, Clock clock) {
        this.definitions = definitions;
        this.catalogs = catalogs;
        this.profiles = profiles;
        this.models = models;
        this.popularity = popularity;
        this.shown = shown;
        this.clock = clock;
    }

    /** Expression errors met at request time since start, by part ({@code eligibility}, {@code formula}, {@code filter}). */
    public Map<String, Long> expressionErrors() {
        Map<String, Long> counts = new HashMap<>();
        expressionErrors.forEach((part, adder) -> counts.put(part, adder.sum()));
        return counts;
    }

    /**
     * @throws NotFoundException for an unknown catalog or placement
     * @throws InvalidInputException for too many placements or a count out of range
     */
    public Answer decide(Request request) {
        DecisioningDefinitions.Compiled compiled = definitions.compiled(request.catalog());
        List<Problem> problems = new ArrayList<>();
        if (request.placements().isEmpty() || request.placements().size() > MAX_PLACEMENTS) {
            problems.add(new Problem("placements", "invalid_placements", "ask for 1 to " + MAX_PLACEMENTS
                    + " placements"));
        }
        Set<String> asked = new HashSet<>();
        for (int i = 0; i < request.placements().size(); i++) {
            PlacementAsk ask = request.placements().get(i);
            if (!compiled.placements().containsKey(ask.id())) {
                problems.add(new Problem("placements[" + i + "].id", "unknown_placement", "no placement '" + ask.id()
                        + "' in catalog '" + request.catalog() + "'"));
            }
            if (!asked.add(ask.id())) {
                problems.add(new Problem("placements[" + i + "].id", "duplicate_placement", "placement '" + ask.id()
                        + "' is asked twice"));
            }
            if (ask.items() != null && (ask.items() < 1 || ask.items() > DefinitionReader.MAX_ITEMS)) {
                problems.add(new Problem("placements[" + i + "].items", "invalid_count", "items must be from 1 to "
                        + DefinitionReader.MAX_ITEMS));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_decision_request", "The decision request has "
                    + problems.size() + " problem(s)", problems);
        }
        Reader reader = new Reader(compiled, request);
        List<PlacementAnswer> answers = new ArrayList<>();
        for (PlacementAsk ask : request.placements()) {
            answers.add(reader.placement(compiled.placements().get(ask.id()), ask.items()));
        }
        // Showings are kept (in memory) only while the catalog's caps or exclusions read them.
        if (!request.preview() && reader.personKey != null && compiled.readsShowings()) {
            for (PlacementAnswer answer : answers) {
                shown.record(reader.personKey, answer.placement(), answer.items().stream().map(Item::id).toList(),
                        reader.now);
            }
        }
        return new Answer(UUID.randomUUID().toString(), request.catalog(), reader.personId(), request.preview(),
                List.copyOf(answers));
    }

    /**
     * A re-rank request for a search or category page.
     *
     * @param query the search query, for search pages
     * @param category the category, for category pages
     * @param productIds the page's products in their given order (1 to {@link #MAX_RERANK}, no repeats)
     */
    public record RerankRequest(String catalog, Person person, Definitions.PageType pageType, String query,
                                String category, List<String> productIds) {
    }

    /**
     * The re-ranked list.
     *
     * @param rule the rule applied, or null when none matched (the order is then unchanged)
     * @param items every product given, in the new order
     * @param warnings why the rule could not apply (e.g. its model is not serving), in which case the order is unchanged
     */
    public record RerankAnswer(String recId, String rule, String model, double strength, List<RankedItem> items,
                               List<String> warnings) {
    }

    /**
     * @param position its place in the given list (0-based)
     * @param modelScore the model's score, or null when the model does not know the product or no rule applied
     */
    public record RankedItem(String id, int position, Double modelScore) {
    }

    /**
     * Applies the enabled rule that matches the page (a scoped rule before an {@code all} rule,
     * then by id): each product's place becomes (1 − strength) × its given place plus strength
     * × its place by the model's score, both as 1 − rank ÷ n. The products the model knows take
     * the places they hold in the given list in the order of their scores; one it does not know
     * keeps its place. Strength 0 keeps the order; ties keep the given order, so a person the
     * model knows nothing about (every score equal) sees the order unchanged.
     */
    public RerankAnswer rerank(RerankRequest request) {
        DecisioningDefinitions.Compiled compiled = definitions.compiled(request.catalog());
        List<Problem> problems = new ArrayList<>();
        List<String> ids = request.productIds();
        if (ids.isEmpty() || ids.size() > MAX_RERANK) {
            problems.add(new Problem("productIds", "invalid_product_ids", "give 1 to " + MAX_RERANK + " product ids"));
        }
        Set<String> seen = new HashSet<>(Math.max(16, ids.size() * 4 / 3 + 1));
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                problems.add(new Problem("productIds[" + i + "]", "duplicate_product", "product '" + ids.get(i)
                        + "' is given twice"));
            }
        }
        if (request.pageType() == Definitions.PageType.SEARCH && (request.query() == null
                || request.query().isBlank())) {
            problems.add(new Problem("query", "missing_query", "a search page gives its query"));
        }
        if (request.pageType() == Definitions.PageType.CATEGORY && (request.category() == null
                || request.category().isBlank())) {
            problems.add(new Problem("category", "missing_category", "a category page gives its category"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_rerank_request", "The re-rank request has " + problems.size()
                    + " problem(s)", problems);
        }
        String recId = UUID.randomUUID().toString();
        Definitions.Rule rule = compiled.rules().stream()
                .filter(r -> r.enabled() && r.matches(request.pageType(), request.category(), request.query()))
                .min(Comparator.comparing((Definitions.Rule r) -> r.scope() == Definitions.ScopeType.ALL)
                        .thenComparing(Definitions.Rule::id))
                .orElse(null);
        if (rule == null) {
            return new RerankAnswer(recId, null, null, 0, unchanged(ids), List.of());
        }
        LiveProfiles.Person person = person(request.person());
        double[] scores;
        try {
            scores = models.scoreProducts(rule.model(), person, ids);
        } catch (RuntimeException e) {
            return new RerankAnswer(recId, rule.id(), rule.model(), rule.strength(), unchanged(ids),
                    List.of("rule '" + rule.id() + "' kept the given order: " + e.getMessage()));
        }
        int n = ids.size();
        // The products the model knows are ordered by score among the places they hold; a product it
        // does not know keeps its place, so it neither sinks nor rises.
        List<Integer> knownSlots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(scores[i])) {
                knownSlots.add(i);
            }
        }
        List<Integer> knownByScore = new ArrayList<>(knownSlots);
        knownByScore.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        double[] modelPlace = new double[n];
        for (int i = 0; i < n; i++) {
            modelPlace[i] = 1 - (double) i / n;
        }
        for (int r = 0; r < knownSlots.size(); r++) {
            modelPlace[knownByScore.get(r)] = 1 - (double) knownSlots.get(r) / n;
        }
        double strength = rule.strength();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] combined = new double[n];
        for (int i = 0; i < n; i++) {
            combined[i] = (1 - strength) * (1 - (double) i / n) + strength * modelPlace[i];
        }
        java.util.Arrays.sort(order, (a, b) -> combined[a] != combined[b] ? Double.compare(combined[b], combined[a])
                : Integer.compare(a, b));
        List<RankedItem> items = new ArrayList<>(n);
        for (int i : order) {
            items.add(new RankedItem(ids.get(i), i, Double.isNaN(scores[i]) ? null : scores[i]));
        }
        return new RerankAnswer(recId, rule.id(), rule.model(), strength, List.copyOf(items), List.of());
    }

    private static List<RankedItem> unchanged(List<String> ids) {
        List<RankedItem> items = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            items.add(new RankedItem(ids.get(i), i, null));
        }
        return items;
    }

    private LiveProfiles.Person person(Person person) {
        if (person == null) {
            return null;
        }
        if (person.events() != null) {
            return profiles.synthetic(person.events());
        }
        return person.id() == null ? null : profiles.person(person.id()).orElse(null);
    }

    private void countError(String part) {
        expressionErrors.computeIfAbsent(part, p -> new LongAdder()).increment();
    }

    /** A collection's products, best sellers first, built again when the catalog changes. */
    private List<String> collection(DecisioningDefinitions.Compiled compiled, String id) {
        Definitions.Collection definition = compiled.collections().get(id);
        if (definition == null) {
            return List.of();
        }
        long revision = catalogs.revision(compiled.catalog());
        String key = compiled.catalog() + "\u001F" + id;
        CollectionProducts cached = collections.get(key);
        if (cached != null && cached.revision == revision && cached.definition.equals(definition)) {
            return cached.ids;
        }
        Expressions.Compiled filter = compiled.filters().get(id);
        Set<String> listed = new HashSet<>(definition.productIds());
        LiveProducts live = catalogs.liveProducts(compiled.catalog());
        List<String> ids = new ArrayList<>();
        Expressions.Variables variables = compiled.expressions().variables(Map.of(), Map.of());
        for (String productId : popularity.ranking(compiled.catalog()).bestSellers()) {
            Product product = live.get(productId);
            if (product == null) {
                continue;
            }
            boolean in = listed.contains(productId);
            if (!in && filter != null) {
                compiled.expressions().candidate(variables, product, 0);
                try {
                    in = Boolean.TRUE.equals(Expressions.evaluate(filter, variables));
                } catch (CelEvaluationException e) {
                    countError("filter");
                }
            }
            if (in) {
                ids.add(productId);
            }
        }
        List<String> frozen = List.copyOf(ids);
        collections.put(key, new CollectionProducts(revision, definition, frozen));
        return frozen;
    }

    /** One request's reading of the person and page, shared by its placements. */
    private final class Reader {
        final DecisioningDefinitions.Compiled compiled;
        final Request request;
        final long now = clock.millis();
        /** The evaluation steps all of this request's expressions may take together. */
        final Expressions.RequestBudget expressionBudget = new Expressions.RequestBudget();
        final LiveProfiles.Person person;
        final String personKey;
        final Set<String> used = new HashSet<>();
        final LiveProducts live;
        final String contextProduct;
        final Map<String, Object> contextFields;
        ProfileSnapshot snapshot;
        Map<String, Object> profileFields;

        Reader(DecisioningDefinitions.Compiled compiled, Request request) {
            this.compiled = compiled;
            this.request = request;
            this.person = person(request.person());
            Person asked = request.person();
            this.personKey = person != null && person.personId() != null ? "p:" + person.personId()
                    : asked != null && asked.events() == null && asked.id() != null ? "a:" + asked.id() : null;
            this.live = catalogs.liveProducts(request.catalog());
            String product = request.context().get("product");
            this.contextProduct = product == null || product.isEmpty() ? null : product;
            this.contextFields = Expressions.contextFields(request.context());
        }

        Long personId() {
            return person == null ? null : person.personId();
        }

        ProfileSnapshot snapshot() {
            if (snapshot == null && person != null) {
                snapshot = person.snapshot(java.time.Instant.ofEpochMilli(now));
            }
            return snapshot;
        }

        Map<String, Object> profileFields() {
            if (profileFields == null) {
                ProfileSnapshot s = snapshot();
                profileFields = s == null ? compiled.expressions().profileFields(EMPTY_PROFILE)
                        : compiled.expressions().profileFields(s);
            }
            return profileFields;
        }

        PlacementAnswer placement(Definitions.Placement placement, Integer items) {
            int want = items == null ? placement.items() : items;
            List<Definitions.Strategy> chain = chain(placement.strategy());
            List<Item> chosen = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            List<ExpressionError> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            Map<String, Integer> capped = placement.cap() == null ? Map.of()
                    : shown.counts(personKey, placement.id(), placement.cap().hours(), now);
            String fallback = null;
            String fallbackReason = null;
            for (Definitions.Strategy strategy : chain) {
                if (chosen.size() >= want) {
                    break;
                }
                int before = chosen.size();
                pick(strategy, placement, want - chosen.size(), taken, capped, chosen, errors, warnings);
                if (strategy == chain.get(0) && chosen.size() < want) {
                    fallbackReason = reason(strategy, chosen.size(), want);
                } else if (strategy != chain.get(0) && chosen.size() > before && fallback == null) {
                    fallback = strategy.id();
                }
            }
            chosen.forEach(item -> used.add(item.id()));
            return new PlacementAnswer(placement.id(), UUID.randomUUID().toString(), placement.strategy(),
                    fallback == null ? "personalized" : "fallback", fallback,
                    fallback == null && chosen.size() >= want ? null : fallbackReason, List.copyOf(chosen),
                    List.copyOf(errors), List.copyOf(warnings));
        }

        private String reason(Definitions.Strategy strategy, int got, int want) {
            if (strategy.personal() && person == null) {
                return request.person() == null || request.person().id() == null ? "no person was given"
                        : "nobody is known by this id yet (a new visitor): no profile to personalize from";
            }
            boolean related = strategy.sources().stream().anyMatch(s -> s.type() == SourceType.RELATED);
            if (related && contextProduct == null && strategy.sources().stream()
                    .allMatch(s -> s.type() == SourceType.RELATED)) {
                return "no context product was given for the related products";
            }
            if (related && contextProduct != null && live.get(contextProduct) == null) {
                return "the context product '" + contextProduct + "' is not in the catalog";
            }
            if (strategy.personal() && snapshot() != null && snapshot().recentEvents().isEmpty()) {
                return "the person has no recent events to personalize from";
            }
            return "the strategy found " + got + " of " + want + " products after its exclusions and eligibility";
        }

        /** The placement's strategy and its fallbacks, depth first, each once. */
        private List<Definitions.Strategy> chain(String first) {
            List<Definitions.Strategy> chain = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            java.util.Deque<String> next = new java.util.ArrayDeque<>(List.of(first));
            while (!next.isEmpty() && chain.size() < MAX_CHAIN) {
                String id = next.pollFirst();
                Definitions.Strategy strategy = compiled.strategies().get(id);
                if (strategy == null || !seen.add(id)) {
                    continue;
                }
                chain.add(strategy);
                List<String> fallbacks = new ArrayList<>(strategy.fallbacks());
                java.util.Collections.reverse(fallbacks);
                fallbacks.forEach(next::addFirst);
            }
            return chain;
        }

        /** Adds up to {@code want} products of the strategy to {@code chosen}. */
        private void pick(Definitions.Strategy strategy, Definitions.Placement placement, int want, Set<String> taken,
                          Map<String, Integer> capped, List<Item> chosen, List<ExpressionError> errors,
                          List<String> warnings) {
            Set<String> excluded = exclusions(strategy);
            int pool = Math.max(50, want * 4 + 20);
            Map<String, Integer> errorCounts = new LinkedHashMap<>();
            List<Ranked> kept;
            List<String> sourceWarnings = new ArrayList<>();
            while (true) {
                Candidates candidates = candidates(strategy, pool, sourceWarnings);
                kept = diversify(strategy, rank(strategy, candidates, excluded, taken, capped, placement,
                        errorCounts), want);
                if (kept.size() >= want || !candidates.truncated || pool >= MAX_POOL) {
                    break;
                }
                pool = Math.min(MAX_POOL, pool * 8);
                errorCounts.clear();
                sourceWarnings.clear();
            }
            warnings.addAll(sourceWarnings);
            errorCounts.forEach((part, count) -> errors.add(new ExpressionError(strategy.id(), part,
                    part.equals("eligibility") ? strategy.eligibility() : strategy.ranking().formula(),
                    lastError.getOrDefault(part, ""), count)));
            for (Ranked r : kept) {
                chosen.add(new Item(r.id, r.value, strategy.id(), r.product,
                        request.explain() ? explain(strategy, r) : null));
                taken.add(r.id);
            }
        }

        private final Map<String, String> lastError = new HashMap<>();

        private Set<String> exclusions(Definitions.Strategy strategy) {
            Set<String> excluded = new HashSet<>(used);
            Definitions.Exclusions ex = strategy.exclude();
            if (ex.contextProduct() && contextProduct != null) {
                excluded.add(contextProduct);
            }
            if (person != null) {
                ProfileSnapshot s = snapshot();
                if (ex.purchased()) {
                    excluded.addAll(s.recentlyPurchased());
                }
                if (ex.inCart()) {
                    excluded.addAll(s.cart());
                }
                if (ex.viewedWithinDays() > 0) {
                    excluded.addAll(person.viewedSince(now - ex.viewedWithinDays() * DAY_MILLIS));
                }
            }
            if (ex.shownMoreThan() != null) {
                shown.counts(personKey, null, ex.shownMoreThan().hours(), now).forEach((product, times) -> {
                    if (times > ex.shownMoreThan().times()) {
                        excluded.add(product);
                    }
                });
            }
            return excluded;
        }

        /** The strategy's candidates, with their scaled score per source. */
        private Candidates candidates(Definitions.Strategy strategy, int pool, List<String> warnings) {
            Candidates candidates = new Candidates();
            for (Definitions.Source source : strategy.sources()) {
                String label = source.label();
                switch (source.type()) {
                    case MODEL -> {
                        if (person != null) {
                            model(candidates, source, label, null, pool, warnings);
                        }
                    }
                    case RELATED -> {
                        if (contextProduct != null) {
                            model(candidates, source, label, contextProduct, pool, warnings);
                        }
                    }
                    case TRENDING -> {
                        Popularity.Ranking ranking = popularity.ranking(request.catalog());
                        String category = request.context().get("category");
                        String categoryAttribute = category == null || category.isEmpty() ? null
                                : catalogs.categoryAttribute(request.catalog());
                        int added = 0;
                        double best = ranking.trending().length == 0 ? 1 : Math.max(1e-12,
                                ranking.trendingScores()[0]);
                        for (int i = 0; i < ranking.trending().length && added < pool; i++) {
                            String id = ranking.trending()[i];
                            if (categoryAttribute != null) {
                                Product product = live.get(id);
                                if (product == null || !product.hasValue(categoryAttribute, category)) {
                                    continue;
                                }
                            }
                            candidates.add(id, label, ranking.trendingScores()[i] / best);
                            added++;
                        }
                        candidates.truncated |= added == pool;
                    }
                    case RECENTLY_VIEWED -> {
                        if (person != null) {
                            List<String> viewed = snapshot().recentlyViewed();
                            for (int i = 0; i < viewed.size(); i++) {
                                candidates.add(viewed.get(i), label, 1.0 / (1 + i));
                            }
                        }
                    }
                    case COLLECTION -> {
                        List<String> ids = collection(compiled, source.collection());
                        int n = Math.min(ids.size(), pool);
                        for (int i = 0; i < n; i++) {
                            candidates.add(ids.get(i), label, 1 - (double) i / Math.max(1, ids.size()));
                        }
                        candidates.truncated |= ids.size() > pool;
                    }
                    default -> throw new IllegalStateException("unknown source " + source.type());
                }
            }
            return candidates;
        }

        private void model(Candidates candidates, Definitions.Source source, String label, String item, int pool,
                           List<String> warnings) {
            ModelRecommender.Answer answer;
            try {
                answer = models.recommend(new ModelRecommender.Request(source.model(), null, item, pool, false, null),
                        item == null ? person : null);
            } catch (RuntimeException e) {
                warnings.add("source " + label + " did not answer: " + e.getMessage());
                return;
            }
            double best = answer.items().isEmpty() ? 1 : Math.max(1e-12, answer.items().get(0).score());
            for (ModelRecommender.Item modelItem : answer.items()) {
                candidates.add(modelItem.id(), label, modelItem.score() / best, modelItem.product());
            }
            candidates.truncated |= answer.items().size() == pool;
        }

        private List<Ranked> rank(Definitions.Strategy strategy, Candidates candidates, Set<String> excluded,
                                  Set<String> taken, Map<String, Integer> capped, Definitions.Placement placement,
                                  Map<String, Integer> errorCounts) {
            Expressions.Compiled eligibility = compiled.eligibility().get(strategy.id());
            Expressions.Compiled formula = compiled.formulas().get(strategy.id());
            boolean needsProfile = eligibility != null && eligibility.readsProfile()
                    || formula != null && formula.readsProfile();
            Expressions.Variables variables = compiled.expressions().variables(
                    needsProfile ? profileFields() : Map.of(), contextFields, expressionBudget);
            List<Ranked> ranked = new ArrayList<>(candidates.best.size());
            for (Map.Entry<String, Double> entry : candidates.best.entrySet()) {
                String id = entry.getKey();
                if (excluded.contains(id) || taken.contains(id)) {
                    continue;
                }
                if (placement.cap() != null && capped.getOrDefault(id, 0) >= placement.cap().times()) {
                    continue;
                }
                Product product = candidates.products.get(id);
                if (product == null) {
                    product = live.get(id);
                }
                if (product == null || !product.available()) {
                    continue;
                }
                double score = entry.getValue();
                Double formulaValue = null;
                if (eligibility != null) {
                    try {
                        if (!compiled.expressions().eligible(eligibility, variables, product, score)) {
                            continue;
                        }
                    } catch (CelEvaluationException e) {
                        failed("eligibility", e, errorCounts);
                        continue;
                    }
                }
                if (formula != null) {
                    compiled.expressions().candidate(variables, product, score);
                    try {
                        Object value = Expressions.evaluate(formula, variables);
                        formulaValue = value instanceof Number number ? number.doubleValue() : Double.NaN;
                    } catch (CelEvaluationException e) {
                        failed("formula", e, errorCounts);
                        continue;
                    }
                    if (!Double.isFinite(formulaValue)) {
                        failed("formula", new IllegalStateException("the formula gave " + formulaValue
                                + " for product " + id), errorCounts);
                        continue;
                    }
                }
                double value = strategy.ranking().by() == Definitions.RankBy.FORMULA ? formulaValue : score;
                ranked.add(new Ranked(id, product, score, formulaValue, value, candidates.bySource.get(id)));
            }
            if (strategy.ranking().by() == Definitions.RankBy.BLEND) {
                ranked = blend(ranked, strategy.ranking().formulaWeight());
            }
            ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.value).thenComparing(r -> r.id));
            return ranked;
        }

        /**
         * (1 − weight) × score + weight × the formula's value scaled to 0..1 over the candidates
         * (min-max), so that the weight means a share whatever the formula's range.
         */
        private List<Ranked> blend(List<Ranked> ranked, double weight) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Ranked r : ranked) {
                min = Math.min(min, r.formula);
                max = Math.max(max, r.formula);
            }
            double range = max - min;
            List<Ranked> blended = new ArrayList<>(ranked.size());
            for (Ranked r : ranked) {
                double scaled = range > 0 ? (r.formula - min) / range : 0;
                blended.add(new Ranked(r.id, r.product, r.score, r.formula, (1 - weight) * r.score + weight * scaled,
                        r.sources));
            }
            return blended;
        }

        private void failed(String part, Exception e, Map<String, Integer> errorCounts) {
            errorCounts.merge(part, 1, Integer::sum);
            lastError.put(part, String.valueOf(e.getMessage()));
            countError(part);
        }

        private List<Ranked> diversify(Definitions.Strategy strategy, List<Ranked> ranked, int want) {
            List<Ranked> kept = new ArrayList<>(Math.min(want, ranked.size()));
            Definitions.Diversity diversity = strategy.diversity();
            Map<String, Integer> perValue = new HashMap<>();
            for (Ranked r : ranked) {
                if (kept.size() >= want) {
                    break;
                }
                if (diversity != null) {
                    com.fasterxml.jackson.databind.JsonNode value = r.product.attributes().get(diversity.attribute());
                    String key = value == null || value.isNull() ? "" : value.isValueNode() ? value.asText()
                            : value.toString();
                    if (perValue.merge(key, 1, Integer::sum) > diversity.maxPerValue()) {
                        continue;
                    }
                }
                kept.add(r);
            }
            return kept;
        }

        private Explanation explain(Definitions.Strategy strategy, Ranked r) {
            List<String> attributes = new ArrayList<>();
            ProfileSnapshot s = snapshot();
            if (s != null) {
                List<Map.Entry<String, Double>> matched = new ArrayList<>();
                s.affinities().forEach((attribute, values) -> {
                    for (ProfileSnapshot.Affinity affinity : values) {
                        if (r.product.hasValue(attribute, affinity.value())) {
                            matched.add(Map.entry(attribute + ":" + affinity.value(), affinity.score()));
                        }
                    }
                });
                matched.sort(Map.Entry.<String, Double>comparingByValue().reversed());
                matched.stream().limit(3).forEach(m -> attributes.add(m.getKey()));
            }
            List<String> products = new ArrayList<>();
            for (Definitions.Source source : strategy.sources()) {
                if (!r.sources.containsKey(source.label())) {
                    continue;
                }
                if (source.type() == SourceType.RELATED && contextProduct != null) {
                    products.add(contextProduct);
                } else if (source.type() == SourceType.MODEL && s != null) {
                    products.addAll(neighbors(source.model(), s, r.id));
                }
            }
            return new Explanation(Map.copyOf(r.sources), r.formula, List.copyOf(attributes),
                    List.copyOf(new LinkedHashSet<>(products)));
        }

        /** The person's recent products (up to 5) whose related products, by the model, include the item. */
        private List<String> neighbors(String model, ProfileSnapshot s, String item) {
            List<String> recent = new ArrayList<>();
            for (ProfileSnapshot.RecentEvent event : s.recentEvents()) {
                for (String product : event.itemIds()) {
                    if (!recent.contains(product) && recent.size() < 5) {
                        recent.add(product);
                    }
                }
            }
            List<String> leading = new ArrayList<>();
            for (String product : recent) {
                try {
                    ModelRecommender.Answer related = models.recommend(new ModelRecommender.Request(model, null,
                            product, 100, false, null), null);
                    if (related.items().stream().anyMatch(i -> i.id().equals(item))) {
                        leading.add(product);
                    }
                } catch (RuntimeException e) {
                    return leading;
                }
            }
            return leading;
        }
    }

    private static final ProfileSnapshot EMPTY_PROFILE = new ProfileSnapshot(0, List.of(), Map.of(), null, null,
            Map.of(), new ProfileSnapshot.Rfm(null, 0, 0, 0), List.of(), List.of(), List.of());

    /** Candidates by product: the best scaled score, and each source's. */
    private static final class Candidates {
        final Map<String, Double> best = new LinkedHashMap<>();
        final Map<String, Map<String, Double>> bySource = new HashMap<>();
        /** The products a source already read from the catalog in this request, so ranking need not again. */
        final Map<String, Product> products = new HashMap<>();
        boolean truncated;

        void add(String id, String source, double score) {
            best.merge(id, score, Math::max);
            bySource.computeIfAbsent(id, k -> new LinkedHashMap<>()).merge(source, score, Math::max);
        }

        void add(String id, String source, double score, Product product) {
            add(id, source, score);
            products.put(id, product);
        }
    }

    private record Ranked(String id, Product product, double score, Double formula, double value,
                          Map<String, Double> sources) {
    }
}
