package org.attune.core.outcome;

import java.util.ArrayList;
import java.util.List;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * What a report is asked.
 *
 * @param from start of the range, epoch milliseconds, rounded down to the granularity
 * @param to end of the range (exclusive), epoch milliseconds, rounded up to the granularity
 * @param granularity {@code hour} or {@code day} (UTC)
 * @param groupBy names of {@link AnswerDimensions#GROUPINGS}, in the order asked; empty for one row per period
 * @param catalog only this catalog, or null for all
 */
public record ReportQuery(long from, long to, String granularity, List<String> groupBy, String catalog) {
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    /** Most periods one report may hold: 90 days of hours. */
    public static final int MAX_PERIODS = 90 * 24;

    public ReportQuery {
        List<Problem> problems = new ArrayList<>();
        if (!"hour".equals(granularity) && !"day".equals(granularity)) {
            problems.add(new Problem("granularity", "invalid_granularity", "granularity is 'hour' or 'day'"));
        } else {
            long step = "hour".equals(granularity) ? HOUR : DAY;
            from = Math.floorDiv(from, step) * step;
            to = Math.floorDiv(to + step - 1, step) * step;
            if (to <= from) {
                problems.add(new Problem("to", "invalid_range", "'to' must lie after 'from'"));
            } else if ((to - from) / step > MAX_PERIODS) {
                problems.add(new Problem("to", "range_too_long", "a report holds at most " + MAX_PERIODS
                        + " periods; ask for days, or a shorter range"));
            }
        }
        for (String grouping : groupBy) {
            if (!AnswerDimensions.GROUPINGS.contains(grouping)) {
                problems.add(new Problem("groupBy", "unknown_grouping", "'" + grouping + "' is not one of "
                        + AnswerDimensions.GROUPINGS));
            }
        }
        if (groupBy.stream().distinct().count() != groupBy.size()) {
            problems.add(new Problem("groupBy", "duplicate_grouping", "each grouping may be named once"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_report_request", "The report request has " + problems.size()
                    + " problem(s)", problems);
        }
        groupBy = List.copyOf(groupBy);
    }

    /** The range a report covers when it is not given: this many days up to its end. */
    public static final int DEFAULT_DAYS = 7;

    /**
     * A report's {@code from} or {@code to} as epoch milliseconds: a date ({@code 2026-12-01},
     * its start in UTC) or an ISO-8601 time with offset; null when it is neither.
     */
    public static Long time(String text) {
        if (text.length() == 10) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        .toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        java.time.Instant instant = org.attune.core.json.Timestamps.parse(text);
        return instant == null ? null : instant.toEpochMilli();
    }

    /** Milliseconds in one period. */
    public long step() {
        return "hour".equals(granularity) ? HOUR : DAY;
    }
}
