package org.attune.core.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLog;
import org.attune.core.ingest.StorageUnavailableException;

/**
 * Carries out privacy requests: forgetting a person entirely. A {@link Tombstone} naming
 * every id of the person is made durable in the event log; from there the live profiles
 * drop the person, the queryable event store deletes their events, and every replay after
 * a restart does the same at the same point of the log. {@link #forget} returns once the
 * live profile and the queryable store have both done so (or the wait ran out). Thread-safe.
 */
public final class ProfileEraser {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EventLog log;
    private final LiveProfiles profiles;
    private final LongSupplier storeLoadedThrough;
    private final Clock clock;

    /**
     * What was forgotten.
     *
     * @param personId the internal id the person had
     * @param ids every id of the person (user id first)
     * @param tombstoneSeq where the tombstone is in the event log
     * @param storeDeleted whether the queryable event store had deleted the events when the call returned
     *     (if not, it does so when its load reaches the tombstone)
     */
    public record Erased(long personId, List<String> ids, long tombstoneSeq, boolean storeDeleted) {
    }

    /**
     * @param storeLoadedThrough how far the queryable event store has loaded the log
     */
    public ProfileEraser(EventLog log, LiveProfiles profiles, LongSupplier storeLoadedThrough, Clock clock) {
        this.log = log;
        this.profiles = profiles;
        this.storeLoadedThrough = storeLoadedThrough;
        this.clock = clock;
    }

    /**
     * Forgets the person known by {@code id} (a user id or an anonymous id) and all of their ids.
     *
     * @return empty when no person has this id
     * @throws StorageUnavailableException when the tombstone could not be made durable
     */
    public Optional<Erased> forget(String id) {
        Optional<Long> personId = profiles.personId(id);
        List<String> ids = profiles.idsOf(id);
        if (personId.isEmpty() || ids.isEmpty()) {
            return Optional.empty();
        }
        long seq;
        try {
            seq = log.append(List.of(Tombstone.of(ids, clock.millis()))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while writing the deletion", e);
        } catch (ExecutionException e) {
            throw new StorageUnavailableException("the event log could not store the deletion", e.getCause());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean profileGone = awaitReached(profiles::appliedThrough, seq, deadline);
        boolean storeDeleted = profileGone && awaitReached(storeLoadedThrough, seq, deadline);
        return Optional.of(new Erased(personId.get(), ids, seq, storeDeleted));
    }

    private static boolean awaitReached(LongSupplier position, long seq, long deadline) {
        while (position.getAsLong() < seq) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
