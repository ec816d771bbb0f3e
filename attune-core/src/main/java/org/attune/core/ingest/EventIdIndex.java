package org.attune.core.ingest;

import java.io.IOException;
import net.openhft.hashing.LongTupleHashFunction;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * Remembers every event id ever stored, as a 128-bit XXH3 hash in an open-addressing
 * table with linear probing (16 bytes per slot, at most 60% full: about 27 bytes per id).
 * Both halves of a hash sit side by side in one array so that a look-up touches one
 * cache line. A false "already seen" would need two different ids with the same 128-bit
 * hash. Not thread-safe; callers synchronise.
 */
final class EventIdIndex {
    private static final LongTupleHashFunction HASH = LongTupleHashFunction.xx128();

    /** Slot i holds hash halves at 2i and 2i+1; (0, 0) marks an empty slot. */
    private long[] slots = new long[2 << 16];
    private int size;
    private final long[] hash = new long[2];

    /** Adds the id; returns false when it was already present. */
    boolean add(String eventId) {
        hash(eventId);
        if ((size + 1) * 10L > capacity() * 6L) {
            grow();
        }
        return insert(hash[0], hash[1]);
    }

    /** Whether the id was added (and not removed since). */
    boolean contains(String eventId) {
        hash(eventId);
        int mask = capacity() - 1;
        for (int slot = home(hash[0], mask); !empty(slot); slot = (slot + 1) & mask) {
            if (slots[2 * slot] == hash[0] && slots[2 * slot + 1] == hash[1]) {
                return true;
            }
        }
        return false;
    }

    void remove(String eventId) {
        hash(eventId);
        int mask = capacity() - 1;
        int slot = home(hash[0], mask);
        while (!empty(slot)) {
            if (slots[2 * slot] == hash[0] && slots[2 * slot + 1] == hash[1]) {
                // Backward-shift deletion keeps probe chains intact.
                int hole = slot;
                int next = (slot + 1) & mask;
                while (!empty(next)) {
                    int nextHome = home(slots[2 * next], mask);
                    if (((next - nextHome) & mask) >= ((next - hole) & mask)) {
                        slots[2 * hole] = slots[2 * next];
                        slots[2 * hole + 1] = slots[2 * next + 1];
                        hole = next;
                    }
                    next = (next + 1) & mask;
                }
                slots[2 * hole] = 0;
                slots[2 * hole + 1] = 0;
                size--;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** An independent copy (one array copy: fast enough to take while ingestion waits). */
    EventIdIndex copy() {
        EventIdIndex copy = new EventIdIndex();
        copy.slots = slots.clone();
        copy.size = size;
        return copy;
    }

    void save(SnapshotOutput out) throws IOException {
        out.writeInt(size);
        out.writeLongs(slots);
    }

    static EventIdIndex restore(SnapshotInput in) throws IOException {
        EventIdIndex index = new EventIdIndex();
        index.size = in.readInt();
        index.slots = in.readLongs();
        int capacity = index.slots == null ? 0 : index.slots.length / 2;
        if (capacity < 1 || Integer.bitCount(capacity) != 1 || index.slots.length % 2 != 0 || index.size < 0
                || index.size > capacity) {
            throw new IOException("the event id index is damaged");
        }
        return index;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private boolean empty(int slot) {
        return slots[2 * slot] == 0 && slots[2 * slot + 1] == 0;
    }

    private static int home(long h1, int mask) {
        return (int) (h1 ^ (h1 >>> 32)) & mask;
    }

    private boolean insert(long h1, long h2) {
        int mask = capacity() - 1;
        int slot = home(h1, mask);
        while (!empty(slot)) {
            if (slots[2 * slot] == h1 && slots[2 * slot + 1] == h2) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        slots[2 * slot] = h1;
        slots[2 * slot + 1] = h2;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                insert(old[i], old[i + 1]);
            }
        }
    }

    private void hash(String eventId) {
        HASH.hashChars(eventId, hash);
        if (hash[0] == 0 && hash[1] == 0) {
            hash[1] = 1;
        }
    }
}
