package org.attune.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private static final AnswerDimensions HOME = new AnswerDimensions("decision", "shop", "web", "home", "popular",
            "fallback", "mdl_1@3");

    @TempDir
    Path dir;

    @Test
    void answersAreOnDiskBeforeTheyAreCountedAndReadBackWhole() throws Exception {
        List<ServedAnswer> counted = new CopyOnWriteArrayList<>();
        List<DecisionLog.Position> positions = new CopyOnWriteArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            log.start((answers, position) -> {
                counted.addAll(answers);
                positions.add(position);
            });
            for (int i = 0; i < 50; i++) {
                log.append(answer(i, "visitor-" + i));
            }
            awaitCounted(counted, 50);
            assertThat(positions.get(positions.size() - 1)).isEqualTo(log.durable());
            assertThat(Files.size(dir.resolve("2026-12-05.jsonl"))).isEqualTo(log.durable().offset());
        }
        List<ServedAnswer> read = new ArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            DecisionLog.Position end = log.read(DecisionLog.Position.START, read::add);
            assertThat(end).isEqualTo(log.durable());
            assertThat(log.read(positions.get(0), answer -> { }).offset()).isEqualTo(end.offset());
        }
        assertThat(read).hasSize(50);
        ServedAnswer first = read.get(0);
        assertThat(first.recId()).isEqualTo("rec-0");
        assertThat(first.dimensions()).isEqualTo(HOME);
        assertThat(first.person()).isEqualTo("visitor-0");
        assertThat(first.personId()).isEqualTo(1000L);
        assertThat(first.fallback()).isEqualTo("popular");
        assertThat(first.items()).containsExactly("p-1", "p-2");
        assertThat(first.scores()).containsExactly(0.9, 0.5);
        assertThat(Files.readString(dir.resolve("2026-12-05.jsonl")).lines().findFirst().orElseThrow())
                .contains("\"items\":[{\"id\":\"p-1\",\"position\":1,\"score\":0.9}");
    }

    @Test
    void halfALineLeftByACrashIsCutAtTheNextStart() throws Exception {
        Path file = dir.resolve("2026-12-05.jsonl");
        List<ServedAnswer> counted = new CopyOnWriteArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            log.start((answers, position) -> counted.addAll(answers));
            log.append(answer(0, "visitor-0"));
            awaitCounted(counted, 1);
        }
        long whole = Files.size(file);
        Files.write(file, "{\"recId\":\"rec-torn\",\"at\":17".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        List<ServedAnswer> read = new ArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            assertThat(Files.size(file)).isEqualTo(whole);
            log.start((answers, position) -> counted.addAll(answers));
            log.append(answer(1, "visitor-1"));
            awaitCounted(counted, 2);
        }
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            log.read(DecisionLog.Position.START, read::add);
        }
        assertThat(read).extracting(ServedAnswer::recId).containsExactly("rec-0", "rec-1");
    }

    @Test
    void aForgottenPersonIsBlankedInPlaceAndEveryPositionStaysValid() throws Exception {
        List<ServedAnswer> counted = new CopyOnWriteArrayList<>();
        DecisionLog.Position middle;
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 100_000, CLOCK)) {
            log.start((answers, position) -> counted.addAll(answers));
            // Enough answers for several of the redaction's 1 MiB windows.
            for (int i = 0; i < 12_000; i++) {
                log.append(answer(i, i % 7 == 0 ? "gone \"quoted\"" : "visitor-" + i));
            }
            awaitCounted(counted, 12_000);
            middle = log.durable();
            log.forget(List.of("gone \"quoted\""));
            log.append(answer(12_000, "visitor-late"));
            awaitCounted(counted, 12_001);
            assertThat(log.forgotten()).isEqualTo(1_715);
        }
        String text = Files.readString(dir.resolve("2026-12-05.jsonl"));
        assertThat(text).doesNotContain("quoted");
        List<ServedAnswer> read = new ArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            log.read(DecisionLog.Position.START, read::add);
            List<ServedAnswer> after = new ArrayList<>();
            log.read(middle, after::add);
            assertThat(after).extracting(ServedAnswer::recId).containsExactly("rec-12000");
        }
        assertThat(read).hasSize(12_001);
        assertThat(read.get(0).person()).isNull();
        assertThat(read.get(0).personId()).isNull();
        assertThat(read.get(0).items()).containsExactly("p-1", "p-2");
        assertThat(read.get(1).person()).isEqualTo("visitor-1");
        assertThat(read.get(1).personId()).isEqualTo(1001L);
    }

    @Test
    void filesOlderThanTheRetentionAreDeleted() throws Exception {
        Files.writeString(dir.resolve("2026-10-01.jsonl"), "");
        Files.writeString(dir.resolve("2026-11-20.jsonl"), "");
        List<ServedAnswer> counted = new CopyOnWriteArrayList<>();
        try (DecisionLog log = new DecisionLog(dir, Duration.ofDays(30), 1_000, CLOCK)) {
            log.start((answers, position) -> counted.addAll(answers));
            log.append(answer(0, "visitor-0"));
            awaitCounted(counted, 1);
        }
        assertThat(dir.resolve("2026-10-01.jsonl")).doesNotExist();
        assertThat(dir.resolve("2026-11-20.jsonl")).exists();
    }

    private static ServedAnswer answer(int i, String person) {
        return new ServedAnswer("rec-" + i, CLOCK.millis() + i, HOME, person, 1000L + i, "popular",
                List.of("p-1", "p-2"), new double[] {0.9, 0.5}, 0);
    }

    private static void awaitCounted(List<ServedAnswer> counted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counted.size() < count) {
            assertThat(System.nanoTime()).as("%s answers counted", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
