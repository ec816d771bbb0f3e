package org.attune.server.http;

import java.util.List;

/** The routes of live profiles: reading one, and forgetting a person (privacy requests). */
final class ProfilesRoutes {
    private ProfilesRoutes() {
    }

    static List<ApiRoute> routes(ProfilesApi api) {
        return List.of(
                ApiRoute.get("/v1/profiles/{id}").access(Access.READ).tag("Profiles")
                        .summary("One person's live profile, by anonymous id or user id")
                        .description("Updated in memory as each event is acknowledged (well within a second)."
                                + " Anonymous ids and user ids seen together on an event (an identify event, a"
                                + " logged-in view) are one person, including what the anonymous ids did before;"
                                + " two different user ids are never merged, and such a refused link is listed in"
                                + " identityLinks with kind 'refused_two_user_ids' and the reason. 'counts': events"
                                + " per type. 'affinities': per attribute (those with roles brand, color, size,"
                                + " category and those marked affinity), its values with a weighted, time-decayed"
                                + " score (weights per event type: view 1, click 2, add_to_cart 5, purchase 8 unless"
                                + " the catalog sets eventWeights; half-life 14 days), strongest first, at most 32"
                                + " values per person (the weakest gives way). 'rfm': days since the last purchase,"
                                + " purchases in the last 30 and 90 days, spend (properties.revenue, else the sum of"
                                + " the products' prices). 'recentlyViewed' (view and click) and"
                                + " 'recentlyPurchased': at most 20 products, newest first. 'cart': added and"
                                + " neither purchased nor removed since, newest first (at most 100)."
                                + " 'recentEvents': the 50 latest events, newest first, as seq, type, timestamp,"
                                + " catalog and itemIds; the whole event is in the log under its seq.")
                        .pathParam("id", "An anonymous id or a user id")
                        .response(200, "The profile", null, "{\"personId\":3,\"userId\":\"u-7\","
                                + "\"anonymousIds\":[\"a-1\"],\"identityLinks\":[{\"kind\":\"merged\",\"kept\":3,"
                                + "\"absorbed\":4,\"anonymousId\":\"a-1\",\"userId\":\"u-7\",\"eventSeq\":12,"
                                + "\"at\":\"2026-11-20T10:15:00Z\"}],\"firstSeen\":\"2026-11-20T10:01:00Z\","
                                + "\"lastSeen\":\"2026-11-20T10:15:00Z\",\"counts\":{\"view\":2,\"identify\":1},"
                                + "\"affinities\":{\"brand\":[{\"value\":\"Nordpeak\",\"score\":1.93}]},"
                                + "\"rfm\":{\"daysSinceLastPurchase\":null,\"purchases30d\":0,"
                                + "\"purchases90d\":0,\"spend\":0.0},\"recentlyViewed\":[\"p-17\"],"
                                + "\"recentlyPurchased\":[],\"cart\":[],\"recentEvents\":[{\"seq\":12,"
                                + "\"type\":\"identify\",\"timestamp\":\"2026-11-20T10:15:00Z\",\"catalog\":null,"
                                + "\"itemIds\":[]}]}")
                        .response(404, "No person with this id (code profile_not_found)")
                        .handle(api::get),
                ApiRoute.delete("/v1/profiles/{id}").tag("Profiles")
                        .summary("Forget a person entirely (privacy request)")
                        .description("Forgets the person known by this anonymous id or user id, with all their"
                                + " other ids: their profile, identity links and computed state at once, their"
                                + " events in the queryable event store and in GET /v1/events, and then the event"
                                + " log's own copies (each event is replaced by a record keeping only its sequence"
                                + " number, eventId and times). The deletion is a durable record in the event log,"
                                + " so it holds across restarts and replays. Events sent later under one of the ids"
                                + " start a new person. Answers once the profile is gone and the event store has"
                                + " deleted the events ('eventStoreDeleted'; false only if that took over 30 s, and"
                                + " it then follows) and, within 10 s, the log is redacted ('eventLogRedacted')."
                                + " Redactions run at most every 30 s, so in a burst of deletions the later ones answer"
                                + " false and are redacted together in the background (resumed after a restart if"
                                + " need be).")
                        .pathParam("id", "An anonymous id or a user id")
                        .response(200, "Forgotten", null, "{\"forgotten\":true,\"personId\":3,"
                                + "\"ids\":[\"u-7\",\"a-1\"],\"tombstoneSeq\":5121,\"eventStoreDeleted\":true,"
                                + "\"eventLogRedacted\":true}")
                        .response(404, "No person with this id (code profile_not_found)")
                        .response(503, "The event log could not store the deletion; nothing was forgotten, retry")
                        .handle(api::delete));
    }
}
