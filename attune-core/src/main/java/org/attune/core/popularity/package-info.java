/**
 * Time-decayed popularity per catalog, kept live from durable events: the trending order and
 * the best sellers ({@link org.attune.core.popularity.Popularity}), with the settings of the
 * first strategies that read them ({@link org.attune.core.popularity.RecommendationSettings}).
 * Decisioning's trending and collection sources and the built-in strategies of
 * {@code GET /v1/recommendations} share it.
 */
package org.attune.core.popularity;
