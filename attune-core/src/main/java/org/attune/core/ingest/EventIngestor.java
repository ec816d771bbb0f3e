package org.attune.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.event.EventPermit;
import org.attune.core.event.StreamingEventReader;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;
import org.attune.core.snapshot.SnapshotPart;
import org.attune.core.storage.failure.StorageUnavailableException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.RecordRejection;

/**
 * Accepts batches of events: validates each record, drops event ids already received (within
 * the limits' event id window, {@link EventIdWindow}), and
 * returns only once every accepted event is durable in the log. Valid records of a
 * batch are stored even when others are rejected. Thread-safe.
 *
 * <p>A large newline-delimited body is cut at line boundaries and its parts are read,
 * validated and encoded in parallel (when a worker pool is given): with one client
 * connection sending batch after batch, that per-request work is what limits throughput.
 * De-duplication and the append stay in order.
 */
public final class EventIngestor {
    /** Bodies smaller than this are handled on the request thread alone. */
    static final int PARALLEL_MIN_BYTES = 64 * 1024;

    private final EventLog log;
    private final EventLimits limits;
    private final StreamingEventReader eventReader;
    private final JsonRecordReader reader = new JsonRecordReader();
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private final ExecutorService workers;
    private final int parts;
    private final EventIdWindow seenIds;
    /** Batches whose ids are claimed and whose append has not finished; guarded by seenIds. */
    private int inFlight;
    /** While true, no batch claims ids (a snapshot is copying them); guarded by seenIds. */
    private boolean heldForSnapshot;
    /** The longest a snapshot waits for the batches being appended to finish. */
    private static final long SNAPSHOT_HOLD_MILLIS = 5_000;

    public EventIngestor(EventLog log, EventLimits limits, EventValidator validator, Clock clock) {
        this(log, limits, validator, clock, null, 1);
    }

    /**
     * @param workers threads that take parts of large bodies, or null for none
     * @param parts how many parts to cut a large body into (the request thread takes one)
     */
    public EventIngestor(EventLog log, EventLimits limits, EventValidator validator, Clock clock,
                         ExecutorService workers, int parts) {
        this.log = log;
        this.limits = limits;
        this.eventReader = new StreamingEventReader(validator);
        this.clock = clock;
        this.workers = workers;
        this.parts = workers == null ? 1 : Math.max(1, parts);
        this.seenIds = new EventIdWindow(limits.eventIdWindow());
    }

    /** Events per chunk handed from the replay's reader thread to the caller. */
    private static final int REPLAY_CHUNK = 20_000;

    public EventLimits limits() {
        return limits;
    }

    /** How many event ids the de-duplication holds now. */
    public long rememberedIds() {
        synchronized (seenIds) {
            return seenIds.size();
        }
    }

    /**
     * Reads the ids of every stored event so that repeats are recognised after a restart
     * (those received within the limits' event id window; older ones are dropped as the replay moves on).
     * Call once before accepting requests.
     *
     * @return the number of events read
     */
    public long rememberStoredIds() {
        return rememberStoredIds(event -> { });
    }

    /**
     * Like {@link #rememberStoredIds()}, handing every stored event to {@code alsoTo} as well,
     * in log order on the calling thread, so that one pass over the log can rebuild other
     * in-memory state too. Reading, decoding and remembering ids run on a second thread
     * ahead of {@code alsoTo}, so that the two halves of a restart overlap on two cores.
     */
    public long rememberStoredIds(Consumer<Event> alsoTo) {
        return rememberStoredIds(1, alsoTo);
    }

