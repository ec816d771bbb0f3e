package org.attune.core.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.attune.core.event.Event;
import org.attune.core.event.ForgottenIds;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLog;
import org.attune.core.storage.failure.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out privacy requests: forgetting a person entirely. A {@link Tombstone} naming
 * every id of the person is made durable in the event log; from there the live profiles
 * drop the person, the queryable event store deletes their events, and every replay after
 * a restart does the same at the same point of the log. Then the log's own copies are
 * redacted: the segment being written is sealed and every closed segment holding one of
 * the person's events is rewritten with those events replaced by their
 * {@link Tombstone#redacted redacted form}. Redaction runs on a background thread, at most
 * once every 30 seconds (a burst of deletions is redacted in one pass); tombstones found by
 * the replay at start whose redaction had not finished are redacted again by {@link #resume}.
 *
 * <p>The person's events are redacted without waiting for the queryable event store: a store
 * that is stuck or failing must not keep personal data in the log. What the store still has
 * to read is the tombstone itself (it deletes the store's copies of the person's events when
 * the store reaches it; a redacted event that the store loads later is not stored at all), so
 * only the tombstone, which holds nothing but the person's ids, stays in the log until the
 * store has applied it; it is redacted by a later pass, checked every
 * {@link #STORE_CHECK_INTERVAL}. Thread-safe.
 */
public final class ProfileEraser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileEraser.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration REDACTION_WAIT = Duration.ofSeconds(10);
    /**
     * Redactions start at most this often by default: each seals the segment being written (the
     * next one is zero-filled ahead, 256 MiB of writes), so a burst of deletions is redacted together.
     */
    public static final Duration DEFAULT_REDACTION_INTERVAL = Duration.ofSeconds(30);
    /** How often the redactor looks whether the store has applied the tombstones it keeps. */
    static final Duration STORE_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** How long a redaction waits for a working store to apply the tombstones before going on without. */
    static final Duration STORE_WAIT = Duration.ofSeconds(5);

    private final EventLog log;
    private final LiveProfiles profiles;
    private final LongSupplier storeLoadedThrough;
    private final BooleanSupplier storeFailing;
    private final Clock clock;
    private final Duration redactionInterval;
    private final Runnable afterRedaction;
    private final ScheduledThreadPoolExecutor redactor = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "event-log-redactor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    /** When the last redaction started (System.nanoTime), or 0 before the first. */
    private long lastRedaction;
    /** A coalesced redaction waiting for the interval to pass, or null; guarded by this. */
    private Future<?> scheduled;
    /** Tombstones whose events are redacted but which the store has yet to apply; redactor thread only. */
    private final List<Event> awaitingStore = new ArrayList<>();
    /** The next look at {@link #awaitingStore}, or null; guarded by this. */
    private Future<?> storeCheck;

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
        this(log, profiles, storeLoadedThrough, clock, DEFAULT_REDACTION_INTERVAL);
    }

    /**
     * @param storeLoadedThrough how far the queryable event store has loaded the log
     * @param redactionInterval the least time between the starts of two redactions
     */
    public ProfileEraser(EventLog log, LiveProfiles profiles, LongSupplier storeLoadedThrough, Clock clock,
                         Duration redactionInterval) {
        this(log, profiles, storeLoadedThrough, () -> false, clock, redactionInterval);
    }

    /**
     * @param storeLoadedThrough how far the queryable event store has loaded the log
     * @param storeFailing whether loading the store fails just now: {@link #forget} then does not
     *     wait for the store to delete the events, which goes on once the store works again
     * @param redactionInterval the least time between the starts of two redactions
     */
    public ProfileEraser(EventLog log, LiveProfiles profiles, LongSupplier storeLoadedThrough,
                         BooleanSupplier storeFailing, Clock clock, Duration redactionInterval) {
        this(log, profiles, storeLoadedThrough, storeFailing, clock, redactionInterval, () -> { });
    }

    /**
     * @param storeLoadedThrough how far the queryable event store has loaded the log
     * @param storeFailing whether loading the store fails just now
     * @param redactionInterval the least time between the starts of two redactions
     * @param afterRedaction called after each redaction that removed tombstones from the log (e.g. to
     *     snapshot the state again, so that no snapshot keeps their ids)
     */
    public ProfileEraser(EventLog log, LiveProfiles profiles, LongSupplier storeLoadedThrough,
                         BooleanSupplier storeFailing, Clock clock, Duration redactionInterval,
                         Runnable afterRedaction) {
        this.afterRedaction = afterRedaction;
        this.redactionInterval = redactionInterval;
        this.log = log;
        this.profiles = profiles;
        this.storeLoadedThrough = storeLoadedThrough;
        this.storeFailing = storeFailing;
        this.clock = clock;
        // A redaction still waiting at shutdown is not run: the replay at the next start finds its tombstones.
        redactor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
        boolean profileGone = awaitReached(profiles::appliedThrough, seq, deadline, () -> false);
        boolean logRedacted = false;
        // The redaction takes the tombstones the live profiles applied, so it starts once they are gone.
        Future<?> redaction = profileGone ? requestRedaction() : null;
        if (redaction != null) {
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
        boolean storeDeleted = profileGone && awaitReached(storeLoadedThrough, seq, deadline, storeFailing);
        return Optional.of(new Erased(personId.get(), ids, seq, storeDeleted, logRedacted));
    }

    /**
     * Starts a redaction now when none started within the redaction interval and returns it;
     * otherwise makes sure one is scheduled for when the interval has passed and returns null.
     */
    private synchronized Future<?> requestRedaction() {
        long now = System.nanoTime();
        long due = lastRedaction == 0 ? now : lastRedaction + redactionInterval.toNanos();
        if (due <= now && scheduled == null) {
            lastRedaction = now;
            return redactor.submit(this::redactPending);
        }
        if (scheduled == null) {
            scheduled = redactor.schedule(() -> {
                synchronized (this) {
                    scheduled = null;
                    lastRedaction = System.nanoTime();
                }
                redactPending();
            }, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }
        return null;
    }

    /** Redacts, in the background, what the tombstones found since start still leave in the log. */
    public void resume() {
        redactor.submit(this::redactPending);
    }

    /**
     * On the redactor thread: redacts the events named by every tombstone applied and not yet
     * redacted, and the tombstones the store has applied; keeps the others for a later pass.
     */
    private void redactPending() {
        List<Event> fresh = profiles.drainTombstones();
        long storeBefore = storeLoadedThrough.getAsLong();
        boolean storeCaughtUp = awaitingStore.stream().anyMatch(t -> t.seq() <= storeBefore);
        if (fresh.isEmpty() && !storeCaughtUp) {
            return;
        }
        synchronized (this) {
            lastRedaction = System.nanoTime();
        }
        List<Event> tombstones = new ArrayList<>(awaitingStore);
        tombstones.addAll(fresh);
        long through = tombstones.stream().mapToLong(Event::seq).max().orElseThrow();
        // A working store applies the tombstones within a second or two: waiting that long lets one
        // pass redact them with the events. A store that fails or lags is not waited for.
        long waitUntil = System.nanoTime() + STORE_WAIT.toNanos();
        while (storeLoadedThrough.getAsLong() < through && !storeFailing.getAsBoolean()
                && System.nanoTime() < waitUntil && !closed && !Thread.currentThread().isInterrupted()) {
            sleep();
        }
        long storeThrough = storeLoadedThrough.getAsLong();
        ForgottenIds forgotten = new ForgottenIds();
        // Once redacted a tombstone deletes nothing, so only those the store has applied are.
        Set<Long> tombstoneSeqs = new HashSet<>();
        List<Event> stillAwaiting = new ArrayList<>();
        for (Event tombstone : tombstones) {
            forgotten.add(tombstone);
            if (tombstone.seq() <= storeThrough) {
                tombstoneSeqs.add(tombstone.seq());
            } else {
                stillAwaiting.add(tombstone);
            }
        }
        // Kept until the pass is done: a failed pass is tried again with them at a later store check.
        awaitingStore.clear();
        awaitingStore.addAll(tombstones);
        try {
            try {
                log.seal().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not seal the event log segment", e.getCause());
            }
            long redacted = log.redact(through + 1, event -> tombstoneSeqs.contains(event.seq())
                    || (!Tombstone.is(event) && forgotten.covers(event)));
            awaitingStore.clear();
            awaitingStore.addAll(stillAwaiting);
            profiles.tombstonesRedacted(tombstoneSeqs);
            if (!tombstoneSeqs.isEmpty()) {
                afterRedaction.run();
            }
            LOG.info("event log: redacted {} record(s) of {} forgotten person(s){}", redacted, tombstones.size(),
                    stillAwaiting.isEmpty() ? "" : "; " + stillAwaiting.size()
                            + " deletion(s) stay in the log until the event store applies them");
        } finally {
            if (!awaitingStore.isEmpty()) {
                scheduleStoreCheck();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks again, after a while, whether the store has applied the tombstones still kept. */
    private synchronized void scheduleStoreCheck() {
        if (storeCheck != null || closed) {
            return;
        }
        storeCheck = redactor.schedule(() -> {
            synchronized (this) {
                storeCheck = null;
            }
            long storeThrough = storeLoadedThrough.getAsLong();
            if (awaitingStore.stream().anyMatch(t -> t.seq() <= storeThrough)) {
                redactPending();
            } else if (!awaitingStore.isEmpty()) {
                scheduleStoreCheck();
            }
        }, STORE_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean awaitReached(LongSupplier position, long seq, long deadline, BooleanSupplier giveUp) {
        while (position.getAsLong() < seq) {
            if (System.nanoTime() > deadline || giveUp.getAsBoolean()) {
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
