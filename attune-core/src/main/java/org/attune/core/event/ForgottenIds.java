package org.attune.core.event;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

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

    /**
     * Drops a tombstone's ids once the log no longer holds the events it forgot (redacted): like
     * a replay of the redacted log, nothing remembers them any more. An id named again by a
     * later tombstone stays.
     */
    public void remove(Event tombstone) {
        for (String id : Tombstone.ids(tombstone)) {
            tombstoneSeq.remove(id, tombstone.seq());
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

    /** Writes every id with its tombstone's position. */
    public void save(SnapshotOutput out) throws IOException {
        Map<String, Long> copy = Map.copyOf(tombstoneSeq);
        out.writeInt(copy.size());
        for (Map.Entry<String, Long> entry : copy.entrySet()) {
            out.writeString(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    /** Adds the ids {@link #save} wrote. */
    public void restore(SnapshotInput in) throws IOException {
        int count = in.readCount(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            String id = in.readString();
            long seq = in.readLong();
            if (id == null) {
                throw new IOException("a forgotten id is damaged");
            }
            tombstoneSeq.merge(id, seq, Math::max);
        }
    }
}
