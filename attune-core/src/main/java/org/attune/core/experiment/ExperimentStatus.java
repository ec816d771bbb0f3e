package org.attune.core.experiment;

import java.util.Locale;
import java.util.Set;

/** Where an experiment is in its life: draft → running → stopped → concluded. */
public enum ExperimentStatus {
    /** Being written; changes freely; nobody is assigned. */
    DRAFT,
    /** People are assigned and shown their variant. */
    RUNNING,
    /** Nobody is assigned any more; the results stay. */
    STOPPED,
    /** A winner was chosen (and may have been applied); final. */
    CONCLUDED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may move to: draft and stopped start (again), running stops, stopped concludes. */
    public Set<ExperimentStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(RUNNING);
            case RUNNING -> Set.of(STOPPED);
            case STOPPED -> Set.of(RUNNING, CONCLUDED);
            case CONCLUDED -> Set.of();
        };
    }

    public boolean canMoveTo(ExperimentStatus status) {
        return next().contains(status);
    }
}
