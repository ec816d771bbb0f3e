package org.attune.core.ingest;

import org.attune.core.storage.failure.StorageUnavailableException;
import org.attune.core.validation.RecordRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attune.core.event.Event;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.eventlog.EventLog;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventIngestorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FileEventLog log;
    private EventIngestor ingestor;

    @BeforeEach
    void openLog() {
        log = new FileEventLog(dir);
        ingestor = newIngestor(log, EventLimits.DEFAULTS);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void aPartialBatchStoresTheValidRecordsAndReportsTheOthers() {
        IngestResult result = ingest("""
                {"eventId": "e1", "type": "view", "anonymousId": "a1", "itemId": "p1"}
                {"eventId": "e2", "type": "view"}
                {"eventId": "e3", "type": "view", "anonymousId":
                {"eventId": "e4", "type": "purchase", "userId": "u1", "catalog": "nope"}
                {"eventId": "e5", "type": "click", "userId": "u1"}
                """);

        assertThat(result.received()).isEqualTo(5);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.duplicates()).isZero();
        assertThat(result.firstSeq()).isEqualTo(1);
        assertThat(result.rejected()).extracting(RecordRejection::index, RecordRejection::id)
                .containsExactly(tuple(1, "e2"), tuple(2, null), tuple(3, "e4"));
        assertThat(result.rejected().get(0).problems()).extracting(Problem::code).containsExactly("missing_identity");
        assertThat(result.rejected().get(1).problems()).extracting(Problem::code).containsExactly("malformed_json");
        assertThat(result.rejected().get(2).problems()).extracting(Problem::path, Problem::code)
                .containsExactly(tuple("catalog", "unknown_catalog"));

        List<Event> stored = stored(log);
        assertThat(stored).extracting(Event::seq, Event::eventId, Event::type)
                .containsExactly(tuple(1L, "e1", "view"), tuple(2L, "e5", "click"));
        assertThat(stored.get(0).itemIds()).containsExactly("p1");
        assertThat(stored.get(0).receivedAt()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aBatchWithNothingValidStoresNothing() {
        IngestResult result = ingest("[{\"type\": \"view\"}, {\"anonymousId\": \"a\"}]");

        assertThat(result.accepted()).isZero();
        assertThat(result.firstSeq()).isZero();
        assertThat(result.rejected()).extracting(RecordRejection::index).containsExactly(0, 1);
        assertThat(log.lastSeq()).isZero();
    }

    @Test
    void anEventIdRepeatedWithinOneBatchIsStoredOnce() {
        IngestResult result = ingest("""
                [{"eventId": "e1", "type": "view", "anonymousId": "a"},
                 {"eventId": "e1", "type": "view", "anonymousId": "a"},
                 {"eventId": "e2", "type": "view", "anonymousId": "a"}]
                """);

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.rejected()).isEmpty();
        assertThat(stored(log)).extracting(Event::eventId).containsExactly("e1", "e2");
    }

    @Test
    void anEventIdRepeatedInALaterBatchIsStoredOnce() {
        ingest("{\"eventId\": \"e1\", \"type\": \"view\", \"anonymousId\": \"a\"}");

        IngestResult retry = ingest("""
                {"eventId": "e1", "type": "view", "anonymousId": "a"}
                {"eventId": "e2", "type": "view", "anonymousId": "a"}
                """);

        assertThat(retry.accepted()).isEqualTo(1);
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(retry.firstSeq()).isEqualTo(2);
        assertThat(stored(log)).extracting(Event::eventId).containsExactly("e1", "e2");
    }

    @Test
    void aRejectedRecordDoesNotClaimItsEventId() {
        ingest("{\"eventId\": \"e1\", \"type\": \"view\"}");

        IngestResult fixed = ingest("{\"eventId\": \"e1\", \"type\": \"view\", \"anonymousId\": \"a\"}");

        assertThat(fixed.accepted()).isEqualTo(1);
        assertThat(fixed.duplicates()).isZero();
    }

    @Test
    void repeatsAreRecognisedAfterTheLogIsReopened() {
        ingest("""
                {"eventId": "e1", "type": "view", "anonymousId": "a"}
                {"type": "view", "anonymousId": "a"}
                {"eventId": "e2", "type": "view", "anonymousId": "a"}
                """);
        log.close();

        log = new FileEventLog(dir);
        ingestor = newIngestor(log, EventLimits.DEFAULTS);
        assertThat(ingestor.rememberStoredIds()).isEqualTo(3);

        IngestResult retry = ingest("""
                {"eventId": "e2", "type": "view", "anonymousId": "a"}
                {"eventId": "e1", "type": "view", "anonymousId": "a"}
                {"eventId": "e3", "type": "view", "anonymousId": "a"}
                """);

        assertThat(retry.accepted()).isEqualTo(1);
        assertThat(retry.duplicates()).isEqualTo(2);
        assertThat(retry.firstSeq()).isEqualTo(4);
        assertThat(stored(log)).extracting(Event::eventId).containsExactly("e1", null, "e2", "e3");
    }

    @Test
    void anEventIdIsRecognisedForTheWindowAfterItWasReceivedAlsoAfterAReopenAndThenForgotten() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        EventLimits oneDay = EventLimits.DEFAULTS.withEventIdWindow(java.time.Duration.ofDays(1));
        EventIngestor windowed = new EventIngestor(log, oneDay, new EventValidator(oneDay, Set.of("shop")::contains),
                moving);
        String e1 = "{\"eventId\": \"e1\", \"type\": \"view\", \"anonymousId\": \"a\"}";
        String e2 = "{\"eventId\": \"e2\", \"type\": \"view\", \"anonymousId\": \"a\"}";
        assertThat(ingest(windowed, e1).accepted()).isEqualTo(1);
        now[0] = NOW.plus(java.time.Duration.ofHours(23));
        assertThat(ingest(windowed, e1).duplicates()).as("within the day").isEqualTo(1);
        assertThat(ingest(windowed, e2).accepted()).isEqualTo(1);
        now[0] = NOW.plus(java.time.Duration.ofHours(30));
        assertThat(ingest(windowed, e1).duplicates()).as("the window is a least; e1 is still held").isEqualTo(1);

        log.close();
        log = new FileEventLog(dir);
        windowed = new EventIngestor(log, oneDay, new EventValidator(oneDay, Set.of("shop")::contains), moving);
        windowed.rememberStoredIds();
        assertThat(ingest(windowed, e2).duplicates()).as("after a reopen, from the log").isEqualTo(1);

        now[0] = NOW.plus(java.time.Duration.ofDays(3));
        assertThat(ingest(windowed, e1).accepted()).as("two windows later it is forgotten").isEqualTo(1);
        assertThat(windowed.rememberedIds()).as("only the new generation is held").isEqualTo(1);
    }

    @Test
    void eventsWithoutAnEventIdAreNeverDeduplicated() {
        String twice = """
                {"type": "view", "anonymousId": "a", "timestamp": 1767225600000}
                {"type": "view", "anonymousId": "a", "timestamp": 1767225600000}
                """;

        IngestResult first = ingest(twice);
        IngestResult second = ingest(twice);

        assertThat(first.accepted()).isEqualTo(2);
        assertThat(second.accepted()).isEqualTo(2);
        assertThat(first.duplicates() + second.duplicates()).isZero();
        assertThat(log.lastSeq()).isEqualTo(4);
    }

    @Test
    void aBodyThatCannotBeReadAsAWholeIsRefusedAndNothingIsStored() {
        EventIngestor small = newIngestor(log, new EventLimits(1024 * 1024, 2, 256, 64, 100, 8, 1_000, 10_000,
                Duration.ofHours(24)));

        assertThatThrownBy(() -> ingest(small, "[{\"type\": \"view\", \"anonymousId\": \"a\"},"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("malformed_json"));
        assertThatThrownBy(() -> ingest(small, """
                {"type": "view", "anonymousId": "a"}
                {"type": "view", "anonymousId": "b"}
                {"type": "view", "anonymousId": "c"}
                """))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("batch_too_large"));
        assertThat(log.lastSeq()).isZero();
    }

    @Test
    void whenTheLogFailsNothingIsAcknowledgedAndARetryIsNotADuplicate() {
        FlakyLog flaky = new FlakyLog(log);
        EventIngestor onFlakyLog = newIngestor(flaky, EventLimits.DEFAULTS);
        String body = "{\"eventId\": \"e1\", \"type\": \"view\", \"anonymousId\": \"a\"}";
        flaky.failNext.set(true);

        assertThatThrownBy(() -> ingest(onFlakyLog, body)).isInstanceOf(StorageUnavailableException.class);
        IngestResult retry = ingest(onFlakyLog, body);

        assertThat(retry.accepted()).isEqualTo(1);
        assertThat(retry.duplicates()).isZero();
        assertThat(stored(log)).extracting(Event::eventId).containsExactly("e1");
    }

    @Test
    void aLargeBodyReadInPartsGivesWhatItGivesReadWhole() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 3 * EventIngestor.PARALLEL_MIN_BYTES; i++) {
            // Bad records only near the start: the first part is read record by record, the others from tokens.
            String line = switch (i < 300 ? i % 97 : 0) {
                case 13 -> "{\"eventId\": \"e" + i + "\", \"type\": \"view\", \"anonymousId\": \"a\", \"price\": 1}";
                case 41 -> "{\"eventId\": \"e" + i + "\", \"type\": \"view\", \"anonymousId\":";
                case 77 -> "{\"eventId\": \"e" + i + "\", \"type\": \"view\", \"type\": \"click\", \"userId\": \"u\"}";
                default -> "{\"eventId\": \"e" + (i % 500) + "\", \"type\": \"view\", \"anonymousId\": \"a" + i
                        + "\", \"properties\": {\"price\": " + i + ".50}}";
            };
            body.append(line).append('\n');
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (FileEventLog partsLog = new FileEventLog(dir.resolve("parts"))) {
            EventIngestor inParts = new EventIngestor(partsLog, EventLimits.DEFAULTS,
                    new EventValidator(EventLimits.DEFAULTS, Set.of("shop")::contains), CLOCK, workers, 3);

            IngestResult whole = ingest(body.toString());
            IngestResult parts = ingest(inParts, body.toString());

            assertThat(whole.rejected()).extracting(r -> r.problems().get(0).code())
                    .contains("unknown_field", "malformed_json", "duplicate_key");
            assertThat(whole.duplicates()).isPositive();
            assertThat(parts).isEqualTo(whole);
            assertThat(stored(partsLog)).isEqualTo(stored(log));
        } finally {
            workers.shutdownNow();
        }
    }

    private IngestResult ingest(String body) {
        return ingest(ingestor, body);
    }

    private static IngestResult ingest(EventIngestor target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return target.ingest(bytes, bytes.length);
    }

    private static EventIngestor newIngestor(EventLog log, EventLimits limits) {
        return new EventIngestor(log, limits, new EventValidator(limits, Set.of("shop")::contains), CLOCK);
    }

    private static List<Event> stored(EventLog log) {
        List<Event> events = new ArrayList<>();
        try (EventLogCursor cursor = log.openCursor(1)) {
            while (cursor.read(1_000, events::add) > 0) {
                // keep reading
            }
        }
        return events;
    }

    /** A log whose next append can be made to fail, as a full disk would. */
    private static final class FlakyLog implements EventLog {
        final AtomicBoolean failNext = new AtomicBoolean();
        private final EventLog delegate;

        FlakyLog(EventLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Long> append(List<Event> events) {
            if (failNext.getAndSet(false)) {
                return CompletableFuture.failedFuture(new java.io.IOException("No space left on device"));
            }
            return delegate.append(events);
        }

        @Override
        public CompletableFuture<Long> append(List<Event> events, byte[] encoded) {
            if (failNext.getAndSet(false)) {
                return CompletableFuture.failedFuture(new java.io.IOException("No space left on device"));
            }
            return delegate.append(events, encoded);
        }

        @Override
        public long lastSeq() {
            return delegate.lastSeq();
        }

        @Override
        public EventLogCursor openCursor(long fromSeq) {
            return delegate.openCursor(fromSeq);
        }

        @Override
        public void onDurable(DurableBatchListener listener) {
            delegate.onDurable(listener);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
