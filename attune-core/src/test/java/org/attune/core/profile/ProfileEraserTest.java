package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.attune.core.eventlog.EventLogCursor;
import org.attune.core.eventlog.FileEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileEraserTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path dir;

    private final ProductFacts noProducts = new ProductFacts() {
        @Override
        public int[] affinityKeys(String catalog, String productId) {
            return new int[0];
        }

        @Override
        public double price(String catalog, String productId) {
            return Double.NaN;
        }

        @Override
        public double eventWeight(String catalog, String eventType) {
            return 1;
        }
    };

    private static Event view(String anonymousId, String userId, String item) {
        return new Event(0, null, "view", T0.toEpochMilli(), anonymousId, userId, "shop",
                List.of(item), JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                T0.toEpochMilli());
    }

    private String logText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.newDirectoryStream(dir, "*.log")) {
            for (Path file : files) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /** A crash after the tombstone was made durable but before the log was redacted. */
    @Test
    void aTombstoneFoundByTheReplayIsRedactedAfterStart() throws Exception {
        try (FileEventLog log = new FileEventLog(dir, 4_096)) {
            log.append(List.of(view("a-secret", null, "p-1"), view("a-other", null, "p-2"))).get(30, TimeUnit.SECONDS);
            log.append(List.of(view("a-secret", "u-secret", "p-3"))).get(30, TimeUnit.SECONDS);
            log.append(List.of(Tombstone.of(List.of("u-secret", "a-secret"), T0.toEpochMilli())))
                    .get(30, TimeUnit.SECONDS);
            log.append(List.of(view("a-secret", null, "p-4"))).get(30, TimeUnit.SECONDS);
        }
        assertThat(logText()).contains("u-secret");

        try (FileEventLog log = new FileEventLog(dir, 4_096)) {
            LiveProfiles profiles = new LiveProfiles(noProducts, new Symbols(), ProfileSettings.DEFAULTS);
            try (EventLogCursor cursor = log.openCursor(1)) {
                cursor.read(1_000, profiles::apply);
            }
            assertThat(profiles.find("u-secret", T0)).isEmpty();
            assertThat(profiles.find("a-secret", T0).orElseThrow().profile().recentlyViewed())
                    .as("the view after the tombstone belongs to a new person").containsExactly("p-4");

            try (ProfileEraser eraser = new ProfileEraser(log, profiles, log::lastSeq,
                    Clock.fixed(T0, ZoneOffset.UTC))) {
                eraser.resume();
            }
            List<Event> read = new ArrayList<>();
            try (EventLogCursor cursor = log.openCursor(1)) {
                cursor.read(1_000, read::add);
            }
            assertThat(read).extracting(Event::type)
                    .containsExactly("$forgotten", "view", "$forgotten", "$forgotten", "view");
            assertThat(read.get(4).anonymousId()).isEqualTo("a-secret");
        }
        String text = logText();
        assertThat(text).doesNotContain("u-secret").doesNotContain("p-1").doesNotContain("p-3").contains("a-other")
                .contains("p-4");
    }

    @Test
    void deletionsInABurstAreRedactedTogetherAfterTheInterval() throws Exception {
        try (FileEventLog log = new FileEventLog(dir, 4_096)) {
            LiveProfiles profiles = new LiveProfiles(noProducts, new Symbols(), ProfileSettings.DEFAULTS);
            log.onDurable(profiles::applyAll);
            log.append(List.of(view("a-first", null, "p-1"), view("a-second", null, "p-2"),
                    view("a-third", null, "p-3"))).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5_000 && profiles.appliedThrough() < 3; i++) {
                Thread.sleep(1);
            }
            try (ProfileEraser eraser = new ProfileEraser(log, profiles, log::lastSeq, Clock.fixed(T0, ZoneOffset.UTC),
                    java.time.Duration.ofMillis(700))) {
                assertThat(eraser.forget("a-first").orElseThrow().logRedacted()).isTrue();
                assertThat(eraser.forget("a-second").orElseThrow().logRedacted()).as("within the interval").isFalse();
                assertThat(eraser.forget("a-third").orElseThrow().logRedacted()).isFalse();
                assertThat(logText()).doesNotContain("a-first").contains("a-second").contains("a-third");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (logText().contains("a-second") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(logText()).as("one redaction for both, once the interval passed")
                        .doesNotContain("a-second").doesNotContain("a-third");
            }
        }
    }

    @Test
    void aStuckStoreDoesNotKeepThePersonsEventsInTheLogOnlyTheTombstoneUntilItCatchesUp() throws Exception {
        try (FileEventLog log = new FileEventLog(dir, 4_096)) {
            LiveProfiles profiles = new LiveProfiles(noProducts, new Symbols(), ProfileSettings.DEFAULTS);
            log.onDurable(profiles::applyAll);
            log.append(List.of(view("a-gone", "u-gone", "p-secret"), view("a-other", null, "p-2")))
                    .get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5_000 && profiles.appliedThrough() < 2; i++) {
                Thread.sleep(1);
            }
            java.util.concurrent.atomic.AtomicLong storeLoadedThrough = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean storeFailing = new java.util.concurrent.atomic.AtomicBoolean(true);
            try (ProfileEraser eraser = new ProfileEraser(log, profiles, storeLoadedThrough::get, storeFailing::get,
                    Clock.fixed(T0, ZoneOffset.UTC), java.time.Duration.ofMillis(100))) {
                ProfileEraser.Erased erased = eraser.forget("a-gone").orElseThrow();

                assertThat(erased.logRedacted()).isTrue();
                assertThat(erased.storeDeleted()).isFalse();
                assertThat(logText()).as("the events are redacted, the tombstone naming the ids is kept")
                        .doesNotContain("p-secret").contains("u-gone").contains("a-other");

                storeFailing.set(false);
                storeLoadedThrough.set(log.lastSeq());
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (logText().contains("u-gone") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(logText()).as("the tombstone once the store applied it")
                        .doesNotContain("u-gone").doesNotContain("a-gone").contains("a-other");
            }
        }
    }
}
