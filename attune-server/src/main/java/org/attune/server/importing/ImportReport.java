package org.attune.server.importing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an import did. Rows skipped by the mapping's filters are counted apart from
 * rejections: a skip is intended, a rejection is a record that should have been stored
 * but was not.
 *
 * @param target what was imported
 * @param recordsRead data lines (records) read from the file, header excluded
 * @param skipped rows left out by the mapping's {@code skipIf} conditions
 * @param skippedBy skipped rows per condition, e.g. {@code "CustomerID is empty" -> 135080}
 * @param sent records sent to the server
 * @param accepted events stored
 * @param duplicates events whose eventId was already stored (or repeated in the file); not stored again
 * @param added products that were new
 * @param changed products whose attributes changed
 * @param unchanged products sent with the attributes they already had
 * @param repeatedIds products whose id came again later in the file; the last row of an id wins
 * @param rejected records not stored: refused by the server, or rows the mapping could not convert
 * @param rejectedBy rejections per first problem, e.g. {@code "url: invalid_url" -> 3}
 * @param firstRejections the first few rejections with their line numbers
 * @param elapsed wall time of the whole import
 */
public record ImportReport(ImportTarget target, long recordsRead, long skipped, Map<String, Long> skippedBy,
                           long sent, long accepted, long duplicates, long added, long changed, long unchanged,
                           long repeatedIds, long rejected, Map<String, Long> rejectedBy,
                           List<RejectedRecord> firstRejections, Duration elapsed) {

    public ImportReport {
        skippedBy = Map.copyOf(skippedBy);
        rejectedBy = Map.copyOf(rejectedBy);
        firstRejections = List.copyOf(firstRejections);
    }

    /** Records now stored from this import: events accepted, or products added, changed or unchanged. */
    public long stored() {
        return target == ImportTarget.EVENTS ? accepted : added + changed + unchanged;
    }

    /** Records read per second of wall time. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : recordsRead / seconds;
    }
}
