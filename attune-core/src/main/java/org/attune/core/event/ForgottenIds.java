package org.attune.core.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids named by tombstones, each with the position of the latest tombstone naming it:
 * an event is forgotten when its anonymous id or user id is named by a tombstone that
 * comes after it in the log. Events after the tombstone belong to a new person and are
 * not. Thread-safe.
 */
public final class ForgottenIds {
    private final Map<String, Long> tombstoneSeq = new ConcurrentHashMap<>();

    /** Records a tombstone (which must carry its sequence number). */
    public void add(Event tombstone) {
        for (String id : Tombstone.ids(tombstone)) {
            tombstoneSeq.merge(id, tombstone.seq(), Math::max);
        }
    }

    /** Whether a tombstone recorded here forgets this event. */
    public boolean covers(Event event) {
        return !tombstoneSeq.isEmpty() && (before(event.anonymousId(), event.seq()) || before(event.userId(),
                event.seq()));
    }

    private boolean before(String id, long seq) {
        Long tombstone = id == null ? null : tombstoneSeq.get(id);
        return tombstone != null && seq < tombstone;
    }
}
