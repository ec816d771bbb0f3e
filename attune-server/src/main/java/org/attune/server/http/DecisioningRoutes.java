package org.attune.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.Rerank;
import org.attune.core.decisioning.DefinitionReader;
import org.attune.core.decisioning.Definitions.Kind;

/** The decisioning routes, declared with their documentation (part of {@link ApiRoutes}). */
final class DecisioningRoutes {
    /** What the routes a page calls say of browser keys. */
    static final String BROWSER_KEYS = " A browser key (role 'browser') may call it from pages of its origins"
            + " (the Origin header), as ?key= or a bearer token, with a text/plain body (no CORS preflight), for its"
            + " catalogs";

    private static final String EXPRESSIONS = " Expressions are CEL (see docs/decisioning.md for the environment:"
            + " product.*, profile.*, context.*, score); type errors and unknown names are refused with their"
            + " line and column.";
    private static final Map<Kind, String> EXAMPLES = Map.of(
            Kind.COLLECTION, """
                    {"name": "Summer shoes", "filter": "product.category == 'Shoes' && 'summer' in product.tags",
                     "productIds": ["p-17"]}""",
            Kind.STRATEGY, """
                    {"name": "For you",
                     "sources": [{"type": "model", "model": "m_1a2b3c"}, {"type": "trending"}],
                     "eligibility": "product.price < 200.0",
                     "exclude": {"purchased": true, "inCart": true, "viewedWithinDays": 0, "contextProduct": true,
                                 "shownMoreThan": {"times": 5, "hours": 24}},
                     "ranking": {"by": "blend", "formula": "profile.affinity.brand[product.brand]",
                                 "formulaWeight": 0.3},
                     "diversity": {"attribute": "brand", "maxPerValue": 2},
                     "fallbacks": ["popular"]}""",
            Kind.PLACEMENT, """
                    {"name": "Home: recommended for you", "channel": "web", "items": 8, "strategy": "for-you",
                     "cap": {"impressions": 3, "hours": 24}}""",
            Kind.RULE, """
                    {"name": "Personal search", "pageType": "search", "scope": {"type": "queries",
                     "values": ["boot*", "*jacket*"]}, "model": "m_1a2b3c", "strength": 0.5, "enabled": true}""");
    private static final Map<Kind, String> MEANING = Map.of(
            Kind.COLLECTION, "A named set of products: those its filter (a CEL expression over product) keeps and"
                    + " those listed in productIds, best sellers first. Up to " + DefinitionReader.MAX_PRODUCT_IDS
                    + " listed ids.",
            Kind.STRATEGY, "How to choose products: sources (model, related, trending, recently_viewed,"
                    + " collection; up to " + DefinitionReader.MAX_SOURCES + "), eligibility, exclusions (purchased,"
                    + " inCart, viewedWithinDays, contextProduct, shownMoreThan; unavailable products are always"
                    + " left out), ranking (score, formula or blend), diversity (at most N per attribute value) and"
                    + " an ordered chain of up to " + DefinitionReader.MAX_FALLBACKS + " fallback strategies.",
            Kind.PLACEMENT, "Where recommendations appear: channel (web, mobile, email), items (1 to "
                    + DefinitionReader.MAX_ITEMS + "), strategy, and an optional frequency cap per person per"
                    + " product per placement (impressions within hours).",
            Kind.RULE, "Personalization of search or category pages: pageType, scope (all, categories, or"
                    + " queries with * wildcards), model, strength (0 keeps the given order, 1 orders by the model"
                    + " alone) and enabled. Without an enabled rule the order is unchanged.");

    private DecisioningRoutes() {
    }

