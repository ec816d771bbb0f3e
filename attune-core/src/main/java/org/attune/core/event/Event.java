package org.attune.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Something a visitor did, after validation. Immutable: the JSON nodes must not be
 * modified once the event is built.
 *
 * @param seq position in the event log (1, 2, ...); {@code 0} until the log assigns it
 * @param eventId the sender's id for idempotency, or {@code null} when none was given
 * @param type event type, e.g. {@code view}, {@code purchase}, or any custom name
 * @param timestamp when it happened, epoch milliseconds
 * @param anonymousId device or cookie id; at least one of anonymousId and userId is set
 * @param userId known (logged-in) user id
 * @param catalog id of the catalog the products belong to, or {@code null}
 * @param itemIds product ids the event concerns, possibly empty
 * @param properties free JSON kept whole (never null; may be empty)
 * @param context surface, page, referrer, device, recId and any other context (never null)
 * @param receivedAt when the server accepted it, epoch milliseconds
 */
public record Event(long seq, String eventId, String type, long timestamp, String anonymousId, String userId,
                    String catalog, List<String> itemIds, ObjectNode properties, ObjectNode context,
                    long receivedAt) {

    public Event withSeq(long newSeq) {
        return new Event(newSeq, eventId, type, timestamp, anonymousId, userId, catalog, itemIds, properties,
                context, receivedAt);
    }
}
