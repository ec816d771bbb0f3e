package org.attune.core.ingest;

import java.util.List;
import org.attune.core.validation.RecordRejection;

/**
 * What happened to a batch of events.
 *
 * @param received records in the request
 * @param accepted records stored now (durable)
 * @param duplicates records whose eventId was already stored (not stored again, not an error)
 * @param rejected records refused, with reasons
 * @param firstSeq sequence number of the first stored event, 0 when none was stored
 */
public record IngestResult(int received, int accepted, int duplicates, List<RecordRejection> rejected, long firstSeq) {
}
