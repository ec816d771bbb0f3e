package org.attune.core.profile;

import java.time.Instant;

/**
 * A recorded decision about two identities: merged into one person, or refused.
 *
 * @param kind merged, or refused because both sides already had different user ids
 * @param kept id of the person that remains (for a refusal: the person the user id belongs to)
 * @param absorbed id of the person merged into {@code kept} (for a refusal: the other person)
 * @param anonymousId the anonymous id of the event that asked for the link
 * @param userId the user id of the event that asked for the link
 * @param eventSeq log sequence number of that event
 * @param at the event's time
 */
public record IdentityLink(Kind kind, long kept, long absorbed, String anonymousId, String userId, long eventSeq,
                           Instant at) {

    /** What was decided. */
    public enum Kind { MERGED, REFUSED_TWO_USER_IDS }
}
