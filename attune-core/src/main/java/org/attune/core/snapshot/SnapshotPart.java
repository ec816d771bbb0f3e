package org.attune.core.snapshot;

import java.io.IOException;

/**
 * A piece of state that a snapshot holds. All parts of one snapshot describe the same
 * point of the event log: the snapshot is written while no event is being applied to them.
 */
public interface SnapshotPart {
    /** A short unique name, stored with the part. */
    String name();

    /**
     * The settings the state was built with (e.g. half-lives, limits), as text; a snapshot
     * whose parts were built with other settings is not restored and the log is replayed.
     */
    String configuration();

    /** Writes the state. Called with no event being applied. */
    void save(SnapshotOutput out) throws IOException;

    /** Reads the state into this part, which must be freshly made (nothing applied yet). */
    void restore(SnapshotInput in) throws IOException;
}
