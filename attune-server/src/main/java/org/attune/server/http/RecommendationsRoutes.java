package org.attune.server.http;

import java.util.List;

/** The route of the first recommendations: a running model, or one of the first strategies. */
final class RecommendationsRoutes {
    private RecommendationsRoutes() {
    }

    static List<ApiRoute> routes(RecommendationsApi api) {
        return List.of(
                ApiRoute.get("/v1/recommendations").access(Access.READ).tag("Recommendations")
                        .summary("Recommend products with a trained model or one of the first strategies")
                        .description("With 'model': the model's active version answers (the model must be"
                                + " running). The person is read from their live profile: each recent event of the"
                                + " model's catalog counts with the summed weight of the model's signals for its"
                                + " type (affinity: decayed with its half-life) towards the products the event named"
                                + " (itemId/itemIds), so an event acknowledged a moment ago counts. 'itemId' asks"
                                + " for products related to that product (customers who viewed this also viewed"
                                + " ...); the product itself is never returned. With both, related products the"
                                + " person has not interacted with. An unknown person, or none, gets what the"
                                + " model gives without personal input (trending and affinity's popularity prior;"
                                + " nothing from collaborative or co_occurrence), so callers can fall back."
                                + " Products scored 0 or less are left out. The answer says which version"
                                + " answered.\n\nWith 'strategy' (and 'catalog'): 'trending' (time-decayed"
                                + " popularity in the catalog: every event"
                                + " weighted by its type as for affinities, half-life 3 days; optionally within one"
                                + " category value, matched exactly against the attribute with role category;"
                                + " needs no person), 'recently_viewed' (the person's own recently viewed products,"
                                + " newest first) and 'top_affinity' (products matching the person's strongest"
                                + " attribute values, scored by the summed affinity of the values they match, best"
                                + " sellers first among equals, filled up with best sellers marked"
                                + " reason 'best_seller' when too few match).\n\nEither way unavailable products and"
                                + " products no longer in the catalog are never returned; each answer has a 'recId':"
                                + " send it back as context.recId on the"
                                + " events that follow from it (clicks, add-to-cart, purchases). Each item carries"
                                + " the product's attributes for rendering. When both userId and anonymousId are"
                                + " given, the user id is used if it is known, else the anonymous id.")
                        .queryParam("model", "string", "A running model's id (mdl_...); replaces catalog and"
                                + " strategy")
                        .queryParam("catalog", "string", "Catalog id (required with strategy)")
                        .queryParam("strategy", "string", "trending | recently_viewed | top_affinity (required"
                                + " without model)")
                        .queryParam("userId", "string", "The person's user id (required for recently_viewed and"
                                + " top_affinity unless anonymousId is given)")
                        .queryParam("anonymousId", "string", "The person's anonymous id")
                        .queryParam("itemId", "string", "model only: recommend products related to this product")
                        .queryParam("excludeInteracted", "boolean", "model only: leave out the products the person"
                                + " interacted with (default true)")
                        .queryParam("category", "string", "Restrict to this value of the catalog's category"
                                + " attribute (trending strategy, or any model)")
                        .queryParam("count", "integer", "How many products, 1 to 100 (default "
                                + RecommendationsApi.DEFAULT_COUNT + ")")
                        .response(200, "The recommendations, best first", null, "{\"recId\":"
                                + "\"4f7c2a9e-2b1d-4c55-9a53-0c7e0f1d2b3a\",\"model\":\"mdl_2f9c0a1b3d4e5f60\","
                                + "\"version\":3,\"kind\":\"affinity\",\"catalog\":\"shop\",\"personId\":3,"
                                + "\"items\":[{\"id\":\"p-17\",\"score\":0.42,\"matched\":[\"brand:Nordpeak\"],"
                                + "\"attributes\":{\"title\":\"Trail runner\",\"brand\":\"Nordpeak\",\"price\":80}}]}")
                        .response(400, "Missing or invalid parameters (each listed in details)", "Error", null)
                        .response(404, "Unknown catalog (catalog_not_found), model (model_not_found) or, for a"
                                + " strategy, person (profile_not_found)")
                        .response(409, "The model is not serving: a draft, failed, or still provisioning"
                                + " (model_not_serving)")
                        .handle(api::get));
    }
}
