package org.attune.server.studio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * One person looked up by an anonymous id or a user id (as {@code GET /v1/profiles/{id}}):
 * their identities, recent events, computed attributes (counts, recency, frequency and spend,
 * recently viewed and purchased, cart) and affinities per attribute.
 */
public final class ProfilePage implements StudioPage {
    /** How many affinity values per attribute the page lists, best first. */
    static final int AFFINITIES_SHOWN = 10;

    private final LiveProfiles profiles;
    private final Clock clock;

    public ProfilePage(LiveProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(ApiRoute.get("/studio/profiles").access(Access.STUDIO).tag("Studio")
                .summary("Profile lookup: one person's identities, recent events, computed attributes, affinities")
                .queryParam("id", "string", "An anonymous id or a user id")
                .textResponse(200, "The page, with the person when one is known by the id", "text/html")
                .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("profile",
                        "Profile lookup", ctx.path(), session, model(ctx.queryParam("id")))))));
    }

    Map<String, Object> model(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        if (id == null || id.isBlank()) {
            return model;
        }
        String wanted = id.trim();
        model.put("id", wanted);
        Optional<LiveProfiles.View> found = wanted.length() > 512 ? Optional.empty()
                : profiles.find(wanted, clock.instant());
        if (found.isEmpty()) {
            model.put("unknown", true);
            return model;
        }
        LiveProfiles.View view = found.get();
        ProfileSnapshot profile = view.profile();
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("personId", view.person().id());
        person.put("userId", view.person().userId() == null ? "" : view.person().userId());
        person.put("anonymousIds", view.person().anonymousIds());
        person.put("firstSeen", String.valueOf(profile.firstSeen()));
        person.put("lastSeen", String.valueOf(profile.lastSeen()));
        List<Map<String, Object>> counts = new ArrayList<>();
        profile.counts().forEach((type, count) -> counts.add(Map.of("type", type, "count", count)));
        person.put("counts", counts);
        ProfileSnapshot.Rfm rfm = profile.rfm();
        person.put("daysSinceLastPurchase", rfm.daysSinceLastPurchase() == null ? "never bought"
                : String.format("%.1f days", rfm.daysSinceLastPurchase()));
        person.put("purchases30d", rfm.purchases30d());
        person.put("purchases90d", rfm.purchases90d());
        person.put("spend", String.format("%,.2f", rfm.spend()));
        person.put("recentlyViewed", profile.recentlyViewed());
        person.put("recentlyPurchased", profile.recentlyPurchased());
        person.put("cart", profile.cart());
        List<Map<String, Object>> affinities = new ArrayList<>();
        profile.affinities().forEach((attribute, values) -> affinities.add(Map.of("attribute", attribute,
                "values", values.stream().limit(AFFINITIES_SHOWN).map(a -> Map.of("value", a.value(),
                        "score", String.format("%.3f", a.score()))).toList())));
        person.put("affinities", affinities);
        List<Map<String, Object>> events = new ArrayList<>();
        for (ProfileSnapshot.RecentEvent event : profile.recentEvents()) {
            events.add(Map.of("timestamp", event.timestamp().toString(), "type", event.type(),
                    "catalog", event.catalog() == null ? "" : event.catalog(),
                    "items", String.join(", ", event.itemIds())));
        }
        person.put("events", events);
        model.put("person", person);
        return model;
    }
}
