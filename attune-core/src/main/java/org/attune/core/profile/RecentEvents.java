package org.attune.core.profile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * A person's latest events as a ring in one long array that grows to its bound, three
 * longs per event so that adding one touches one place in memory:
 * {@code (catalog + 1) << 40 | seq}, the time (epoch ms), and {@code type << 32 | product}.
 * Events with several products keep them in a side array for their slot. Not thread-safe:
 * the owning {@link Profile} synchronises.
 */
final class RecentEvents {
    private static final int WORDS = 3;
    private static final long SEQ_MASK = (1L << 40) - 1;
    private static final int MULTIPLE_ITEMS = -2;

    private long[] slots;
    /** Items of events with more than one product, by slot (allocated on the first such event). */
    private int[][] items;
    private int head;
    private int size;

    /**
     * One remembered event.
     *
     * @param seq log position
     * @param time epoch ms
     * @param type type symbol
     * @param catalog catalog symbol, or -1
     * @param items product symbols
     */
    record Entry(long seq, long time, int type, int catalog, int[] items) {
    }

    /** @param limit the most events it will hold; it starts smaller and grows */
    RecentEvents(int limit) {
        slots = new long[WORDS * Math.min(4, limit)];
    }

    private int capacity() {
        return slots.length / WORDS;
    }

    int size() {
        return size;
    }

    void add(AppliedEvent event, int limit) {
        add(event.seq, event.time, event.type, event.catalog, event.items, event.itemCount, limit);
    }

    /**
     * @param catalog catalog symbol (below 2^23), or -1
     * @param seq log position (below 2^40)
     */
    void add(long seq, long time, int type, int catalog, int[] products, int productCount, int limit) {
        if (size == capacity() && size < limit) {
            grow(Math.min(limit, capacity() * 2));
        }
        int slot = head;
        int item;
        if (productCount <= 1) {
            item = productCount == 0 ? AppliedEvent.NO_ITEM : products[0];
            if (items != null) {
                items[slot] = null;
            }
        } else {
            if (items == null) {
                items = new int[capacity()][];
            }
            item = MULTIPLE_ITEMS;
            items[slot] = Arrays.copyOf(products, productCount);
        }
        int at = WORDS * slot;
        slots[at] = ((long) (catalog + 1) << 40) | (seq & SEQ_MASK);
        slots[at + 1] = time;
        slots[at + 2] = ((long) type << 32) | (item & 0xFFFF_FFFFL);
        head = (head + 1) % capacity();
        size = Math.min(size + 1, capacity());
    }

    /** Grows the ring, laying it out oldest first from slot 0. */
    private void grow(int capacity) {
        long[] grown = new long[WORDS * capacity];
        int[][] grownItems = items == null ? null : new int[capacity][];
        for (int i = 0; i < size; i++) {
            int from = slot(size - 1 - i);
            System.arraycopy(slots, WORDS * from, grown, WORDS * i, WORDS);
            if (grownItems != null) {
                grownItems[i] = items[from];
            }
        }
        slots = grown;
        items = grownItems;
        head = size % capacity;
    }

    /** Ring slot of the n-th newest event (0 = newest). */
    private int slot(int newest) {
        int length = capacity();
        return ((head - 1 - newest) % length + length) % length;
    }

    /** The n-th newest event (0 = newest). */
    Entry get(int newest) {
        int slot = slot(newest);
        int at = WORDS * slot;
        int item = (int) slots[at + 2];
        int[] products = item == MULTIPLE_ITEMS ? items[slot] : item == AppliedEvent.NO_ITEM ? new int[0]
                : new int[] {item};
        return new Entry(slots[at] & SEQ_MASK, slots[at + 1], (int) (slots[at + 2] >>> 32),
                (int) (slots[at] >>> 40) - 1, products);
    }

    /** Both rings' events, the newest {@code limit} by time (then log position), as a new ring. */
    static RecentEvents merge(RecentEvents a, RecentEvents b, int limit) {
        List<Entry> all = new ArrayList<>((a == null ? 0 : a.size) + (b == null ? 0 : b.size));
        for (RecentEvents ring : new RecentEvents[] {a, b}) {
            for (int i = 0; ring != null && i < ring.size; i++) {
                all.add(ring.get(i));
            }
        }
        all.sort((x, y) -> x.time() != y.time() ? Long.compare(x.time(), y.time()) : Long.compare(x.seq(), y.seq()));
        RecentEvents merged = new RecentEvents(limit);
        for (Entry e : all.subList(Math.max(0, all.size() - limit), all.size())) {
            merged.add(e.seq(), e.time(), e.type(), e.catalog(), e.items(), e.items().length, limit);
        }
        return merged;
    }

    void save(SnapshotOutput out) throws IOException {
        out.writeInt(head);
        out.writeInt(size);
        out.writeLongs(slots);
        out.writeBoolean(items != null);
        if (items != null) {
            out.writeInt(items.length);
            for (int[] slotItems : items) {
                out.writeInts(slotItems);
            }
        }
    }

    static RecentEvents restore(SnapshotInput in) throws IOException {
        RecentEvents ring = new RecentEvents(1);
        ring.head = in.readInt();
        ring.size = in.readInt();
        ring.slots = in.readLongs();
        if (ring.slots == null || ring.slots.length == 0 || ring.slots.length % WORDS != 0
                || ring.size < 0 || ring.size > ring.capacity() || ring.head < 0 || ring.head >= ring.capacity()) {
            throw new IOException("a ring of recent events is damaged");
        }
        if (in.readBoolean()) {
            int length = in.readCount(ring.capacity());
            ring.items = new int[length][];
            for (int i = 0; i < length; i++) {
                ring.items[i] = in.readInts();
            }
        }
        return ring;
    }
}
