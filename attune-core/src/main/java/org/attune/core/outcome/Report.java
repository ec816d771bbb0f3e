package org.attune.core.outcome;

import java.util.List;
import java.util.Map;

/**
 * A report: one row per period and group, and one total per group over the whole range.
 *
 * @param rows the periods, oldest first, then the groups in their order; periods without any
 *     figure are left out
 * @param totals one per group over the range
 * @param attributionLagEvents events acknowledged but not yet attributed when the report was made
 */
public record Report(ReportQuery query, List<Row> rows, List<Row> totals, long attributionLagEvents) {

    /**
     * @param start start of the period, epoch milliseconds (for totals: the range's start)
     * @param group the value of each grouping asked, in its order
     */
    public record Row(long start, Map<String, String> group, ReportFigures figures) {
    }
}
