package org.attune.core.decisioning.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Expressions;
import org.attune.core.decisioning.filter.AlreadyChosenFilter;
import org.attune.core.decisioning.filter.CandidateFilter;
import org.attune.core.decisioning.filter.ContextProductFilter;
import org.attune.core.decisioning.filter.EligibilityFilter;
import org.attune.core.decisioning.filter.FrequencyCapFilter;
import org.attune.core.decisioning.filter.InCartFilter;
import org.attune.core.decisioning.filter.PurchasedFilter;
import org.attune.core.decisioning.filter.ShownMoreThanFilter;
import org.attune.core.decisioning.filter.UnavailableFilter;
import org.attune.core.decisioning.filter.ViewedWithinFilter;
import org.attune.core.decisioning.ranking.DiversityLimit;
import org.attune.core.decisioning.ranking.Formula;
import org.attune.core.decisioning.ranking.RankedCandidate;
import org.attune.core.decisioning.ranking.Ranker;
import org.attune.core.profile.ProfileSnapshot;

/**
 * One strategy's turn in a placement: candidates from its sources, the exclusions and the
 * eligibility expression, the formula, the ranking, the diversity limit and the count. When
 * too few products remain and a source stopped at its limit, the turn asks again with a larger
 * limit (up to {@link #MAX_POOL}). Not thread-safe: a request's own.
 */
final class StrategyTurn {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int MAX_POOL = 5_000;

    private final Stages stages;
    private final RequestScope scope;
    private final Definitions.Strategy strategy;
    private final FailureTally failures;

    StrategyTurn(Stages stages, RequestScope scope, Definitions.Strategy strategy) {
        this.stages = stages;
        this.scope = scope;
        this.strategy = strategy;
        this.failures = new FailureTally(stages.errors());
    }

    /**
     * Adds up to {@code want} of the strategy's products to {@code chosen} and {@code taken}.
     *
     * @param taken the products this placement already chose (left out), added to as products are chosen
     * @param capped the placement's showings per product within its cap's window, when it has a cap
     */
    void pick(Definitions.Placement placement, int want, Set<String> taken, Map<String, Integer> capped,
              List<Decision.Item> chosen, List<Decision.ExpressionError> errors, List<String> warnings) {
        List<CandidateFilter> exclusions = exclusions(placement, taken, capped);
        int pool = Math.max(50, want * 4 + 20);
        List<RankedCandidate> kept;
        List<String> sourceWarnings = new ArrayList<>();
        while (true) {
            Candidates candidates = Candidates.collect(strategy, stages.sources(), scope, pool, sourceWarnings,
                    stages.errors());
            kept = DiversityLimit.of(strategy.diversity()).first(rank(candidates, exclusions), want);
            if (kept.size() >= want || !candidates.truncated() || pool >= MAX_POOL) {
                break;
            }
            pool = Math.min(MAX_POOL, pool * 8);
            failures.newRound();
            sourceWarnings.clear();
        }
        warnings.addAll(sourceWarnings);
        errors.addAll(failures.errors(strategy));
        for (RankedCandidate r : kept) {
            chosen.add(new Decision.Item(r.id(), r.value(), strategy.id(), r.product(),
                    scope.request.explain() ? stages.explainer().explain(strategy, r, scope) : null));
            taken.add(r.id());
        }
    }

    /** The strategy's exclusions, the placement's cap and what the request already chose, read once per turn. */
    private List<CandidateFilter> exclusions(Definitions.Placement placement, Set<String> taken,
                                             Map<String, Integer> capped) {
        List<CandidateFilter> filters = new ArrayList<>();
        filters.add(new AlreadyChosenFilter(scope.used, taken));
        Definitions.Exclusions ex = strategy.exclude();
        if (ex.contextProduct() && scope.contextProduct != null) {
            filters.add(new ContextProductFilter(scope.contextProduct));
        }
        if (scope.person != null) {
            ProfileSnapshot profile = scope.profile();
            if (ex.purchased()) {
                filters.add(new PurchasedFilter(scope.person.purchased()));
            }
            if (ex.inCart()) {
                filters.add(new InCartFilter(profile.cart()));
            }
            if (ex.viewedWithinDays() > 0) {
                filters.add(new ViewedWithinFilter(scope.person.viewedSince(scope.now
                        - ex.viewedWithinDays() * DAY_MILLIS)));
            }
        }
        if (ex.shownMoreThan() != null) {
            filters.add(new ShownMoreThanFilter(stages.shown().counts(scope.personKey, null,
                    ex.shownMoreThan().hours(), scope.now), ex.shownMoreThan().times()));
        }
        if (placement.cap() != null) {
            filters.add(new FrequencyCapFilter(capped, placement.cap().times()));
        }
        filters.add(UnavailableFilter.INSTANCE);
        return filters;
    }

    /** The candidates that pass the filters, with their formula values, ranked best first. */
    private List<RankedCandidate> rank(Candidates candidates, List<CandidateFilter> exclusions) {
        Expressions.Compiled eligibility = scope.compiled.eligibility().get(strategy.id());
        Expressions.Compiled formulaRule = scope.compiled.formulas().get(strategy.id());
        boolean needsProfile = eligibility != null && eligibility.readsProfile()
                || formulaRule != null && formulaRule.readsProfile();
        Expressions environment = scope.compiled.expressions();
        Expressions.Variables variables = environment.variables(needsProfile ? scope.profileFields() : Map.of(),
                scope.contextFields, scope.expressionBudget);
        List<CandidateFilter> filters = new ArrayList<>(exclusions);
        if (eligibility != null) {
            filters.add(new EligibilityFilter(environment, eligibility, variables, failures));
        }
        CandidateFilter filter = CandidateFilter.all(filters);
        Formula formula = formulaRule == null ? null : new Formula(environment, formulaRule, variables, failures);
        List<RankedCandidate> passed = new ArrayList<>(candidates.best().size());
        for (Map.Entry<String, Double> entry : candidates.best().entrySet()) {
            String id = entry.getKey();
            double score = entry.getValue();
            Product product = candidates.product(id);
            if (product == null) {
                product = scope.live.get(id);
            }
            if (!filter.keeps(id, product, score)) {
                continue;
            }
            Double formulaValue = null;
            if (formula != null) {
                formulaValue = formula.value(id, product, score);
                if (formulaValue == null) {
                    continue;
                }
            }
            passed.add(RankedCandidate.of(id, product, score, formulaValue, candidates.sources(id)));
        }
        return Ranker.of(strategy.ranking()).rank(passed);
    }
}
