package org.attune.core.training;

import org.attune.core.model.ModelVersion;

/**
 * Told when a training ends. Called on the training thread after the model's state is
 * stored, so it must return quickly (hand longer work to a thread of its own). A stopped
 * training calls neither method.
 */
public interface TrainingListener {

    /** A version was trained and, unless the model was stopped meanwhile, now serves. */
    void trained(String modelId, ModelVersion version);

    /** A training failed; a running model keeps serving its active version. */
    void failed(String modelId, String reason);
}
