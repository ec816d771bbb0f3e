/**
 * First recommendations, before configured models and placements: the three built-in
 * strategies of {@code GET /v1/recommendations?strategy=} (trending, recently viewed and top
 * affinity, {@link org.attune.core.recommend.BuiltInStrategy}), answered by
 * {@link org.attune.core.recommend.Recommender} from memory over time-decayed popularity
 * ({@link org.attune.core.popularity.Popularity}). Trending and recently viewed run
 * decisioning's candidate sources of the same names, so each has one implementation.
 */
package org.attune.core.recommend;
