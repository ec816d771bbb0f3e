package org.attune.server.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.Outcomes;

/**
 * The answers served, counted for Prometheus as {@code attune_answers_total} by kind, catalog,
 * placement (or rule) and source ({@code personalized}, {@code fallback}, {@code unchanged}),
 * then logged by {@link Outcomes}. One counter per combination, looked up by the dimensions'
 * key, so counting costs a map read per answer.
 */
final class CountedAnswers implements AnswerRecorder {
    private final Outcomes outcomes;
    private final MeterRegistry registry;
    private final Map<AnswerDimensions, Counter> counters = new ConcurrentHashMap<>();

    CountedAnswers(Outcomes outcomes, MeterRegistry registry) {
        this.outcomes = outcomes;
        this.registry = registry;
    }

    @Override
    public String issue(AnswerDimensions dimensions, long at) {
        return outcomes.issue(dimensions, at);
    }

    @Override
    public void served(org.attune.core.outcome.ServedAnswer answer) {
        counters.computeIfAbsent(answer.dimensions(), d -> Counter.builder("attune.answers")
                .description("Answers served (not previews), by endpoint kind, catalog, placement or rule, and"
                        + " whether the placement's own strategy or a fallback filled it")
                .tag("kind", d.kind()).tag("catalog", d.catalog()).tag("placement", d.placement())
                .tag("source", d.source()).register(registry)).increment();
        outcomes.served(answer);
    }
}
