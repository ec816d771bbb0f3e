package org.attune.server.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Figures and dates as the overview writes them. */
class FigureTextTest {
    @Test
    void countsRatesAndMoneyReadAsPeopleWriteThem() {
        assertThat(FigureText.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(FigureText.percent(0.25)).isEqualTo("25.0%");
        assertThat(FigureText.percent(1.0 / 6)).isEqualTo("16.7%");
        assertThat(FigureText.percent(0.0025)).as("a small rate is not rounded to nothing").isEqualTo("0.25%");
        assertThat(FigureText.percent(0.0)).isEqualTo("0.0%");
        assertThat(FigureText.percent(null)).isEqualTo("–");
        assertThat(FigureText.money(15431.25)).isEqualTo("15,431.25");
        assertThat(FigureText.money(120.0)).isEqualTo("120.00");
        assertThat(FigureText.money(null)).isEqualTo("–");
    }

    @Test
    void periodsAndRangesAreShortUtcDates() {
        long day = Instant.parse("2026-12-05T00:00:00Z").toEpochMilli();
        long hour = Instant.parse("2026-12-05T14:00:00Z").toEpochMilli();
        assertThat(FigureText.period(day, false)).isEqualTo("Sat 5 Dec");
        assertThat(FigureText.period(hour, true)).isEqualTo("5 Dec 14:00");
        assertThat(FigureText.range(day - 6 * 86_400_000L, day + 86_400_000L, false))
                .as("the last day is the one ending at 'to'").isEqualTo("29 Nov 2026 – 5 Dec 2026");
        assertThat(FigureText.range(hour - 86_400_000L, hour, true)).isEqualTo("4 Dec 2026 14:00 – 5 Dec 2026 14:00");
    }
}
