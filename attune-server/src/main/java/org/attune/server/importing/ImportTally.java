package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.validation.Problem;

/**
 * What an import has read, skipped, sent, stored and had rejected so far, and the first
 * rejections (by line) for the report. Shared by the thread reading the file and the thread
 * sending batches: every method is safe to call from either.
 */
final class ImportTally {
    private static final int KEPT_REJECTIONS = 20;

    private long read;
    private long skipped;
    private final Map<String, Long> skippedBy = new LinkedHashMap<>();
    private long sent;
    private long accepted;
    private long duplicates;
    private long added;
    private long changed;
    private long unchanged;
    private long repeatedIds;
    private long rejected;
    private final Map<String, Long> rejectedBy = new LinkedHashMap<>();
    private final List<RejectedRecord> firstRejections = new ArrayList<>();

    synchronized void read() {
        read++;
    }

    synchronized long snapshotRead() {
        return read;
    }

    synchronized void skip(String because) {
        skipped++;
        skippedBy.merge(because, 1L, Long::sum);
    }

    synchronized void repeatedId() {
        repeatedIds++;
    }

    synchronized void reject(RejectedRecord record) {
        rejected++;
        Problem first = record.problems().isEmpty() ? new Problem("", "rejected", "") : record.problems().get(0);
        rejectedBy.merge((first.path() == null || first.path().isEmpty() ? "" : first.path() + ": ")
                + first.code(), 1L, Long::sum);
        if (firstRejections.size() < KEPT_REJECTIONS) {
            firstRejections.add(record);
        }
    }

    void answered(List<PendingRecord> records, JsonNode body, ImportTarget target) {
        List<RejectedRecord> refused = new ArrayList<>();
        for (JsonNode rejection : body.path("rejected")) {
            int index = rejection.path("index").asInt(-1);
            PendingRecord record = index >= 0 && index < records.size() ? records.get(index) : null;
            List<Problem> problems = new ArrayList<>();
            for (JsonNode p : rejection.path("problems")) {
                problems.add(new Problem(p.path("path").asText(""), p.path("code").asText(""),
                        p.path("message").asText("")));
            }
            String id = rejection.hasNonNull("id") ? rejection.get("id").asText()
                    : record == null ? null : record.id();
            refused.add(new RejectedRecord(record == null ? -1 : record.line(), id, problems));
        }
        synchronized (this) {
            sent += records.size();
            if (target == ImportTarget.EVENTS) {
                accepted += body.path("accepted").asLong();
                duplicates += body.path("duplicates").asLong();
            } else {
                added += body.path("added").asLong();
                changed += body.path("changed").asLong();
                unchanged += body.path("unchanged").asLong();
            }
            refused.forEach(this::reject);
        }
    }

    synchronized ImportProgress progress(Duration elapsed, ImportTarget target) {
        long stored = target == ImportTarget.EVENTS ? accepted : added + changed + unchanged;
        return new ImportProgress(read, sent, stored, elapsed);
    }

    synchronized ImportReport report(ImportTarget target, Duration elapsed) {
        List<RejectedRecord> first = firstRejections.stream()
                .sorted(Comparator.comparingLong(RejectedRecord::line)).toList();
        return new ImportReport(target, read, skipped, skippedBy, sent, accepted, duplicates, added, changed,
                unchanged, repeatedIds, rejected, rejectedBy, first, elapsed);
    }
}
