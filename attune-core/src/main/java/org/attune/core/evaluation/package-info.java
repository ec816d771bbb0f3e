/**
 * Offline evaluation with standard protocols: splits of interaction data into what a model
 * trains on and what it must find ({@link org.attune.core.evaluation.Split}), full-ranking
 * evaluation of a model over every product ({@link org.attune.core.evaluation.Evaluator}),
 * the session next-item protocol ({@link org.attune.core.evaluation.SessionSplit},
 * {@link org.attune.core.evaluation.SessionEvaluator}: each click of a test session predicted from
 * the clicks before it), ranking metrics as mergeable aggregates
 * ({@link org.attune.core.evaluation.RankingMetrics}),
 * and loaders for the public data sets used as benchmarks
 * ({@link org.attune.core.evaluation.PublicDatasets}). The protocols are documented in
 * {@code docs/evaluation.md}.
 */
package org.attune.core.evaluation;
