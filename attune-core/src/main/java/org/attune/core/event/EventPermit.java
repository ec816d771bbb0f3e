package org.attune.core.event;

import org.attune.core.validation.Problem;

/**
 * What a sender may send, beyond what every event must be: a browser key, say, only events of
 * its catalogs. A refused event is rejected as an invalid one is, with the permit's problem,
 * and the batch's other events are stored.
 */
@FunctionalInterface
public interface EventPermit {
    /** Every valid event. */
    EventPermit ANY = event -> null;

    /** Why this valid event may not be sent by this sender, or null when it may. */
    Problem refusal(Event event);
}
