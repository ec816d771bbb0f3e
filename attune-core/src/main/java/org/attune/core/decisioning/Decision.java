package org.attune.core.decisioning;

import java.util.List;
import java.util.Map;
import org.attune.core.catalog.Product;
import org.attune.core.event.Event;

/**
 * What a decision is asked and answers: which products a person sees in each placement of a
 * request, and why. Immutable records; {@code DecisionEngine} (in {@code decisioning.engine})
 * answers them.
 */
public final class Decision {
    /** Most placements one request may ask. */
    public static final int MAX_PLACEMENTS = 30;
    /** Most events a preview may give for a profile that does not exist. */
    public static final int MAX_PREVIEW_EVENTS = 500;

    private Decision() {
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
}
