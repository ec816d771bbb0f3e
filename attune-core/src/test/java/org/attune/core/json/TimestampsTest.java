package org.attune.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T10:15:00Z", "2026-11-20T10:15:00.1Z", "2026-11-20T10:15:00.257Z",
            "2026-11-20T10:15:00.123456789Z", "2026-11-20T10:15:00+01:00", "2026-11-20T10:15:00.5-05:30",
            "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "1997-09-20T03:05:10+18:00"})
    void commonFormAgreesWithJavaTime(String text) {
        assertThat(Timestamps.parseCommonForm(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:15:00Z", "2026-13-01T10:15:00Z", "2026-11-20T25:00:00Z",
            "2026-11-20T10:15:00", "2026-11-20 10:15:00Z", "20261120T101500Z",
            "2026-11-20T10:15:00+1:00", "yesterday", ""})
    void invalidTextIsRefused(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }

    @Test
    void unusualButValidFormsFallBackToJavaTime() {
        assertThat(Timestamps.parse("2026-11-20T10:15Z")).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(Timestamps.parse("2026-11-20T10:15:00+01:00:30"))
                .isEqualTo(OffsetDateTime.parse("2026-11-20T10:15:00+01:00:30").toInstant());
    }

    @Test
    void epochMillisAreNumbers() {
        assertThat(Timestamps.parse(Json.MAPPER.getNodeFactory().numberNode(1_763_600_000_000L)))
                .isEqualTo(Instant.ofEpochMilli(1_763_600_000_000L));
        assertThat(Timestamps.parse(Json.MAPPER.getNodeFactory().booleanNode(true))).isNull();
    }
}
