/**
 * First recommendations, before configured models and placements: time-decayed
 * popularity per catalog ({@link org.attune.core.popularity.Popularity}) and the three
 * strategies trending, recently viewed and top affinity
 * ({@link org.attune.core.recommend.Recommender}). Everything is answered from memory.
 */
package org.attune.core.recommend;
