package org.attune.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;

/** Handlers for profiles. */
final class ProfilesApi {
    private final LiveProfiles profiles;
    private final Clock clock;

    ProfilesApi(LiveProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        LiveProfiles.View view = profiles.find(id, clock.instant()).orElseThrow(() -> new ApiProblem(404,
                "profile_not_found", "No person is known by the anonymous id or user id '" + id + "'"));
        ProfileSnapshot profile = view.profile();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("personId", view.person().id());
        json.put("userId", view.person().userId());
        json.put("anonymousIds", view.person().anonymousIds());
        json.put("identityLinks", view.person().links());
        json.put("firstSeen", profile.firstSeen());
        json.put("lastSeen", profile.lastSeen());
        json.put("counts", profile.counts());
        json.put("affinities", profile.affinities());
        json.put("rfm", profile.rfm());
        json.put("recentlyViewed", profile.recentlyViewed());
        json.put("recentlyPurchased", profile.recentlyPurchased());
        json.put("cart", profile.cart());
        json.put("recentEvents", profile.recentEvents().stream().map(EventsApi::toJson).toList());
        ApiJson.write(ctx, 200, json);
    }
}
