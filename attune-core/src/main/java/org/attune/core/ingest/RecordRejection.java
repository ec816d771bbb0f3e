package org.attune.core.ingest;

import java.util.List;
import org.attune.core.validation.Problem;

/**
 * Why one record of a batch was not stored.
 *
 * @param index zero-based position of the record in the request
 * @param id the record's own id when it had one (eventId or product id), else null
 * @param problems every problem found in the record
 */
public record RecordRejection(int index, String id, List<Problem> problems) {
}