    static List<ApiRoute> routes(DecisioningApi api) {
        List<ApiRoute> routes = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String list = "/v1/catalogs/{catalog}/" + kind.plural();
            String one = list + "/{id}";
            String name = kind.jsonName();
            routes.add(ApiRoute.get(list).access(Access.EDITOR).tag("Decisioning")
                    .summary("A catalog's " + kind.plural() + ", by id")
                    .description(MEANING.get(kind))
                    .pathParam("catalog", "Catalog id")
                    .response(200, "The " + kind.plural())
                    .response(404, "No such catalog")
                    .handle(ctx -> api.list(kind, ctx)));
            routes.add(ApiRoute.get(one).access(Access.EDITOR).tag("Decisioning")
                    .summary("One " + name)
                    .pathParam("catalog", "Catalog id").pathParam("id", "The " + name + "'s id")
                    .response(200, "The " + name + " with updatedAt")
                    .response(404, "No such catalog or " + name)
                    .handle(ctx -> api.get(kind, ctx)));
            routes.add(ApiRoute.put(one).access(Access.EDITOR).tag("Decisioning")
                    .summary("Create or replace a " + name)
                    .description(MEANING.get(kind) + " Everything is checked at save time (fields, ranges, what it"
                            + " names) and every problem is listed with its path." + EXPRESSIONS
                            + " Ids are 1 to 128 letters, digits, '.', '_' or '-'.")
                    .pathParam("catalog", "Catalog id").pathParam("id", "The " + name + "'s id")
                    .body(null, "application/json", EXAMPLES.get(kind))
                    .response(200, "Saved")
                    .response(400, "Invalid, with every problem (invalid_" + name + ")")
                    .response(404, "No such catalog")
                    .handle(ctx -> api.put(kind, ctx)));
            routes.add(ApiRoute.delete(one).access(Access.EDITOR).tag("Decisioning")
                    .summary("Delete a " + name)
                    .description("Refused while something uses it (a placement or fallback uses a strategy, a"
                            + " strategy uses a collection): 409 in_use listing them.")
                    .pathParam("catalog", "Catalog id").pathParam("id", "The " + name + "'s id")
                    .response(204, "Deleted")
                    .response(404, "No such catalog or " + name)
                    .response(409, "In use (in_use)")
                    .handle(ctx -> api.delete(kind, ctx)));
        }
        routes.add(ApiRoute.post("/v1/catalogs/{catalog}/expressions/check").access(Access.EDITOR)
                .tag("Decisioning")
                .summary("Check a CEL expression without saving it")
                .description("For editors that check as the user types: 'use' is eligibility (gives a bool;"
                        + " product, profile, context, score), formula (gives a number; the same names) or"
                        + " collection (gives a bool; product only). Answers valid and each error with its line and"
                        + " column (1-based).")
                .pathParam("catalog", "Catalog id")
                .body(null, "application/json", "{\"use\": \"eligibility\", \"expression\": \"product.price < 50.0\"}")
                .response(200, "valid, errors", null, "{\"valid\": false, \"errors\": [{\"message\": \"undefined"
                        + " field 'prise'\", \"line\": 1, \"column\": 8}]}")
                .response(404, "No such catalog")
                .handle(api::checkExpression));
        String decisionDescription = "Decides each placement (1 to " + Decision.MAX_PLACEMENTS + ", in order;"
                + " a product appears in the first placement that takes it) for the person (userId and/or"
                + " anonymousId; a visitor nobody knows gets the strategies' fallbacks) and the page's context"
                + " (product, category, query, referrer, device, page, channel, placement). Each placement answers"
                + " its items (id, score, the product's attributes, the strategy that chose it), a recId for later"
                + " events, source 'personalized' when its own strategy gave every item or 'fallback' with the"
                + " first fallback used and fallbackReason, expression errors (each left its products out; counted"
                + " in /metrics as attune_decisioning_expression_errors_total) and warnings (sources that could not"
                + " answer). 'explain': true adds per item the sources with their scores, the formula value, the"
                + " person's matching attribute affinities and the products that led to it.";
        String decisionExample = """
                {"catalog": "shop", "anonymousId": "a-42", "userId": "u-7",
                 "context": {"product": "p-17", "category": "Shoes", "device": "mobile"},
                 "placements": ["home.recommended_for_you", {"id": "pdp.also_bought", "items": 4}],
                 "explain": false}""";
        routes.add(ApiRoute.post("/v1/decisions").access(Access.READ).browser().tag("Decisioning")
                .summary("Decide what a person sees in up to " + Decision.MAX_PLACEMENTS + " placements")
                .description(decisionDescription + " Each answer is written to the decision log with its recId;"
                        + " the products shown count for frequency caps and shownMoreThan, also after a restart."
                        + BROWSER_KEYS + " and placements.")
                .queryParam("key", "string", "A browser key, for pages that send no Authorization header")
                .body(null, "application/json", decisionExample)
                .response(200, "One answer per placement")
                .response(400, "Invalid request, with every problem")
                .response(403, "A browser key from another origin, or for another catalog or placement")
                .response(404, "No such catalog")
                .handle(api::decide));
        routes.add(ApiRoute.post("/v1/decisions/preview").access(Access.EDITOR).tag("Decisioning")
                .summary("Preview a decision without recording anything")
                .description(decisionDescription + " Nothing is recorded. Instead of a person, 'events' (up to "
                        + Decision.MAX_PREVIEW_EVENTS + ", oldest first, as POST /v1/events takes them; identity"
                        + " and catalog may be left out) builds a synthetic profile that exists only for this"
                        + " request.")
                .body(null, "application/json", """
                        {"catalog": "shop", "placements": ["home.recommended_for_you"], "explain": true,
                         "events": [{"type": "view", "itemId": "p-17"}, {"type": "add_to_cart", "itemId": "p-3"}]}""")
                .response(200, "One answer per placement, preview: true")
                .response(400, "Invalid request or events, with every problem")
                .response(404, "No such catalog")
                .handle(api::previewDecision));
        String rerankDescription = "Re-ranks a search or category page's products (1 to " + Rerank.MAX_PRODUCTS
                + ", no repeats) for the person by the enabled rule that matches the page (pageType with its"
                + " query or category; a scoped rule wins over an 'all' rule, then the lower id). Each product's"
                + " place is (1 − strength) × its given place + strength × its place by the rule model's score"
                + " (each as 1 − rank ÷ n); ties keep the given order, so strength 0 changes nothing. Without a"
                + " matching enabled rule the order is unchanged and rule is null. Every product given is"
                + " returned with its given position and the model's score (null when the model does not know"
                + " it).";
        routes.add(ApiRoute.post("/v1/rerank").access(Access.READ).browser().tag("Decisioning")
                .summary("Re-rank search or category results for a person")
                .description(rerankDescription + BROWSER_KEYS + ".")
                .queryParam("key", "string", "A browser key, for pages that send no Authorization header")
                .body(null, "application/json", """
                        {"catalog": "shop", "anonymousId": "a-42", "pageType": "search", "query": "boots",
                         "productIds": ["p-1", "p-2", "p-3"]}""")
                .response(200, "The products in their new order")
                .response(400, "Invalid request, with every problem")
                .response(403, "A browser key from another origin, or for another catalog")
                .response(404, "No such catalog")
                .handle(api::rerank));
        routes.add(ApiRoute.post("/v1/rerank/preview").access(Access.EDITOR).tag("Decisioning")
                .summary("Preview a re-rank, for a person or a synthetic profile given as events")
                .description(rerankDescription + " 'events' may replace the person, as for decision previews.")
                .body(null, "application/json", """
                        {"catalog": "shop", "pageType": "category", "category": "Shoes",
                         "productIds": ["p-1", "p-2", "p-3"], "events": [{"type": "view", "itemId": "p-3"}]}""")
                .response(200, "The products in their new order, preview: true")
                .response(400, "Invalid request or events")
                .response(404, "No such catalog")
                .handle(api::previewRerank));
        return routes;
    }
}
