package org.attune.core.model;

import java.util.List;
import java.util.Optional;

/** Trained model versions (their description; artifacts are files). Thread-safe. */
public interface ModelVersionStore {

    /** Stores a new version; a version is never changed once stored. */
    void add(ModelVersion version);

    Optional<ModelVersion> find(String modelId, int version);

    /** The model's versions, newest first. */
    List<ModelVersion> list(String modelId);

    /** Removes every version of a model; returns how many there were. */
    int deleteAll(String modelId);
}
