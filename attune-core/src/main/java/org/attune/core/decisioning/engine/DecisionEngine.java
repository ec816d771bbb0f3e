package org.attune.core.decisioning.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.CandidateSources;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.DefinitionReader;
import org.attune.core.decisioning.DisplayHistory;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Rerank;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.ServedAnswer;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.training.ModelRecommender;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * Decides what a person sees in each placement of a request, and re-ranks search and
 * category result lists by the matching rule ({@link Reranker}). Reads only memory: the live
 * catalog and profiles, the serving model versions, popularity and the compiled definitions.
 *
 * <p>A placement ({@link PlacementRun}) runs its strategy ({@link StrategyTurn}) as a
 * pipeline: candidates from the sources, each found by its type in {@link CandidateSources}
 * (a product proposed by several keeps its best score, each source's scores scaled to 0..1 by
 * its best); the exclusions and the eligibility expression as filters
 * ({@code decisioning.filter}); the formula, the ranking and the diversity limit
 * ({@code decisioning.ranking}); then the count. When fewer products remain than the
 * placement shows, the strategy's fallbacks ({@link FallbackChain}) are asked in order for the
 * rest, and the answer says which answered and why. A product is never repeated across the
 * placements of one request.
 *
 * <p>An expression that fails on a product (e.g. it reads a map key that is not there)
 * leaves that product out; the placement's answer lists the error with the number of
 * products it affected, and {@link #expressionErrors} counts it. Nothing falls back silently.
 * Thread-safe.
 */
public final class DecisionEngine {
    private final DecisioningDefinitions definitions;
    private final CatalogService catalogs;
    private final LiveProfiles profiles;
    private final DisplayHistory shown;
    private final AnswerRecorder recorder;
    private final ModelVersions versions;
    private final Clock clock;
    private final ExpressionErrorCounts errors = new ExpressionErrorCounts();
    private final Stages stages;
    private final Reranker reranker;

    /**
     * @param sources the candidate source of every source type ({@code StandardSources} in
     *     {@code decisioning.source})
     * @param recorder issues each answer's recId and logs the answers that are not previews
     */
    public DecisionEngine(DecisioningDefinitions definitions, CatalogService catalogs, LiveProfiles profiles,
                          ModelRecommender models, CandidateSources sources, DisplayHistory shown,
                          AnswerRecorder recorder, Clock clock) {
        this.definitions = definitions;
        this.catalogs = catalogs;
        this.profiles = profiles;
        this.shown = shown;
        this.recorder = recorder;
        this.versions = new ModelVersions(models);
        this.clock = clock;
        this.stages = new Stages(sources, shown, new Explainer(sources), errors);
        this.reranker = new Reranker(definitions, profiles, models, recorder, versions, clock);
    }

    /** Expression errors met at request time since start, by part ({@code eligibility}, {@code formula}, {@code filter}). */
    public Map<String, Long> expressionErrors() {
        return errors.snapshot();
    }

    /**
     * @throws NotFoundException for an unknown catalog or placement
     * @throws InvalidInputException for too many placements or a count out of range
     */
    public Decision.Answer decide(Decision.Request request) {
        return decide(request, clock.millis());
    }

    /**
     * Decides as of {@code now} (epoch milliseconds) instead of the clock's time: the time of
     * caps, recency and the answer's recId and log entry. For simulations that replay a past
     * day in-process (the demo shop's exposures); the API always decides at the clock's time.
     */
    public Decision.Answer decide(Decision.Request request, long now) {
        DecisioningDefinitions.Compiled compiled = definitions.compiled(request.catalog());
        check(request, compiled);
        RequestScope scope = new RequestScope(compiled, request, profiles, catalogs, now);
        List<Decision.PlacementAnswer> answers = new ArrayList<>();
        for (Decision.PlacementAsk ask : request.placements()) {
            Definitions.Placement placement = compiled.placements().get(ask.id());
            Decision.PlacementAnswer answer = new PlacementRun(stages, scope).run(placement, ask.items());
            answers.add(request.preview() ? withRecId(answer, UUID.randomUUID().toString())
                    : logged(request, compiled, placement, answer, scope));
        }
        // Showings are kept (in memory) only while the catalog's caps or exclusions read them.
        if (!request.preview() && scope.personKey != null && compiled.readsShowings()) {
            for (Decision.PlacementAnswer answer : answers) {
                shown.record(scope.personKey, answer.placement(), answer.items().stream().map(Decision.Item::id)
                        .toList(), scope.now);
            }
        }
        return new Decision.Answer(UUID.randomUUID().toString(), request.catalog(), scope.personId(),
                request.preview(), List.copyOf(answers));
    }

    /** Issues the answer's recId and hands it to the decision log. */
    private Decision.PlacementAnswer logged(Decision.Request request, DecisioningDefinitions.Compiled compiled,
                                            Definitions.Placement placement, Decision.PlacementAnswer answer,
                                            RequestScope scope) {
        List<String> strategies = answer.fallback() == null ? List.of(answer.strategy())
                : List.of(answer.strategy(), answer.fallback());
        // The page may name its channel; only the known channels are kept, so no request makes new groups at will.
        String asked = request.context().get("channel");
        String channel = Definitions.named(Definitions.Channel.values(), asked).orElse(placement.channel())
                .jsonName();
        AnswerDimensions dimensions = new AnswerDimensions(AnswerDimensions.DECISION, request.catalog(),
                channel, placement.id(),
                answer.strategy(), answer.source(), versions.label(compiled, strategies));
        String recId = recorder.issue(dimensions, scope.now);
        List<String> items = new ArrayList<>(answer.items().size());
        double[] scores = new double[answer.items().size()];
        for (int i = 0; i < scores.length; i++) {
            items.add(answer.items().get(i).id());
            scores[i] = answer.items().get(i).score();
        }
        int errors = 0;
        for (Decision.ExpressionError error : answer.errors()) {
            errors += error.products();
        }
        recorder.served(new ServedAnswer(recId, scope.now, dimensions,
                request.person() == null ? null : request.person().id(), scope.personId(), answer.fallback(), items,
                scores, errors));
        return withRecId(answer, recId);
    }

    private static Decision.PlacementAnswer withRecId(Decision.PlacementAnswer a, String recId) {
        return new Decision.PlacementAnswer(a.placement(), recId, a.strategy(), a.source(), a.fallback(),
                a.fallbackReason(), a.items(), a.errors(), a.warnings());
    }

    /** Re-ranks a page's products by the matching rule; see {@link Reranker}. */
    public Rerank.Answer rerank(Rerank.Request request) {
        return reranker.rerank(request);
    }

    private static void check(Decision.Request request, DecisioningDefinitions.Compiled compiled) {
        List<Problem> problems = new ArrayList<>();
        if (request.placements().isEmpty() || request.placements().size() > Decision.MAX_PLACEMENTS) {
            problems.add(new Problem("placements", "invalid_placements", "ask for 1 to " + Decision.MAX_PLACEMENTS
                    + " placements"));
        }
        Set<String> asked = new HashSet<>();
        for (int i = 0; i < request.placements().size(); i++) {
            Decision.PlacementAsk ask = request.placements().get(i);
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
    }
}
