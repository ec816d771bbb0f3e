package org.attune.core.personalization;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import org.attune.core.validation.InvalidInputException;

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

    /**
     * This schedule with what {@code json} sets ({@code time} as HH:MM, {@code zone} as an IANA zone id).
     *
     * @throws InvalidInputException ({@code invalid_schedule}) for a time or zone that does not parse
     */
    public DailySchedule with(JsonNode json) {
        if (json == null || json.isNull()) {
            return this;
        }
        try {
            return new DailySchedule(json.has("time") ? LocalTime.parse(json.get("time").asText()) : time,
                    json.has("zone") ? ZoneId.of(json.get("zone").asText()) : zone);
        } catch (RuntimeException e) {
            throw new InvalidInputException("invalid_schedule", "schedule needs time as HH:MM and zone as an IANA"
                    + " zone id (e.g. Europe/Prague): " + e.getMessage());
        }
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
