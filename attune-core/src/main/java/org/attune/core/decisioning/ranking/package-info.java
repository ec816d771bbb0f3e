/**
 * Ranking a strategy's candidates: the formula's value per candidate
 * ({@link org.attune.core.decisioning.ranking.Formula}), the ways of ordering them
 * ({@link org.attune.core.decisioning.ranking.Ranker}: by score, by formula, or a blend of the
 * two) and the diversity limit applied to the ranked list
 * ({@link org.attune.core.decisioning.ranking.DiversityLimit}).
 */
package org.attune.core.decisioning.ranking;