    /**
     * Like {@link #rememberStoredIds(Consumer)} for the events from log position {@code fromSeq}
     * on: after a snapshot was restored, the events it does not cover.
     */
    public long rememberStoredIds(long fromSeq, Consumer<Event> alsoTo) {
        java.util.concurrent.BlockingQueue<List<Event>> chunks = new java.util.concurrent.ArrayBlockingQueue<>(8);
        List<Event> end = List.of();
        RuntimeException[] failed = {null};
        Thread reader = new Thread(() -> {
            try (EventLogCursor cursor = log.openCursor(fromSeq)) {
                while (true) {
                    List<Event> chunk = new ArrayList<>(REPLAY_CHUNK);
                    cursor.read(REPLAY_CHUNK, chunk::add);
                    if (chunk.isEmpty()) {
                        break;
                    }
                    synchronized (seenIds) {
                        for (Event event : chunk) {
                            if (event.eventId() != null) {
                                seenIds.add(event.eventId(), event.receivedAt());
                            }
                        }
                    }
                    chunks.put(chunk);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failed[0] = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("replaying the event log failed", e);
            } finally {
                try {
                    chunks.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "event-log-replay-reader");
        reader.setDaemon(true);
        reader.start();
        long read = 0;
        try {
            for (List<Event> chunk = chunks.take(); chunk != end; chunk = chunks.take()) {
                chunk.forEach(alsoTo);
                read += chunk.size();
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new IllegalStateException("interrupted while replaying the event log", e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return read;
    }

    /**
     * One part of a body after reading, validation and encoding.
     *
     * @param records records in the part
     * @param valid valid events, in order
     * @param lineEnds for each valid event, where its encoded line ends in {@code encoded}
     * @param encoded the valid events encoded for the log, one line each
     * @param rejected rejections, indexed within the part
     */
    private record Part(int records, List<Event> valid, int[] lineEnds, byte[] encoded, List<RecordRejection> rejected) {
    }

    /**
     * Ingests one request body.
     *
     * @throws InvalidInputException when the body as a whole is unreadable or too large
     * @throws StorageUnavailableException when the log could not make the batch durable
     */
    public IngestResult ingest(byte[] body, int length) {
        return ingest(body, length, EventPermit.ANY);
    }

    /** As {@link #ingest(byte[], int)}, rejecting the valid events {@code permit} refuses. */
    public IngestResult ingest(byte[] body, int length, EventPermit permit) {
        long now = clock.millis();
        List<Part> partResults = readParts(body, length, now, permit);

        int received = 0;
        List<RecordRejection> rejected = new ArrayList<>(0);
        for (Part part : partResults) {
            for (RecordRejection r : part.rejected()) {
                rejected.add(new RecordRejection(received + r.index(), r.id(), r.problems()));
            }
            received += part.records();
        }
        if (received > limits.maxBatchSize()) {
            throw new InvalidInputException("batch_too_large",
                    "A request may carry at most " + limits.maxBatchSize() + " records; split the batch");
        }

        List<Event> fresh = new ArrayList<>(received);
        List<String> claimed = new ArrayList<>();
        ByteArrayOutputStream payload = new ByteArrayOutputStream(length);
        int valid = 0;
        synchronized (seenIds) {
            awaitSnapshotCopy();
            for (Part part : partResults) {
                int lineStart = 0;
                for (int i = 0; i < part.valid().size(); i++) {
                    Event event = part.valid().get(i);
                    int lineEnd = part.lineEnds()[i];
                    if (event.eventId() == null || seenIds.add(event.eventId(), event.receivedAt())) {
                        fresh.add(event);
                        payload.write(part.encoded(), lineStart, lineEnd - lineStart);
                        if (event.eventId() != null) {
                            claimed.add(event.eventId());
                        }
                    }
                    lineStart = lineEnd;
                }
                valid += part.valid().size();
            }
            if (!fresh.isEmpty()) {
                inFlight++;
            }
        }
        int duplicates = valid - fresh.size();
        long firstSeq = 0;
        if (!fresh.isEmpty()) {
            boolean stored = false;
            try {
                firstSeq = log.append(fresh, payload.toByteArray()).get();
                stored = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while writing events", e);
            } catch (ExecutionException e) {
                throw new StorageUnavailableException("the event log could not store the batch", e.getCause());
            } finally {
                finish(claimed, stored);
            }
        }
        return new IngestResult(received, fresh.size(), duplicates, rejected, firstSeq);
    }

    private List<Part> readParts(byte[] body, int length, long now, EventPermit permit) {
        List<int[]> slices = parts > 1 && length >= PARALLEL_MIN_BYTES
                ? reader.slices(body, length, parts) : List.of(new int[] {0, length});
        List<Future<Part>> others = new ArrayList<>(slices.size() - 1);
        for (int[] slice : slices.subList(1, slices.size())) {
            others.add(workers.submit(() -> readPart(body, slice[0], slice[1], now, permit)));
        }
        List<Part> results = new ArrayList<>(slices.size());
        try {
            results.add(readPart(body, slices.get(0)[0], slices.get(0)[1], now, permit));
            for (Future<Part> other : others) {
                results.add(other.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            others.forEach(f -> f.cancel(false));
        }
        return results;
    }

    private Part readPart(byte[] body, int from, int to, long now, EventPermit permit) {
        StreamingEventReader.Batch batch = eventReader.read(body, from, to, limits.maxBatchSize(), now, permit);
        List<Event> valid = batch.valid();
        int[] lineEnds = new int[valid.size()];
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(Math.max(1024, (to - from) * 9 / 10));
        try (EventCodec.LineWriter writer = codec.lineWriter(encoded)) {
            for (int i = 0; i < valid.size(); i++) {
                lineEnds[i] = writer.write(valid.get(i));
            }
        }
        return new Part(batch.records(), valid, lineEnds, encoded.toByteArray(), batch.rejected());
    }

    /** Ends a batch's append: a batch the log refused gives its ids back, so that a retry is stored. */
    private void finish(List<String> claimed, boolean stored) {
        synchronized (seenIds) {
            if (!stored) {
                claimed.forEach(seenIds::remove);
            }
            inFlight--;
            seenIds.notifyAll();
        }
    }

    /** Waits, holding seenIds, while a snapshot copies the ids. */
    private void awaitSnapshotCopy() {
        while (heldForSnapshot) {
            try {
                seenIds.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while a snapshot copied the event ids", e);
            }
        }
    }

    /**
     * The event-id window as a part of the state snapshots. The ids are copied at a moment when
     * no batch is being appended (new batches wait for the copy, a few milliseconds per million
     * ids), so the copy holds only ids of events the log holds: a batch the log refuses later
     * cannot leave its ids behind in a snapshot.
     */
    public SnapshotPart snapshotPart() {
        return new SnapshotPart() {
            @Override
            public String name() {
                return "event-ids";
            }

            @Override
            public String configuration() {
                return "v1";
            }

            @Override
            public void save(SnapshotOutput out) throws IOException {
                EventIdWindow copy;
                synchronized (seenIds) {
                    heldForSnapshot = true;
                    try {
                        long deadline = System.nanoTime() + SNAPSHOT_HOLD_MILLIS * 1_000_000;
                        while (inFlight > 0) {
                            long left = (deadline - System.nanoTime()) / 1_000_000;
                            if (left <= 0) {
                                throw new IOException("batches being appended did not finish within "
                                        + SNAPSHOT_HOLD_MILLIS + " ms");
                            }
                            seenIds.wait(left);
                        }
                        copy = seenIds.copy();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while copying the event ids");
                    } finally {
                        heldForSnapshot = false;
                        seenIds.notifyAll();
                    }
                }
                copy.save(out);
            }

            @Override
            public void restore(SnapshotInput in) throws IOException {
                synchronized (seenIds) {
                    seenIds.restore(in);
                }
            }
        };
    }
}
