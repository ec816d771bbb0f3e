package org.attune.core.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventLogTest {
    /** Small enough that a few events fill a segment, so roll-over happens in every test that wants it. */
    private static final long TINY_SEGMENT = 400;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersGetDenseSequenceNumbersInSubmissionOrder() throws Exception {
        int threads = 8;
        int batchesPerThread = 40;
        List<List<Batch>> perThread = new ArrayList<>();
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT * 4)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Batch>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        List<Batch> mine = new ArrayList<>();
                        for (int b = 0; b < batchesPerThread; b++) {
                            List<Event> events = new ArrayList<>();
                            for (int i = 0; i <= b % 3; i++) {
                                events.add(event("t" + thread + "-b" + b + "-" + i));
                            }
                            mine.add(new Batch(events, log.append(events)));
                        }
                        return mine;
                    }));
                }
                for (Future<List<Batch>> result : results) {
                    perThread.add(result.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            int total = 0;
            List<long[]> ranges = new ArrayList<>();
            for (List<Batch> batches : perThread) {
                long previous = 0;
                for (Batch batch : batches) {
                    long first = batch.firstSeq.get(30, TimeUnit.SECONDS);
                    assertThat(first).as("one appender's batches keep their order").isGreaterThan(previous);
                    previous = first;
                    ranges.add(new long[] {first, first + batch.events.size()});
                    total += batch.events.size();
                }
            }
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
            long expected = 1;
            for (long[] range : ranges) {
                assertThat(range[0]).as("no gap and no overlap between batches").isEqualTo(expected);
                expected = range[1];
            }
            assertThat(expected - 1).isEqualTo(total);
            assertThat(log.lastSeq()).isEqualTo(total);

            List<Event> read = readAll(log, 1);
            assertThat(read).hasSize(total);
            for (List<Batch> batches : perThread) {
                for (Batch batch : batches) {
                    long first = batch.firstSeq.get();
                    for (int i = 0; i < batch.events.size(); i++) {
                        assertThat(read.get((int) (first - 1) + i)).isEqualTo(batch.events.get(i).withSeq(first + i));
                    }
                }
            }
        }
    }

    @Test
    void cursorReadsExactlyTheAppendedEventsAcrossSegmentRollOver() throws Exception {
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            List<Event> appended = appendBatches(log, 30, "e");

            assertThat(segmentFiles()).as("tiny segments force several roll-overs").hasSizeGreaterThan(3);
            List<Event> read = new ArrayList<>();
            try (EventLogCursor cursor = log.openCursor(1)) {
                while (cursor.read(4, read::add) > 0) {
                    // small reads cross segment boundaries in the middle of a read call too
                }
                assertThat(cursor.position()).isEqualTo(appended.size() + 1);
            }
            assertThat(read).isEqualTo(sequenced(appended, 1));
        }
    }

    @Test
    void cursorOpenedInsideAFrameReturnsEventsFromThatSequenceNumberOn() throws Exception {
        try (FileEventLog log = new FileEventLog(dir)) {
            List<Event> first = List.of(event("a"), event("b"), event("c"), event("d"), event("e"));
            List<Event> second = List.of(event("f"), event("g"), event("h"));
            assertThat(log.append(first).get()).isEqualTo(1);
            assertThat(log.append(second).get()).isEqualTo(6);

            List<Event> read = readAll(log, 3);
            assertThat(read).extracting(Event::seq).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(read).extracting(Event::eventId).containsExactly("c", "d", "e", "f", "g", "h");

            // Raw frames include the frame the start lies in; the count is of events from the start on.
            List<long[]> frames = new ArrayList<>();
            try (EventLogCursor cursor = log.openCursor(3)) {
                int events = cursor.readFrames(100, (firstSeq, count, payload) -> frames.add(new long[] {firstSeq, count}));
                assertThat(events).isEqualTo(6);
                assertThat(cursor.position()).isEqualTo(9);
            }
            assertThat(frames).containsExactly(new long[] {1, 5}, new long[] {6, 3});
        }
    }

    @Test
    void cursorPositionedPastTheEndSeesNothingUntilMoreIsAppended() throws Exception {
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            appendBatches(log, 5, "old");
            long next = log.lastSeq() + 1;
            try (EventLogCursor cursor = log.openCursor(next)) {
                List<Event> read = new ArrayList<>();
                assertThat(cursor.read(100, read::add)).isZero();

                List<Event> later = appendBatches(log, 12, "new");
                while (cursor.read(3, read::add) > 0) {
                    // drain
                }
                assertThat(read).isEqualTo(sequenced(later, next));
            }
        }
    }

    @Test
    void reopeningKeepsLastSeqAndContentsAndContinuesNumbering() throws Exception {
        List<Event> before;
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            before = appendBatches(log, 10, "first-run");
        }
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            assertThat(log.lastSeq()).isEqualTo(before.size());
            assertThat(readAll(log, 1)).isEqualTo(sequenced(before, 1));

            Event more = event("second-run");
            assertThat(log.append(List.of(more)).get()).isEqualTo(before.size() + 1);
        }
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            assertThat(log.lastSeq()).isEqualTo(before.size() + 1);
            List<Event> all = readAll(log, 1);
            assertThat(all.get(all.size() - 1)).isEqualTo(event("second-run").withSeq(before.size() + 1));
        }
    }

    @Test
    void recoveryCutsOffGarbageAtTheEndOfTheLastSegment() throws Exception {
        assertTornTailIsCutOff(lastFrame -> "not a frame at all, just noise".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void recoveryCutsOffAPartiallyWrittenFrame() throws Exception {
        assertTornTailIsCutOff(lastFrame -> Arrays.copyOf(lastFrame, lastFrame.length / 2));
    }

    @Test
    void recoveryCutsOffAFrameWhoseHeaderIsWrittenButNotItsPayload() throws Exception {
        assertTornTailIsCutOff(lastFrame -> Arrays.copyOf(lastFrame, SegmentFrames.HEADER_BYTES + 1));
    }

    @Test
    void recoveryCutsOffACompleteFrameWithABadChecksum() throws Exception {
        assertTornTailIsCutOff(lastFrame -> {
            byte[] corrupt = lastFrame.clone();
            corrupt[corrupt.length - 3] ^= 0x20;
            return corrupt;
        });
    }

    @Test
    void aTornFrameInsideAZeroFilledSegmentIsZeroedAndTheSegmentKeepsItsSize() throws Exception {
        long segmentBytes = 64 * 1024;
        Path segment;
        try (FileEventLog log = new FileEventLog(dir, segmentBytes)) {
            // Let the background preparer finish the zero-filled next segment, then roll into it.
            for (int i = 0; i < 200 && !Files.exists(dir.resolve("next-segment.tmp")); i++) {
                Thread.sleep(10);
            }
            appendBatches(log, 1, "first");
            segment = segmentFiles().get(0);
            assertThat(Files.size(segment)).as("the segment was prepared at full size").isEqualTo(segmentBytes);
            log.append(List.of(event("torn-1"), event("torn-2"))).get();
        }
        byte[] bytes = Files.readAllBytes(segment);
        int firstFrameEnd = 24 + ByteBuffer.wrap(bytes, 16, 4).getInt();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // flip one payload byte of the second frame: its checksum no longer matches
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (bytes[firstFrameEnd + 30] ^ 0x20)}), firstFrameEnd + 30);
        }
        try (FileEventLog log = new FileEventLog(dir, segmentBytes)) {
            assertThat(log.lastSeq()).isEqualTo(1);
            assertThat(Files.size(segment)).isEqualTo(segmentBytes);
            byte[] after = Files.readAllBytes(segment);
            for (int i = firstFrameEnd; i < after.length; i++) {
                assertThat(after[i]).as("byte %d after the last good frame", i).isZero();
            }
            assertThat(log.append(List.of(event("after"))).get()).isEqualTo(2);
            assertThat(readAll(log, 1)).extracting(Event::eventId).containsExactly("first-0-0", "after");
        }
    }

    /**
     * Writes a log, then replaces the last append's bytes by a torn version of them (as a
     * crash in the middle of that write would leave), reopens and checks that only the
     * acknowledged events before it remain and that appending goes on correctly.
     */
    private void assertTornTailIsCutOff(java.util.function.UnaryOperator<byte[]> tear) throws Exception {
        List<Event> kept;
        Path segment;
        long goodSize;
        byte[] lastFrame;
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            kept = appendBatches(log, 9, "kept");
            List<Path> segmentsBefore = segmentFiles();
            Path lastBefore = segmentsBefore.get(segmentsBefore.size() - 1);
            long lastBeforeSize = Files.size(lastBefore);
            log.append(List.of(event("torn-1"), event("torn-2"))).get();
            List<Path> segmentsAfter = segmentFiles();
            segment = segmentsAfter.get(segmentsAfter.size() - 1);
            goodSize = segment.equals(lastBefore) ? lastBeforeSize : 0;
        }
        byte[] bytes = Files.readAllBytes(segment);
        // Segments may be zero-filled ahead of use, so the frame's own header gives its length.
        int payloadLength = ByteBuffer.wrap(bytes, (int) goodSize + 16, 4).getInt();
        lastFrame = Arrays.copyOfRange(bytes, (int) goodSize, (int) goodSize + 24 + payloadLength);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(goodSize);
            channel.write(ByteBuffer.wrap(tear.apply(lastFrame)), goodSize);
        }

        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            assertThat(log.lastSeq()).isEqualTo(kept.size());
            assertThat(Files.size(segment)).as("the incomplete tail is cut off").isEqualTo(goodSize);
            assertThat(readAll(log, 1)).isEqualTo(sequenced(kept, 1));

            assertThat(log.append(List.of(event("after-crash"))).get()).isEqualTo(kept.size() + 1);
            assertThat(readAll(log, kept.size() + 1)).containsExactly(event("after-crash").withSeq(kept.size() + 1));
        }
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            assertThat(log.lastSeq()).as("the append after recovery is durable and readable after a restart")
                    .isEqualTo(kept.size() + 1);
            List<Event> expected = new ArrayList<>(sequenced(kept, 1));
            expected.add(event("after-crash").withSeq(kept.size() + 1));
            assertThat(readAll(log, 1)).isEqualTo(expected);
        }
    }

    @Test
    void durableListenersSeeEveryBatchInSequenceOrder() throws Exception {
        List<List<Event>> seen = new CopyOnWriteArrayList<>();
        int total = 0;
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            log.onDurable(seen::add);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Batch>>> results = new ArrayList<>();
            try {
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        List<Batch> mine = new ArrayList<>();
                        for (int b = 0; b < 25; b++) {
                            List<Event> events = List.of(event("l" + thread + "-" + b + "-0"), event("l" + thread + "-" + b + "-1"));
                            mine.add(new Batch(events, log.append(events)));
                        }
                        return mine;
                    }));
                }
                List<Batch> all = new ArrayList<>();
                for (Future<List<Batch>> result : results) {
                    all.addAll(result.get(60, TimeUnit.SECONDS));
                }
                for (Batch batch : all) {
                    long first = batch.firstSeq.get(30, TimeUnit.SECONDS);
                    total += batch.events.size();
                    // Listeners run right after the acknowledgement, on the writer thread.
                    for (int i = 0; i < 1_000 && !seen.contains(sequenced(batch.events, first)); i++) {
                        Thread.sleep(10);
                    }
                    assertThat(seen).contains(sequenced(batch.events, first));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(seen).hasSize(100);
        List<Long> seqs = seen.stream().flatMap(List::stream).map(Event::seq).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= total; s++) {
            expected.add(s);
        }
        assertThat(seqs).isEqualTo(expected);
    }

    @Test
    void appendingToAClosedLogFails() {
        FileEventLog log = new FileEventLog(dir);
        log.close();
        CompletableFuture<Long> result = log.append(List.of(event("late")));
        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyLogStartsAtZeroAndItsCursorReadsNothing() {
        try (FileEventLog log = new FileEventLog(dir)) {
            assertThat(log.lastSeq()).isZero();
            assertThat(readAll(log, 1)).isEmpty();
            try (EventLogCursor cursor = log.openCursor(0)) {
                assertThat(cursor.position()).isEqualTo(1);
            }
        }
    }

    private record Batch(List<Event> events, CompletableFuture<Long> firstSeq) {
    }

    /** Appends {@code batches} batches of 1 to 3 events one after another, each waited for. */
    @Test
    void redactionReplacesForgottenEventsInClosedSegmentsKeepingEverySeq() throws Exception {
        List<Event> appended;
        try (FileEventLog log = new FileEventLog(dir, TINY_SEGMENT)) {
            appended = appendBatches(log, 12, "e");
            long through = log.lastSeq();
            java.util.function.Predicate<Event> secret = e -> e.anonymousId() != null
                    && e.anonymousId().startsWith("anon-e-4-");
            assertThat(log.seal().get(30, TimeUnit.SECONDS)).isEqualTo(through);
            long redacted = log.redact(through + 1, secret);
            assertThat(redacted).isEqualTo(2);
            assertThat(log.redact(through + 1, secret)).as("idempotent").isZero();

            List<Event> later = appendBatches(log, 2, "after");
            List<Event> read = readAll(log, 1);
            assertThat(read).extracting(Event::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, through + later.size()).boxed().toList());
            List<Event> expected = new ArrayList<>();
            for (Event e : sequenced(appended, 1)) {
                expected.add(secret.test(e) ? Tombstone.redacted(e) : e);
            }
            expected.addAll(sequenced(later, through + 1));
            assertThat(read).isEqualTo(expected);
            assertThat(read.get(7).type()).isEqualTo(Tombstone.REDACTED_TYPE);
            assertThat(read.get(7).eventId()).as("the eventId stays, so a retry is still a duplicate")
                    .isEqualTo("e-4-0");
        }
        for (Path file : Files.newDirectoryStream(dir, "*.log")) {
            assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("anon-e-4-").doesNotContain("p-e-4-");
        }
        try (FileEventLog reopened = new FileEventLog(dir, TINY_SEGMENT)) {
            assertThat(readAll(reopened, 1)).hasSize(appended.size() + 3);
            appendBatches(reopened, 1, "reopened");
            assertThat(reopened.lastSeq()).isEqualTo(appended.size() + 4);
        }
    }

    private static List<Event> appendBatches(EventLog log, int batches, String prefix) throws Exception {
        List<Event> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i <= b % 3; i++) {
                events.add(event(prefix + "-" + b + "-" + i));
            }
            long first = log.append(events).get(30, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(log.lastSeq() - events.size() + 1);
            all.addAll(events);
        }
        return all;
    }

    private static List<Event> readAll(EventLog log, long fromSeq) {
        List<Event> read = new ArrayList<>();
        try (EventLogCursor cursor = log.openCursor(fromSeq)) {
            while (cursor.read(1_000, read::add) > 0) {
                // keep reading
            }
        }
        return read;
    }

    private static List<Event> sequenced(List<Event> events, long firstSeq) {
        List<Event> result = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            result.add(events.get(i).withSeq(firstSeq + i));
        }
        return Collections.unmodifiableList(result);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** A small event whose content depends only on its id, so it can be rebuilt for comparisons. */
    private static Event event(String id) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("source", id);
        properties.putArray("tags").add("x").add(id.length());
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.put("surface", "web");
        return new Event(0, id, "view", 1_767_225_600_000L + id.hashCode(), "anon-" + id, null, "shop",
                List.of("p-" + id), properties, context, 1_767_225_600_000L);
    }
}
