package org.attune.core.decisioning.engine;

import org.attune.core.decisioning.CandidateSources;
import org.attune.core.decisioning.DisplayHistory;

/**
 * What every placement of every request shares: the source registry, what people were shown,
 * the explainer and the engine's error totals. Thread-safe.
 */
record Stages(CandidateSources sources, DisplayHistory shown, Explainer explainer, ExpressionErrorCounts errors) {
}
