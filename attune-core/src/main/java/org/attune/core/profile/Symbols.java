package org.attune.core.profile;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * Interns strings (product ids, event types, attribute values) as small dense ints, so
 * that a million profiles refer to a product with 4 bytes instead of their own copy of
 * its id. Ids are never reused or removed: the table grows with the number of distinct
 * strings seen (products, types, values), not with people or events. Thread-safe; lookups
 * do not lock.
 */
public final class Symbols {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile String[] names = new String[256];
    private int size;

    /** The id of {@code name}, assigning the next one when it is new. */
    public int id(String name) {
        Integer id = ids.get(name);
        return id != null ? id : assign(name);
    }

    private synchronized int assign(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        String[] table = names;
        if (size == table.length) {
            table = Arrays.copyOf(table, size * 2);
        }
        table[size] = name;
        names = table;
        ids.put(name, size);
        return size++;
    }

    /** The id of {@code name}, or -1 when it was never seen. */
    public int find(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    /** The string behind an id handed out by {@link #id}. */
    public String name(int id) {
        return names[id];
    }

    /** Writes every name, in id order. */
    public synchronized void save(SnapshotOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeString(names[i]);
        }
    }

    /**
     * Reads names written by {@link #save}, keeping their ids. Names this table already holds
     * must be the first ones read, with the same ids (those assigned at construction).
     */
    public synchronized void restore(SnapshotInput in) throws IOException {
        int count = in.readCount(Integer.MAX_VALUE - 8);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            if (i < size) {
                if (!names[i].equals(name)) {
                    throw new IOException("symbol " + i + " is '" + name + "' in the snapshot but '" + names[i]
                            + "' here");
                }
            } else if (assign(name) != i) {
                throw new IOException("symbol '" + name + "' appears twice in the snapshot");
            }
        }
    }
}
