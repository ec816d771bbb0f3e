package org.attune.core.decisioning.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.time.Clock;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.ServedAnswer;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Rerank;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.training.ModelRecommender;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Re-ranks a search or category page by the enabled rule that matches it (a scoped rule
 * before an {@code all} rule, then by id). Each product's place becomes (1 − strength) × its
 * given place plus strength × its place by the model's score, both as 1 − rank ÷ n. The
 * products the model knows take the places they hold in the given list in the order of their
 * scores; one it does not know keeps its place. Strength 0 keeps the order; ties keep the
 * given order, so a person the model knows nothing about (every score equal) sees the order
 * unchanged. Thread-safe.
 */
final class Reranker {
    private final DecisioningDefinitions definitions;
    private final LiveProfiles profiles;
    private final ModelRecommender models;
    private final AnswerRecorder recorder;
    private final ModelVersions versions;
    private final Clock clock;

    Reranker(DecisioningDefinitions definitions, LiveProfiles profiles, ModelRecommender models,
             AnswerRecorder recorder, ModelVersions versions, Clock clock) {
        this.definitions = definitions;
        this.profiles = profiles;
        this.models = models;
        this.recorder = recorder;
        this.versions = versions;
        this.clock = clock;
    }

    /** Answers, then (unless a preview) issues the answer's recId and logs it. */
    Rerank.Answer rerank(Rerank.Request request) {
        Rerank.Answer answer = order(request);
        if (request.preview()) {
            return answer;
        }
        long now = clock.millis();
        boolean reranked = answer.rule() != null && answer.warnings().isEmpty();
        AnswerDimensions dimensions = new AnswerDimensions(AnswerDimensions.RERANK, request.catalog(), "",
                answer.rule(), "", reranked ? AnswerDimensions.PERSONALIZED : AnswerDimensions.UNCHANGED,
                answer.model() == null ? "" : versions.label(answer.model()));
        String recId = recorder.issue(dimensions, now);
        List<String> items = new ArrayList<>(answer.items().size());
        double[] scores = new double[answer.items().size()];
        for (int i = 0; i < scores.length; i++) {
            Rerank.RankedItem item = answer.items().get(i);
            items.add(item.id());
            scores[i] = item.modelScore() == null ? 0 : item.modelScore();
        }
        String person = request.person() == null ? null : request.person().id();
        Long personId = person == null ? null : profiles.personId(person).orElse(null);
        recorder.served(new ServedAnswer(recId, now, dimensions, person, personId, null, items, scores, 0));
        return new Rerank.Answer(recId, answer.rule(), answer.model(), answer.strength(), answer.items(),
                answer.warnings());
    }

    private Rerank.Answer order(Rerank.Request request) {
        DecisioningDefinitions.Compiled compiled = definitions.compiled(request.catalog());
        List<String> ids = request.productIds();
        check(request);
        String recId = UUID.randomUUID().toString(); // replaced by an issued one when the answer is logged
        Definitions.Rule rule = compiled.rules().stream()
                .filter(r -> r.enabled() && r.matches(request.pageType(), request.category(), request.query()))
                .min(Comparator.comparing((Definitions.Rule r) -> r.scope() == Definitions.ScopeType.ALL)
                        .thenComparing(Definitions.Rule::id))
                .orElse(null);
        if (rule == null) {
            return new Rerank.Answer(recId, null, null, 0, unchanged(ids), List.of());
        }
        LiveProfiles.Person person = RequestScope.person(profiles, request.person());
        double[] scores;
        try {
            scores = models.scoreProducts(rule.model(), person, ids);
        } catch (RuntimeException e) {
            return new Rerank.Answer(recId, rule.id(), rule.model(), rule.strength(), unchanged(ids),
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
        Arrays.sort(order, (a, b) -> combined[a] != combined[b] ? Double.compare(combined[b], combined[a])
                : Integer.compare(a, b));
        List<Rerank.RankedItem> items = new ArrayList<>(n);
        for (int i : order) {
            items.add(new Rerank.RankedItem(ids.get(i), i, Double.isNaN(scores[i]) ? null : scores[i]));
        }
        return new Rerank.Answer(recId, rule.id(), rule.model(), strength, List.copyOf(items), List.of());
    }

    /**
     * @throws InvalidInputException for a list out of range or with repeats, or a page without its
     *     query or category
     */
    private static void check(Rerank.Request request) {
        List<Problem> problems = new ArrayList<>();
        List<String> ids = request.productIds();
        if (ids.isEmpty() || ids.size() > Rerank.MAX_PRODUCTS) {
            problems.add(new Problem("productIds", "invalid_product_ids", "give 1 to " + Rerank.MAX_PRODUCTS
                    + " product ids"));
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
    }

    private static List<Rerank.RankedItem> unchanged(List<String> ids) {
        List<Rerank.RankedItem> items = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            items.add(new Rerank.RankedItem(ids.get(i), i, null));
        }
        return items;
    }
}
