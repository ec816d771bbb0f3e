/**
 * The {@code trending} kind ({@link org.attune.core.model.trending.TrendingKind}): every
 * product scores its recent lift over its own baseline, the same for everyone; its params
 * ({@link org.attune.core.model.trending.TrendingParams}), trained model and scorer
 * ({@link org.attune.core.model.trending.TrendingModel}) and artifact format.
 */
package org.attune.core.model.trending;
