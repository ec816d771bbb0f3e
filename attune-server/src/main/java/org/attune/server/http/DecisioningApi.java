package org.attune.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Rerank;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Expressions;
import org.attune.core.event.Event;
import org.attune.core.event.EventValidator;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/** Handlers for decisioning definitions, decisions, re-ranking and their previews. */
final class DecisioningApi {
    private final CatalogService catalogs;
    private final Map<String, CatalogRoles> roles = new java.util.concurrent.ConcurrentHashMap<>();
    private final DecisioningDefinitions definitions;
    private final DecisionEngine engine;
    private final EventValidator validator;
    private final LiveProfiles profiles;
    private final Clock clock;

    DecisioningApi(DecisioningDefinitions definitions, DecisionEngine engine, EventValidator validator,
                   LiveProfiles profiles, CatalogService catalogs, Clock clock) {
        this.catalogs = catalogs;
        this.definitions = definitions;
        this.engine = engine;
        this.validator = validator;
        this.profiles = profiles;
        this.clock = clock;
    }

    void list(Definitions.Kind kind, Context ctx) {
        ApiJson.write(ctx, 200, Map.of(kind.plural(), definitions.list(kind, ctx.pathParam("catalog"))));
    }

    void get(Definitions.Kind kind, Context ctx) {
        ApiJson.write(ctx, 200, definitions.get(kind, ctx.pathParam("catalog"), ctx.pathParam("id")));
    }

    void put(Definitions.Kind kind, Context ctx) {
        ApiJson.write(ctx, 200, definitions.put(kind, ctx.pathParam("catalog"), ctx.pathParam("id"),
                RequestBodies.readJson(ctx)));
    }

    void delete(Definitions.Kind kind, Context ctx) {
        definitions.delete(kind, ctx.pathParam("catalog"), ctx.pathParam("id"));
        ctx.status(204);
    }

