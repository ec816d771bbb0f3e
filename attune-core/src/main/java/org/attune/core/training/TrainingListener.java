package org.attune.core.training;

import org.attune.core.model.ModelVersion;

/**
 * Told when a training starts and ends. Called on the training thread (at the end, after the
 * model's state is stored), so it must return quickly (hand longer work to a thread of its
 * own). A stopped training calls neither {@link #trained} nor {@link #failed}.
 */
public interface TrainingListener {

    /** A training of the model began on the training thread (whoever asked for it). */
    default void started(String modelId) {
    }

    /** A version was trained and, unless the model was stopped meanwhile, now serves. */
    void trained(String modelId, ModelVersion version);

    /** A training failed; a running model keeps serving its active version. */
    void failed(String modelId, String reason);
}
