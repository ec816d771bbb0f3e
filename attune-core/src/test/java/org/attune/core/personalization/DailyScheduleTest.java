package org.attune.core.personalization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyScheduleTest {
    private final DailySchedule prague = new DailySchedule(LocalTime.of(2, 30), ZoneId.of("Europe/Prague"));

    @Test
    void theNextRunIsLaterTodayOrTomorrowAtTheLocalTime() {
        assertThat(prague.nextAfter(Instant.parse("2026-11-22T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-22T01:30:00Z"));
        assertThat(prague.nextAfter(Instant.parse("2026-11-22T01:30:00Z")))
                .as("strictly after").isEqualTo(Instant.parse("2026-11-23T01:30:00Z"));
    }

    @Test
    void theLocalTimeHoldsAcrossADaylightSavingChange() {
        assertThat(prague.nextAfter(Instant.parse("2026-03-28T12:00:00Z")))
                .as("summer time from 29 March: 02:30 does not exist and moves to 03:30 CEST")
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(prague.nextAfter(Instant.parse("2026-06-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-06-02T00:30:00Z"));
    }
}
