package org.attune.server.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.event.Event;
import org.attune.core.event.EventValidator;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.json.Json;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * A placement's decision as the studio shows it, decided without recording anything (as
 * {@code POST /v1/decisions/preview} with {@code explain}): for an existing person by one of
 * their ids, a new visitor, or a profile typed as a few events, one per line
 * ({@code view boot-1}). The preview page and the decisioning editors both show it with the
 * {@code decision} template; the rule editor's preview ({@link RulePreview}) reads its person
 * and shows its products the same way ({@link #who}, {@link #tile}). Thread-safe.
 */
public final class PlacementPreview {
    /** Most typed events one preview takes. */
    static final int MAX_TYPED_EVENTS = 50;
    /** People offered to pick from, at most. */
    static final int RECENT_PEOPLE = 8;
    /** The newest events of the log read to find them. */
    static final int RECENT_EVENTS_READ = 2_000;

    private final CatalogService catalogs;
    private final DecisionEngine engine;
    private final EventValidator validator;
    private final EventLog log;
    private final Predicate<Event> forgotten;
    private final Clock clock;

    /** @param forgotten whether an event belongs to someone forgotten (never offered) */
    public PlacementPreview(CatalogService catalogs, DecisionEngine engine, EventValidator validator, EventLog log,
                            Predicate<Event> forgotten, Clock clock) {
        this.catalogs = catalogs;
        this.engine = engine;
        this.validator = validator;
        this.log = log;
        this.forgotten = forgotten;
        this.clock = clock;
    }

    /**
     * Ids of people active in the catalog lately, newest first: whoever the last
     * {@value #RECENT_EVENTS_READ} events of the log that name products name (a user id before
     * an anonymous id), at most {@value #RECENT_PEOPLE}, so that a preview can start from
     * someone real with a history to personalize from (a visitor whose only event is a search
     * would always be shown the fallback).
     */
    List<String> recentPeople(String catalog) {
        List<Event> newest = new ArrayList<>(RECENT_EVENTS_READ);
        try (EventLogCursor cursor = log.openCursor(Math.max(1, log.lastSeq() - RECENT_EVENTS_READ + 1))) {
            while (newest.size() < RECENT_EVENTS_READ && cursor.read(RECENT_EVENTS_READ - newest.size(),
                    newest::add) > 0) {
                // reads up to the end of the log as it was
            }
        }
        Set<String> people = new LinkedHashSet<>();
        for (int i = newest.size() - 1; i >= 0 && people.size() < RECENT_PEOPLE; i--) {
            Event event = newest.get(i);
            if (catalog.equals(event.catalog()) && !event.itemIds().isEmpty() && !forgotten.test(event)) {
                people.add(event.userId() != null ? event.userId() : event.anonymousId());
            }
        }
        return List.copyOf(people);
    }

    /**
     * Who a preview is for, as its form gives them.
     *
     * @param described how the preview names them: the id, "a new visitor" or "the typed events"
     */
    record Who(Decision.Person person, String described) {
    }

    /**
     * Typed events when there are some, else the person with this id, else a new visitor.
     *
     * @throws InvalidInputException when typed events cannot be read, with the problem per line
     */
    Who who(String catalog, String person, String typedEvents) {
        if (typedEvents != null && !typedEvents.isBlank()) {
            return new Who(new Decision.Person(null, events(catalog, typedEvents)), "the typed events");
        }
        String id = person == null || person.isBlank() ? null : person.trim();
        return new Who(new Decision.Person(id, null), id == null ? "a new visitor" : id);
    }

    /**
     * The decision for the {@code decision} template, for {@link #who} the form names.
     *
     * @throws InvalidInputException when typed events cannot be read, with the problem per line
     */
    Map<String, Object> decision(String catalog, String placement, String person, String typedEvents) {
        CatalogSchema schema = catalogs.catalog(catalog).schema();
        Who who = who(catalog, person, typedEvents);
        Decision.Answer answer = engine.decide(new Decision.Request(catalog, who.person(), Map.of(),
                List.of(new Decision.PlacementAsk(placement, null)), true, true));
        Decision.PlacementAnswer placed = answer.placements().get(0);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("for", who.described());
        decision.put("source", placed.source());
        decision.put("strategy", placed.strategy());
        decision.put("fallback", placed.fallback() == null ? "" : placed.fallback());
        decision.put("fallbackReason", placed.fallbackReason() == null ? "" : placed.fallbackReason());
        decision.put("warnings", placed.warnings());
        decision.put("errors", placed.errors().stream().map(e -> e.strategy() + " " + e.part() + ": " + e.message()
                + " (" + e.products() + " products left out)").toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Decision.Item item : placed.items()) {
            Map<String, Object> row = tile(schema, item.id(), item.product());
            row.put("score", String.format("%.3f", item.score()));
            row.put("strategy", item.strategy());
            if (item.explanation() != null) {
                row.put("because", explanation(item.explanation()));
            }
            items.add(row);
        }
        decision.put("items", items);
        return decision;
    }

    private static List<String> explanation(Decision.Explanation explanation) {
        List<String> because = new ArrayList<>();
        explanation.sources().forEach((source, score) -> because.add("source " + source + " "
                + String.format("%.2f", score)));
        if (explanation.formula() != null) {
            because.add("formula " + String.format("%.3f", explanation.formula()));
        }
        if (!explanation.attributes().isEmpty()) {
            because.add("matches " + String.join(", ", explanation.attributes()));
        }
        if (!explanation.products().isEmpty()) {
            because.add("from " + String.join(", ", explanation.products()));
        }
        return because;
    }

    /** Typed lines ("view boot-1") as events of the catalog, checked as POST /v1/events checks them. */
    private List<Event> events(String catalog, String typed) {
        List<Problem> problems = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        String[] lines = typed.strip().split("\\R");
        if (lines.length > MAX_TYPED_EVENTS) {
            throw new InvalidInputException("too_many_events", "A preview takes at most " + MAX_TYPED_EVENTS
                    + " events");
        }
        long now = clock.millis();
        for (int i = 0; i < lines.length; i++) {
            String[] words = lines[i].trim().split("\\s+");
            if (words.length != 2) {
                problems.add(new Problem("line " + (i + 1), "unreadable", "write an event as 'type product-id',"
                        + " e.g. 'view boot-1'"));
                continue;
            }
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", words[0]).put("anonymousId", "preview")
                    .put("catalog", catalog).put("timestamp", java.time.Instant.ofEpochMilli(now - 1000L
                            * (lines.length - i)).toString());
            event.putArray("itemIds").add(words[1]);
            EventValidator.Outcome outcome = validator.validate(event, now);
            for (Problem problem : outcome.problems()) {
                problems.add(new Problem("line " + (i + 1), problem.code(), problem.message()));
            }
            if (outcome.event() != null) {
                events.add(outcome.event());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_events", "Some typed events cannot be read", problems);
        }
        return events;
    }

    /**
     * A product as the studio lists it: its id, its title (the id when it has none) and its
     * picture when that is a web address; a mutable map, for the caller's own fields.
     *
     * @param product the product, or null when the catalog no longer holds it
     */
    static Map<String, Object> tile(CatalogSchema schema, String id, Product product) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("title", text(product, schema.withRole(AttributeRole.TITLE).map(AttributeDefinition::name)
                .orElse(null), id));
        String image = text(product, schema.withRole(AttributeRole.IMAGE).map(AttributeDefinition::name)
                .orElse(null), "");
        if (image.startsWith("http://") || image.startsWith("https://")) {
            row.put("image", image);
        }
        return row;
    }

    private static String text(Product product, String attribute, String otherwise) {
        if (product == null || attribute == null) {
            return otherwise;
        }
        JsonNode value = product.attributes().get(attribute);
        return value == null || value.isNull() ? otherwise : value.asText();
    }
}
