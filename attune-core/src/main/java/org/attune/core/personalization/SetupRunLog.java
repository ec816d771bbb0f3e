package org.attune.core.personalization;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The run history of each catalog's setup, kept in the {@link PersonalizationStore}: a run
 * opens when a training of the setup's model starts and closes with its outcome, so the
 * history shows every version and every failure. Thread-safe as the store is.
 */
final class SetupRunLog {
    private final PersonalizationStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SetupRunLog(PersonalizationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Opens a run of the setup's model, started by {@code trigger} (setup, daily, retry, on_demand, model_api). */
    SetupRun open(PersonalizationSetup setup, String trigger) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        SetupRun run = new SetupRun("run_" + HexFormat.of().formatHex(id), setup.catalog(), setup.modelId(), trigger,
                now(), null, SetupRun.RUNNING, null, null);
        store.putRun(run);
        return run;
    }

    /** Whether a run of the model is open in the setup's history. */
    boolean isOpen(PersonalizationSetup setup, String modelId) {
        return store.runs(setup.catalog()).stream()
                .anyMatch(run -> run.modelId().equals(modelId) && run.outcome().equals(SetupRun.RUNNING));
    }

    /** Ends the model's open runs with {@code end}. */
    void close(String modelId, Function<SetupRun, SetupRun> end) {
        store.list().stream().filter(s -> s.modelId().equals(modelId)).findFirst().ifPresent(setup ->
                store.runs(setup.catalog()).stream()
                        .filter(run -> run.modelId().equals(modelId) && run.outcome().equals(SetupRun.RUNNING))
                        .forEach(run -> store.putRun(end.apply(run))));
    }

    /** Marks the catalog's open runs failed with {@code reason}; whether there were any. */
    boolean failOpen(String catalog, String reason) {
        boolean any = false;
        for (SetupRun run : store.runs(catalog)) {
            if (run.outcome().equals(SetupRun.RUNNING)) {
                store.putRun(run.failed(reason, now()));
                any = true;
            }
        }
        return any;
    }

    /** Records a run that failed as it began (a daily run refused because the model was stopped). */
    void failed(SetupRun run, String reason) {
        store.putRun(run.failed(reason, now()));
    }

    /** Microseconds, the precision stores keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
