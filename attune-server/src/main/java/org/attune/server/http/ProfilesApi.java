package org.attune.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.attune.core.profile.IdentityLink;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileEraser;
import org.attune.core.profile.ProfileSnapshot;

/** Handlers for profiles. */
final class ProfilesApi {
    private final LiveProfiles profiles;
    private final ProfileEraser eraser;
    private final Clock clock;

    ProfilesApi(LiveProfiles profiles, ProfileEraser eraser, Clock clock) {
        this.profiles = profiles;
        this.eraser = eraser;
        this.clock = clock;
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        LiveProfiles.View view = profiles.find(id, clock.instant()).orElseThrow(() -> notFound(id));
        ProfileSnapshot profile = view.profile();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("personId", view.person().id());
        json.put("userId", view.person().userId());
        json.put("anonymousIds", view.person().anonymousIds());
        json.put("identityLinks", view.person().links().stream().map(ProfilesApi::toJson).toList());
        json.put("firstSeen", profile.firstSeen());
        json.put("lastSeen", profile.lastSeen());
        json.put("counts", profile.counts());
        json.put("affinities", profile.affinities());
        json.put("rfm", profile.rfm());
        json.put("recentlyViewed", profile.recentlyViewed());
        json.put("recentlyPurchased", profile.recentlyPurchased());
        json.put("cart", profile.cart());
        json.put("recentEvents", profile.recentEvents());
        ApiJson.write(ctx, 200, json);
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        ProfileEraser.Erased erased = eraser.forget(id).orElseThrow(() -> notFound(id));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("forgotten", true);
        json.put("personId", erased.personId());
        json.put("ids", erased.ids());
        json.put("tombstoneSeq", erased.tombstoneSeq());
        json.put("eventStoreDeleted", erased.storeDeleted());
        json.put("eventLogRedacted", erased.logRedacted());
        ApiJson.write(ctx, 200, json);
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "profile_not_found", "No person is known by the anonymous id or user id '"
                + id + "'");
    }

    private static Map<String, Object> toJson(IdentityLink link) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", link.kind().name().toLowerCase(Locale.ROOT));
        json.put("kept", link.kept());
        json.put("absorbed", link.absorbed());
        json.put("anonymousId", link.anonymousId());
        json.put("userId", link.userId());
        json.put("eventSeq", link.eventSeq());
        json.put("at", link.at());
        if (link.kind() == IdentityLink.Kind.REFUSED_TWO_USER_IDS) {
            json.put("reason", "the anonymous id already belongs to person " + link.absorbed()
                    + " with another user id; two known user ids are never merged automatically");
        }
        return json;
    }
}
