package org.attune.core.personalization;

import java.util.List;
import java.util.Optional;

/** Personalization setups (one per catalog) and their runs. Implementations are thread-safe. */
public interface PersonalizationStore {

    /** Stores the catalog's setup, replacing the one it had. */
    void put(PersonalizationSetup setup);

    Optional<PersonalizationSetup> find(String catalog);

    /** Every setup, by catalog id. */
    List<PersonalizationSetup> list();

    /** Stores a run, replacing the one with the same id. */
    void putRun(SetupRun run);

    /** A catalog's runs, newest first (by start, then id). */
    List<SetupRun> runs(String catalog);
}
