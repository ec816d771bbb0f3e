package org.attune.core.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Remembers every event id ever stored, as a 128-bit hash in an open-addressing table
 * (about 32 bytes per id at the default load). A false "already seen" would need two
 * different ids with the same 128-bit hash. Not thread-safe; callers synchronise.
 */
final class EventIdIndex {
    private long[] high = new long[1 << 16];
    private long[] low = new long[1 << 16];
    private int size;
    private final MessageDigest md5;

    EventIdIndex() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }

    /** Adds the id; returns false when it was already present. */
    boolean add(String eventId) {
        long[] h = hash(eventId);
        if ((size + 1) * 10L > high.length * 6L) {
            grow();
        }
        return insert(h[0], h[1]);
    }

    void remove(String eventId) {
        long[] h = hash(eventId);
        int mask = high.length - 1;
        int slot = (int) (h[0] ^ (h[0] >>> 32)) & mask;
        while (high[slot] != 0 || low[slot] != 0) {
            if (high[slot] == h[0] && low[slot] == h[1]) {
                // Backward-shift deletion keeps probe chains intact.
                int hole = slot;
                int next = (slot + 1) & mask;
                while (high[next] != 0 || low[next] != 0) {
                    int home = (int) (high[next] ^ (high[next] >>> 32)) & mask;
                    if (((next - home) & mask) >= ((next - hole) & mask)) {
                        high[hole] = high[next];
                        low[hole] = low[next];
                        hole = next;
                    }
                    next = (next + 1) & mask;
                }
                high[hole] = 0;
                low[hole] = 0;
                size--;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private boolean insert(long h1, long h2) {
        int mask = high.length - 1;
        int slot = (int) (h1 ^ (h1 >>> 32)) & mask;
        while (high[slot] != 0 || low[slot] != 0) {
            if (high[slot] == h1 && low[slot] == h2) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = h1;
        low[slot] = h2;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        size = 0;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private long[] hash(String eventId) {
        byte[] digest = md5.digest(eventId.getBytes(StandardCharsets.UTF_8));
        long h1 = 0;
        long h2 = 0;
        for (int i = 0; i < 8; i++) {
            h1 = (h1 << 8) | (digest[i] & 0xff);
            h2 = (h2 << 8) | (digest[i + 8] & 0xff);
        }
        if (h1 == 0 && h2 == 0) {
            h2 = 1;
        }
        return new long[] {h1, h2};
    }
}
