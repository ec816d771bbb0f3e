package org.attune.core.personalization;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;

/**
 * When an active setup retrains: every day at {@code time} in {@code zone}.
 *
 * @param time local time of day
 * @param zone the zone the time is in
 */
public record DailySchedule(LocalTime time, ZoneId zone) {
    /** 03:00 UTC, a quiet hour for most shops. */
    public static final DailySchedule DEFAULT = new DailySchedule(LocalTime.of(3, 0), ZoneId.of("UTC"));

    public DailySchedule {
        java.util.Objects.requireNonNull(time, "time");
        java.util.Objects.requireNonNull(zone, "zone");
    }

    /** The first scheduled moment strictly after {@code now}. */
    public Instant nextAfter(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(time).atZone(zone);
        if (!candidate.isAfter(local)) {
            candidate = local.toLocalDate().plusDays(1).atTime(time).atZone(zone);
        }
        return candidate.toInstant();
    }
}
