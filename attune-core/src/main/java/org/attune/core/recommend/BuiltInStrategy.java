package org.attune.core.recommend;

import java.util.Arrays;
import java.util.Optional;

/**
 * The built-in strategies of {@code GET /v1/recommendations?strategy=}, by the names the API
 * uses: the first recommendations, before any strategy is configured for decisioning.
 * Trending and recently viewed run decisioning's own sources
 * ({@code decisioning.source.TrendingSource}, {@code RecentlyViewedSource}).
 */
public enum BuiltInStrategy {
    /** Time-decayed popularity in the catalog, optionally within one category; needs no person. */
    TRENDING("trending", false),
    /** The person's own recently viewed products, newest first. */
    RECENTLY_VIEWED("recently_viewed", true),
    /** Products matching the person's strongest attribute affinities, best sellers first. */
    TOP_AFFINITY("top_affinity", true);

    private final String jsonName;
    private final boolean needsPerson;

    BuiltInStrategy(String jsonName, boolean needsPerson) {
        this.jsonName = jsonName;
        this.needsPerson = needsPerson;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean needsPerson() {
        return needsPerson;
    }

    public static Optional<BuiltInStrategy> fromJsonName(String name) {
        return Arrays.stream(values()).filter(s -> s.jsonName.equals(name)).findFirst();
    }
}
