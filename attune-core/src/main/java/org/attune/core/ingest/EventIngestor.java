package org.attune.core.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.attune.core.event.Event;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.validation.Problem;

/**
 * Accepts batches of events: validates each record, drops repeated event ids, and
 * returns only once every accepted event is durable in the log. Valid records of a
 * batch are stored even when others are rejected. Thread-safe.
 */
public final class EventIngestor {
    private final EventLog log;
    private final EventLimits limits;
    private final EventValidator validator;
    private final JsonRecordReader reader = new JsonRecordReader();
    private final Clock clock;
    private final EventIdIndex seenIds = new EventIdIndex();

    public EventIngestor(EventLog log, EventLimits limits, EventValidator validator, Clock clock) {
        this.log = log;
        this.limits = limits;
        this.validator = validator;
        this.clock = clock;
    }

    public EventLimits limits() {
        return limits;
    }

    /**
     * Reads the ids of every stored event so that repeats are recognised after a restart.
     * Call once before accepting requests.
     *
     * @return the number of events read
     */
    public long rememberStoredIds() {
        return rememberStoredIds(event -> { });
    }

    /**
     * Like {@link #rememberStoredIds()}, handing every stored event to {@code alsoTo} as well,
     * so that one pass over the log can rebuild other in-memory state too.
     */
    public long rememberStoredIds(java.util.function.Consumer<Event> alsoTo) {
        long read = 0;
        try (EventLogCursor cursor = log.openCursor(1)) {
            int n;
            do {
                n = cursor.read(100_000, event -> {
                    if (event.eventId() != null) {
                        synchronized (seenIds) {
                            seenIds.add(event.eventId());
                        }
                    }
                    alsoTo.accept(event);
                });
                read += n;
            } while (n > 0);
        }
        return read;
    }

    /**
     * Ingests one request body.
     *
     * @throws org.attune.core.validation.InvalidInputException when the body as a whole is unreadable or too large
     * @throws StorageUnavailableException when the log could not make the batch durable
     */
    public IngestResult ingest(byte[] body, int length) {
        List<JsonRecordReader.RawRecord> records = reader.read(body, length, limits.maxBatchSize());
        long now = clock.millis();
        List<Event> valid = new ArrayList<>(records.size());
        List<RecordRejection> rejected = new ArrayList<>(0);
        for (JsonRecordReader.RawRecord record : records) {
            if (record.json() == null) {
                rejected.add(new RecordRejection(record.index(), null,
                        List.of(new Problem("", "malformed_json", record.parseError()))));
                continue;
            }
            EventValidator.Outcome outcome = validator.validate(record.json(), now);
            if (outcome.event() != null) {
                valid.add(outcome.event());
            } else {
                String id = record.json().path("eventId").isTextual() ? record.json().get("eventId").asText() : null;
                rejected.add(new RecordRejection(record.index(), id, outcome.problems()));
            }
        }
        List<Event> fresh = new ArrayList<>(valid.size());
        List<String> claimed = new ArrayList<>();
        synchronized (seenIds) {
            for (Event event : valid) {
                if (event.eventId() == null) {
                    fresh.add(event);
                } else if (seenIds.add(event.eventId())) {
                    fresh.add(event);
                    claimed.add(event.eventId());
                }
            }
        }
        int duplicates = valid.size() - fresh.size();
        long firstSeq = 0;
        if (!fresh.isEmpty()) {
            try {
                firstSeq = log.append(fresh).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                release(claimed);
                throw new StorageUnavailableException("interrupted while writing events", e);
            } catch (ExecutionException e) {
                release(claimed);
                throw new StorageUnavailableException("the event log could not store the batch", e.getCause());
            }
        }
        return new IngestResult(records.size(), fresh.size(), duplicates, rejected, firstSeq);
    }

    private void release(List<String> claimed) {
        synchronized (seenIds) {
            claimed.forEach(seenIds::remove);
        }
    }
}
