package org.attune.core.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLog;
import org.attune.core.ingest.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out privacy requests: forgetting a person entirely. A {@link Tombstone} naming
 * every id of the person is made durable in the event log; from there the live profiles
 * drop the person, the queryable event store deletes their events, and every replay after
 * a restart does the same at the same point of the log. Then the log's own copies are
 * redacted: the segment being written is sealed and every closed segment holding one of
 * the person's events (or the tombstone, which names their ids) is rewritten with those
 * events replaced by their {@link Tombstone#redacted redacted form}. Redaction runs on a
 * background thread; tombstones found by the replay at start whose redaction had not
 * finished are redacted again by {@link #resume}. Thread-safe.
 */
public final class ProfileEraser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileEraser.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration REDACTION_WAIT = Duration.ofSeconds(10);

    private final EventLog log;
    private final LiveProfiles profiles;
    private final LongSupplier storeLoadedThrough;
    private final Clock clock;
    private final ExecutorService redactor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-log-redactor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /**
     * What was forgotten.
     *
     * @param personId the internal id the person had
     * @param ids every id of the person (user id first)
     * @param tombstoneSeq where the tombstone is in the event log
     * @param storeDeleted whether the queryable event store had deleted the events when the call returned
     *     (if not, it does so when its load reaches the tombstone)
     * @param logRedacted whether the log's own copies had been redacted when the call returned (if not,
     *     that goes on in the background, and after a restart if need be)
     */
    public record Erased(long personId, List<String> ids, long tombstoneSeq, boolean storeDeleted,
                         boolean logRedacted) {
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
        boolean logRedacted = false;
        if (storeDeleted) {
            Future<?> redaction = redactor.submit(this::redactPending);
            try {
                redaction.get(REDACTION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                logRedacted = true;
            } catch (TimeoutException e) {
                LOG.info("redacting the event log for a deletion goes on in the background");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.error("redacting the event log failed; it is tried again at the next start",
                        e.getCause());
            }
        }
        return Optional.of(new Erased(personId.get(), ids, seq, storeDeleted, logRedacted));
    }

    /** Redacts, in the background, what the tombstones found since start still leave in the log. */
    public void resume() {
        redactor.submit(this::redactPending);
    }

    /** On the redactor thread: redacts the events named by every tombstone applied and not yet redacted. */
    private void redactPending() {
        List<Event> tombstones = profiles.drainTombstones();
        if (tombstones.isEmpty()) {
            return;
        }
        long through = tombstones.stream().mapToLong(Event::seq).max().orElseThrow();
        // The store must have applied the tombstones first: once redacted they delete nothing.
        while (storeLoadedThrough.getAsLong() < through) {
            if (closed) {
                return;
            }
            sleep();
        }
        Map<String, Long> forgottenBefore = new HashMap<>();
        Set<Long> tombstoneSeqs = new HashSet<>();
        for (Event tombstone : tombstones) {
            tombstoneSeqs.add(tombstone.seq());
            for (String id : Tombstone.ids(tombstone)) {
                forgottenBefore.merge(id, tombstone.seq(), Math::max);
            }
        }
        try {
            log.seal().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not seal the event log segment", e.getCause());
        }
        long redacted = log.redact(through + 1, event -> tombstoneSeqs.contains(event.seq())
                || before(forgottenBefore, event.anonymousId(), event.seq())
                || before(forgottenBefore, event.userId(), event.seq()));
        LOG.info("event log: redacted {} record(s) of {} forgotten person(s)", redacted, tombstones.size());
    }

    private static boolean before(Map<String, Long> forgottenBefore, String id, long seq) {
        Long tombstone = id == null ? null : forgottenBefore.get(id);
        return tombstone != null && seq < tombstone;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    @Override
    public void close() {
        closed = true;
        redactor.shutdown();
        try {
            redactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
