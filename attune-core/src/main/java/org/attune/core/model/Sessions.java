package org.attune.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Click sequences, one per session, as compact arrays (compressed sparse rows): session s's
 * clicks are the positions {@code start(s) .. end(s) - 1} in time order, each with a product
 * index and a time (epoch milliseconds). Unlike {@link Interactions}, order and repeats are
 * kept: a product clicked twice in a row is two positions. Sessions and products are numbered
 * 0.. in the order first seen; their ids are kept for output. Immutable.
 */
public final class Sessions {
    private final String[] sessions;
    private final String[] items;
    private final int[] offsets;
    private final int[] clicks;
    private final long[] timesMillis;

    private Sessions(String[] sessions, String[] items, int[] offsets, int[] clicks, long[] timesMillis) {
        this.sessions = sessions;
        this.items = items;
        this.offsets = offsets;
        this.clicks = clicks;
        this.timesMillis = timesMillis;
    }

    public int sessionCount() {
        return sessions.length;
    }

    public int itemCount() {
        return items.length;
    }

    /** Number of clicks in all sessions. */
    public int size() {
        return clicks.length;
    }

    public String sessionId(int session) {
        return sessions[session];
    }

    public String itemId(int item) {
        return items[item];
    }

    public int start(int session) {
        return offsets[session];
    }

    public int end(int session) {
        return offsets[session + 1];
    }

    /** Number of clicks of one session. */
    public int length(int session) {
        return offsets[session + 1] - offsets[session];
    }

    /** Product index of the click at {@code position}. */
    public int item(int position) {
        return clicks[position];
    }

    /** Time of the click at {@code position}, epoch milliseconds. */
    public long timeMillis(int position) {
        return timesMillis[position];
    }

    /**
     * Each session as one person of {@link Interactions}, with the same product numbering (also
     * for products no click refers to): a product clicked in a session is one interaction of
     * value 1, however often it was clicked (binary, as the other data sets' ratings; EASE
     * trained on YOOCHOOSE sessions predicts next clicks better so than with click counts), at
     * its latest click's time in epoch seconds.
     */
    public Interactions toInteractions() {
        Interactions.Builder builder = Interactions.builder();
        for (String item : items) {
            builder.addItem(item);
        }
        BitSet seen = new BitSet(items.length);
        for (int s = 0; s < sessions.length; s++) {
            seen.clear();
            for (int position = offsets[s]; position < offsets[s + 1]; position++) {
                int item = clicks[position];
                // A repeat adds nothing to the value but moves the pair's time to its latest click.
                builder.add(sessions[s], items[item], seen.get(item) ? 0f : 1f,
                        Math.floorDiv(timesMillis[position], 1000L));
                seen.set(item);
            }
        }
        return builder.build();
    }

    /**
     * The same sessions with {@code reference}'s product numbering, as a model trained on
     * {@code reference} sees them: clicks on products {@code reference} does not have are
     * dropped, then sessions left with fewer than {@code minLength} clicks.
     */
    public Sessions onProductsOf(Sessions reference, int minLength) {
        Map<String, Integer> known = new HashMap<>(reference.items.length * 2);
        for (int i = 0; i < reference.items.length; i++) {
            known.put(reference.items[i], i);
        }
        int[] mapped = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            mapped[i] = known.getOrDefault(items[i], -1);
        }
        List<String> keptSessions = new ArrayList<>();
        int[] newOffsets = new int[sessions.length + 1];
        int[] newClicks = new int[clicks.length];
        long[] newTimes = new long[clicks.length];
        int n = 0;
        for (int s = 0; s < sessions.length; s++) {
            int sessionStart = n;
            for (int position = offsets[s]; position < offsets[s + 1]; position++) {
                int item = mapped[clicks[position]];
                if (item >= 0) {
                    newClicks[n] = item;
                    newTimes[n++] = timesMillis[position];
                }
            }
            if (n - sessionStart < minLength) {
                n = sessionStart;
            } else {
                keptSessions.add(sessions[s]);
                newOffsets[keptSessions.size()] = n;
            }
        }
        return new Sessions(keptSessions.toArray(new String[0]), reference.items,
                Arrays.copyOf(newOffsets, keptSessions.size() + 1), Arrays.copyOf(newClicks, n),
                Arrays.copyOf(newTimes, n));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects clicks in any order; {@link #build} sorts each session's clicks by time. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> sessionIndex = new HashMap<>();
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final List<String> sessions = new ArrayList<>();
        private final List<String> items = new ArrayList<>();
        private int[] sessionOf = new int[1024];
        private int[] itemOf = new int[1024];
        private long[] timeOf = new long[1024];
        private int size;

        /**
         * Adds one click.
         *
         * @param timeMillis epoch milliseconds
         */
        public Builder add(String session, String item, long timeMillis) {
            int s = sessionIndex.computeIfAbsent(session, k -> {
                sessions.add(k);
                return sessions.size() - 1;
            });
            int i = itemIndex.computeIfAbsent(item, k -> {
                items.add(k);
                return items.size() - 1;
            });
            if (size == sessionOf.length) {
                sessionOf = Arrays.copyOf(sessionOf, size * 2);
                itemOf = Arrays.copyOf(itemOf, size * 2);
                timeOf = Arrays.copyOf(timeOf, size * 2);
            }
            sessionOf[size] = s;
            itemOf[size] = i;
            timeOf[size++] = timeMillis;
            return this;
        }

        /** Groups the clicks by session and orders each session by time; equal times keep the order added. */
        public Sessions build() {
            int[] offsets = new int[sessions.size() + 1];
            for (int c = 0; c < size; c++) {
                offsets[sessionOf[c] + 1]++;
            }
            for (int s = 0; s < sessions.size(); s++) {
                offsets[s + 1] += offsets[s];
            }
            int[] next = Arrays.copyOf(offsets, sessions.size());
            Integer[] order = new Integer[size];
            for (int c = 0; c < size; c++) {
                order[next[sessionOf[c]]++] = c;
            }
            for (int s = 0; s < sessions.size(); s++) {
                // Arrays.sort on objects is stable, so equal times keep the order added.
                Arrays.sort(order, offsets[s], offsets[s + 1], (a, b) -> Long.compare(timeOf[a], timeOf[b]));
            }
            int[] clicks = new int[size];
            long[] times = new long[size];
            for (int position = 0; position < size; position++) {
                clicks[position] = itemOf[order[position]];
                times[position] = timeOf[order[position]];
            }
            return new Sessions(sessions.toArray(new String[0]), items.toArray(new String[0]), offsets, clicks,
                    times);
        }
    }
}
