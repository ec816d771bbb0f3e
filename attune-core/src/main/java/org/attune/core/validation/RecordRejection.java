package org.attune.core.validation;

import java.util.List;

/**
 * Why one record of a batch was not stored.
 *
 * @param index zero-based position of the record in the request
 * @param id the record's own id when it had one (eventId or product id), else null; shortened by
 *     {@link Echo} since a rejected id may be of any length
 * @param problems every problem found in the record
 */
public record RecordRejection(int index, String id, List<Problem> problems) {
    public RecordRejection {
        id = Echo.of(id);
    }
}
