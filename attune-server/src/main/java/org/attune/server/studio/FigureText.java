package org.attune.server.studio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Figures and times as the studio's report pages write them for people: counts with thousands
 * separators, rates as percentages, money to the cent, periods as short dates. English
 * conventions whatever the server's locale, so that a page reads the same on every server (and
 * a test can read it); times in UTC, the time zone the reports count in, and the pages say so.
 */
final class FigureText {
    /** What a rate shows when its denominator is zero (no impressions, say). */
    static final String NONE = "–";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm",
            Locale.ENGLISH);

    private FigureText() {
    }

    /** 12,345 */
    static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    /**
     * A ratio as a percentage with one decimal (12.5%), two below 1% so that a small rate does not
     * read as nothing (0.25%); {@link #NONE} for null.
     */
    static String percent(Double ratio) {
        if (ratio == null) {
            return NONE;
        }
        double percent = ratio * 100;
        return String.format(Locale.ENGLISH, percent != 0 && Math.abs(percent) < 1 ? "%,.2f%%" : "%,.1f%%", percent);
    }

    /**
     * An amount of money to the cent (1,234.50), without a currency sign: a catalog does not say
     * its currency, and the amounts are what the purchase events said; {@link #NONE} for null.
     */
    static String money(Double amount) {
        return amount == null ? NONE : String.format(Locale.ENGLISH, "%,.2f", amount);
    }

    /** A period's label on a chart's axis: {@code Sat 5 Dec} for a day, {@code 5 Dec 14:00} for an hour. */
    static String period(long startMillis, boolean hourly) {
        return (hourly ? HOUR : DAY).format(utc(startMillis));
    }

    /**
     * A range [from, to) as people say it: {@code 29 Nov 2026 – 5 Dec 2026} for whole days (the
     * last day the one that ends at {@code to}), {@code 4 Dec 2026 15:00 – 5 Dec 2026 15:00} for hours.
     */
    static String range(long fromMillis, long toMillis, boolean hourly) {
        if (hourly) {
            return DATE_TIME.format(utc(fromMillis)) + " – " + DATE_TIME.format(utc(toMillis));
        }
        return DATE.format(utc(fromMillis)) + " – " + DATE.format(utc(toMillis - 1));
    }

    private static ZonedDateTime utc(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
    }
}
