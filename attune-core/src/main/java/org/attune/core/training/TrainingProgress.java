package org.attune.core.training;

import java.time.Instant;

/**
 * Where a training is.
 *
 * @param phase {@code queued}, {@code reading_events}, {@code evaluating}, {@code training} or {@code saving}
 * @param percent overall progress, 0 to 100
 * @param startedAt when it was asked for
 */
public record TrainingProgress(String phase, int percent, Instant startedAt) {
}
