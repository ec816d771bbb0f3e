package org.attune.core.model;

import java.util.List;
import java.util.Optional;

/** Model definitions and their lifecycle state. Implementations are thread-safe. */
public interface ModelStore {

    /** Stores the model, replacing the one with the same id if there is one. */
    void put(StoredModel model);

    Optional<StoredModel> find(String id);

    /** Every model, oldest first. */
    List<StoredModel> list();

    /** @return false when there was no such model */
    boolean delete(String id);
}