    /** Checks an expression as the studio's editor types it. */
    void checkExpression(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx);
        String useName = body.path("use").asText("eligibility");
        Expressions.Use use = java.util.Arrays.stream(Expressions.Use.values())
                .filter(u -> u.name().equalsIgnoreCase(useName)).findFirst()
                .orElseThrow(() -> new InvalidInputException("invalid_use", "use must be eligibility, formula or"
                        + " collection, got '" + useName + "'"));
        if (!body.path("expression").isTextual()) {
            throw new InvalidInputException("missing_expression", "expression is required (a string)");
        }
        Expressions.Result result = definitions.expressions(ctx.pathParam("catalog"))
                .compile(body.get("expression").asText(), use);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Expressions.Error error : result.errors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("message", error.message());
            entry.put("line", error.line());
            entry.put("column", error.column());
            errors.add(entry);
        }
        ApiJson.write(ctx, 200, Map.of("valid", result.compiled() != null, "errors", errors));
    }

    void decide(Context ctx) {
        Decision.Answer answer = decision(RequestBodies.readJson(ctx), false, ctx);
        Map<String, String> roles = roles(answer.catalog());
        ApiJson.stream(ctx, 200, json -> writeDecision(json, answer, roles));
    }

    void previewDecision(Context ctx) {
        Decision.Answer answer = decision(RequestBodies.readJson(ctx), true, ctx);
        Map<String, String> roles = roles(answer.catalog());
        ApiJson.stream(ctx, 200, json -> writeDecision(json, answer, roles));
    }

    void rerank(Context ctx) {
        Rerank.Answer answer = reranked(RequestBodies.readJson(ctx), false, ctx);
        ApiJson.stream(ctx, 200, json -> writeRerank(json, answer, false));
    }

    void previewRerank(Context ctx) {
        Rerank.Answer answer = reranked(RequestBodies.readJson(ctx), true, ctx);
        ApiJson.stream(ctx, 200, json -> writeRerank(json, answer, true));
    }

    private Decision.Answer decision(JsonNode body, boolean preview, Context ctx) {
        List<Problem> problems = new ArrayList<>();
        String catalog = catalog(body, problems);
        BrowserKeys.checkCatalog(ctx, catalog);
        Decision.Person person = person(body, preview, catalog, problems);
        Map<String, String> context = context(body, problems);
        List<Decision.PlacementAsk> placements = new ArrayList<>();
        JsonNode list = body.get("placements");
        if (list == null || !list.isArray()) {
            problems.add(new Problem("placements", "missing_placements", "placements is a list of placement ids or"
                    + " objects {\"id\": …, \"items\": N}"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                if (entry.isTextual()) {
                    BrowserKeys.checkPlacement(ctx, entry.asText());
                    placements.add(new Decision.PlacementAsk(entry.asText(), null));
                } else if (entry.isObject() && entry.path("id").isTextual()) {
                    JsonNode items = entry.get("items");
                    if (items != null && !items.isIntegralNumber()) {
                        problems.add(new Problem("placements[" + i + "].items", "invalid_count", "items must be a"
                                + " whole number"));
                    }
                    BrowserKeys.checkPlacement(ctx, entry.get("id").asText());
                    placements.add(new Decision.PlacementAsk(entry.get("id").asText(),
                            items == null || !items.isIntegralNumber() ? null : items.asInt()));
                } else {
                    problems.add(new Problem("placements[" + i + "]", "invalid_placement", "a placement id or an"
                            + " object with an id"));
                }
            }
        }
        JsonNode explain = body.get("explain");
        if (explain != null && !explain.isBoolean()) {
            problems.add(new Problem("explain", "wrong_type", "explain must be true or false"));
        }
        refuse("invalid_decision_request", "The decision request", problems);
        return engine.decide(new Decision.Request(catalog, person, context, placements,
                explain != null && explain.asBoolean(), preview));
    }

    /**
     * Which attribute plays each role in the catalog (title, image, url, price, ...), for clients
     * that render items; worked out once per version of the catalog's definition.
     */
    private Map<String, String> roles(String catalogId) {
        Catalog catalog = catalogs.catalog(catalogId);
        CatalogRoles known = roles.get(catalogId);
        if (known != null && known.catalog() == catalog) {
            return known.roles();
        }
        Map<String, String> byRole = new LinkedHashMap<>();
        catalog.schema().attributes().stream().filter(a -> a.role() != null)
                .forEach(a -> byRole.put(a.role().jsonName(), a.name()));
        Map<String, String> fixed = java.util.Collections.unmodifiableMap(byRole);
        roles.put(catalogId, new CatalogRoles(catalog, fixed));
        return fixed;
    }

    private record CatalogRoles(Catalog catalog, Map<String, String> roles) {
    }

    private static void writeDecision(JsonGenerator json, Decision.Answer answer, Map<String, String> roles)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("decisionId", answer.decisionId());
        json.writeStringField("catalog", answer.catalog());
        json.writeObjectField("roles", roles);
        json.writeObjectField("personId", answer.personId());
        json.writeBooleanField("preview", answer.preview());
        json.writeArrayFieldStart("placements");
        for (Decision.PlacementAnswer placement : answer.placements()) {
            json.writeStartObject();
            json.writeStringField("placement", placement.placement());
            json.writeStringField("recId", placement.recId());
            json.writeStringField("strategy", placement.strategy());
            json.writeStringField("source", placement.source());
            json.writeStringField("fallback", placement.fallback());
            json.writeStringField("fallbackReason", placement.fallbackReason());
            json.writeArrayFieldStart("items");
            for (Decision.Item item : placement.items()) {
                json.writeStartObject();
                json.writeStringField("id", item.id());
                json.writeNumberField("score", item.score());
                json.writeStringField("strategy", item.strategy());
                json.writeFieldName("attributes");
                json.writeTree(item.product().attributes());
                if (item.explanation() != null) {
                    Map<String, Object> why = new LinkedHashMap<>();
                    why.put("sources", item.explanation().sources());
                    why.put("formula", item.explanation().formula());
                    why.put("attributes", item.explanation().attributes());
                    why.put("products", item.explanation().products());
                    json.writeObjectField("explanation", why);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectField("errors", placement.errors());
            json.writeObjectField("warnings", placement.warnings());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private Rerank.Answer reranked(JsonNode body, boolean preview, Context ctx) {
        List<Problem> problems = new ArrayList<>();
        String catalog = catalog(body, problems);
        BrowserKeys.checkCatalog(ctx, catalog);
        Decision.Person person = person(body, preview, catalog, problems);
        String pageName = body.path("pageType").asText(null);
        Definitions.PageType pageType = Definitions.named(Definitions.PageType.values(), pageName).orElse(null);
        if (pageType == null) {
            problems.add(new Problem("pageType", "invalid_page_type", "pageType must be search or category, got "
                    + (pageName == null ? "nothing" : "'" + pageName + "'")));
        }
        List<String> ids = new ArrayList<>();
        JsonNode list = body.get("productIds");
        if (list == null || !list.isArray()) {
            problems.add(new Problem("productIds", "missing_product_ids", "productIds is a list of product ids in"
                    + " the page's order"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    problems.add(new Problem("productIds[" + i + "]", "wrong_type", "product ids are strings"));
                } else {
                    ids.add(list.get(i).asText());
                }
            }
        }
        refuse("invalid_rerank_request", "The re-rank request", problems);
        return engine.rerank(new Rerank.Request(catalog, person,
                pageType, body.path("query").asText(null), body.path("category").asText(null), ids, preview));
    }

    private static void writeRerank(JsonGenerator json, Rerank.Answer answer, boolean preview)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("recId", answer.recId());
        json.writeStringField("rule", answer.rule());
        json.writeStringField("model", answer.model());
        json.writeNumberField("strength", answer.strength());
        json.writeBooleanField("preview", preview);
        json.writeArrayFieldStart("items");
        for (Rerank.RankedItem item : answer.items()) {
            json.writeStartObject();
            json.writeStringField("id", item.id());
            json.writeNumberField("position", item.position());
            json.writeFieldName("modelScore");
            if (item.modelScore() == null) {
                json.writeNull();
            } else {
                json.writeNumber(item.modelScore());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectField("warnings", answer.warnings());
        json.writeEndObject();
    }

    private static String catalog(JsonNode body, List<Problem> problems) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("invalid_request", "The body must be a JSON object");
        }
        String catalog = body.path("catalog").asText(null);
        if (catalog == null || catalog.isEmpty()) {
            problems.add(new Problem("catalog", "missing_catalog", "catalog is required"));
        }
        return catalog;
    }

    /** The person as {@link LiveProfiles#requestId} names them, or a preview's events. */
    private Decision.Person person(JsonNode body, boolean preview, String catalog, List<Problem> problems) {
        JsonNode events = body.get("events");
        String userId = body.path("userId").asText(null);
        String anonymousId = body.path("anonymousId").asText(null);
        if (events != null && !events.isNull()) {
            if (!preview) {
                problems.add(new Problem("events", "events_only_in_preview", "a profile given as events is for the"
                        + " preview routes; send real events to POST /v1/events"));
                return null;
            }
            if (userId != null || anonymousId != null) {
                problems.add(new Problem("events", "person_and_events", "give either a person (userId or"
                        + " anonymousId) or events, not both"));
            }
            return new Decision.Person(null, previewEvents(events, catalog, problems));
        }
        return new Decision.Person(profiles.requestId(userId, anonymousId), null);
    }

    /**
     * A preview's events, checked as {@code POST /v1/events} checks them; each may leave out the
     * identity (it belongs to the synthetic person) and the catalog (the request's).
     */
    private List<Event> previewEvents(JsonNode events, String catalog, List<Problem> problems) {
        if (!events.isArray() || events.size() > Decision.MAX_PREVIEW_EVENTS) {
            problems.add(new Problem("events", "invalid_events", "events is a list of at most "
                    + Decision.MAX_PREVIEW_EVENTS + " events, oldest first"));
            return List.of();
        }
        List<Event> read = new ArrayList<>();
        long now = clock.millis();
        for (int i = 0; i < events.size(); i++) {
            JsonNode given = events.get(i);
            if (!given.isObject()) {
                problems.add(new Problem("events[" + i + "]", "not_an_object", "an event is a JSON object"));
                continue;
            }
            ObjectNode event = ((ObjectNode) given).deepCopy();
            if (!event.has("userId") && !event.has("anonymousId")) {
                event.put("anonymousId", "preview");
            }
            if (!event.has("catalog") && catalog != null) {
                event.put("catalog", catalog);
            }
            EventValidator.Outcome outcome = validator.validate(event, now);
            for (Problem problem : outcome.problems()) {
                problems.add(new Problem("events[" + i + "]." + problem.path(), problem.code(), problem.message()));
            }
            if (outcome.event() != null) {
                read.add(outcome.event());
            }
        }
        return read;
    }

    private static Map<String, String> context(JsonNode body, List<Problem> problems) {
        JsonNode context = body.get("context");
        Map<String, String> values = new HashMap<>();
        if (context == null || context.isNull()) {
            return values;
        }
        if (!context.isObject()) {
            problems.add(new Problem("context", "wrong_type", "context is an object"));
            return values;
        }
        context.fieldNames().forEachRemaining(field -> {
            JsonNode value = context.get(field);
            if (!Expressions.CONTEXT_FIELDS.contains(field)) {
                problems.add(new Problem("context." + field, "unknown_field", "context takes "
                        + Expressions.CONTEXT_FIELDS));
            } else if (!value.isTextual() && !value.isNull()) {
                problems.add(new Problem("context." + field, "wrong_type", "context." + field + " is a string"));
            } else if (value.isTextual() && value.asText().length() > 1_000) {
                problems.add(new Problem("context." + field, "too_long", "context values are at most 1,000"
                        + " characters"));
            } else if (value.isTextual()) {
                values.put(field, value.asText());
            }
        });
        return values;
    }

    private static void refuse(String code, String what, List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(code, what + " has " + problems.size() + " problem(s)", problems);
        }
    }
}
