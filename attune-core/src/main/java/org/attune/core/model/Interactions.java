package org.attune.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who interacted with which product, how strongly and when, as compact arrays grouped by
 * person (compressed sparse rows): person p's interactions are the positions
 * {@code start(p) .. end(p) - 1}, each with a product index, a value and a time (epoch
 * seconds, 0 when unknown). A person holds a product at most once: repeated interactions
 * add up their values and keep the latest time. People and products are numbered 0.. in
 * the order first seen; their ids are kept for output. Immutable.
 */
public final class Interactions {
    private final String[] people;
    private final String[] items;
    private final int[] offsets;
    private final int[] itemIndexes;
    private final float[] values;
    private final long[] times;

    private Interactions(String[] people, String[] items, int[] offsets, int[] itemIndexes, float[] values,
                         long[] times) {
        this.people = people;
        this.items = items;
        this.offsets = offsets;
        this.itemIndexes = itemIndexes;
        this.values = values;
        this.times = times;
    }

    public int personCount() {
        return people.length;
    }

    public int itemCount() {
        return items.length;
    }

    /** Number of (person, product) pairs. */
    public int size() {
        return itemIndexes.length;
    }

    public String personId(int person) {
        return people[person];
    }

    public String itemId(int item) {
        return items[item];
    }

    public int start(int person) {
        return offsets[person];
    }

    public int end(int person) {
        return offsets[person + 1];
    }

    /** Product index of the interaction at {@code position}. */
    public int item(int position) {
        return itemIndexes[position];
    }

    public float value(int position) {
        return values[position];
    }

    /** Time of the interaction at {@code position} (the latest, for a repeated pair), epoch seconds; 0 when unknown. */
    public long time(int position) {
        return times[position];
    }

    /** The product indexes of one person, in the order they were added. */
    public int[] itemsOf(int person) {
        return Arrays.copyOfRange(itemIndexes, offsets[person], offsets[person + 1]);
    }

    /**
     * The product indexes of one person ordered by time, ties (and unknown times) in the order
     * they were added: the order a sequence model reads them in.
     */
    public int[] itemsInTimeOrder(int person) {
        int[] positions = positionsInTimeOrder(person);
        int[] ordered = new int[positions.length];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = itemIndexes[positions[i]];
        }
        return ordered;
    }

    /** The times of one person's interactions in the order of {@link #itemsInTimeOrder}. */
    public long[] timesInTimeOrder(int person) {
        int[] positions = positionsInTimeOrder(person);
        long[] ordered = new long[positions.length];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = times[positions[i]];
        }
        return ordered;
    }

    private int[] positionsInTimeOrder(int person) {
        int start = offsets[person];
        Integer[] positions = new Integer[offsets[person + 1] - start];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = start + i;
        }
        Arrays.sort(positions, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b])
                : Integer.compare(a, b));
        int[] ordered = new int[positions.length];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = positions[i];
        }
        return ordered;
    }

    /** Every person's {@link #itemsInTimeOrder} in person order: what a sequence model learns from. */
    public List<int[]> sequencesInTimeOrder() {
        List<int[]> sequences = new ArrayList<>(personCount());
        for (int p = 0; p < personCount(); p++) {
            sequences.add(itemsInTimeOrder(p));
        }
        return sequences;
    }

    /** Every person's {@link #timesInTimeOrder} in person order, matching {@link #sequencesInTimeOrder}. */
    public List<long[]> sequenceTimesInTimeOrder() {
        List<long[]> sequences = new ArrayList<>(personCount());
        for (int p = 0; p < personCount(); p++) {
            sequences.add(timesInTimeOrder(p));
        }
        return sequences;
    }

    /**
     * The same people and products (same numbering) with, per person, only the interactions
     * {@code keep} selects.
     */
    public Interactions filter(PositionFilter keep) {
        int[] newOffsets = new int[offsets.length];
        int[] newItems = new int[itemIndexes.length];
        float[] newValues = new float[values.length];
        long[] newTimes = new long[times.length];
        int n = 0;
        for (int p = 0; p < people.length; p++) {
            newOffsets[p] = n;
            for (int i = offsets[p]; i < offsets[p + 1]; i++) {
                if (keep.keep(p, i)) {
                    newItems[n] = itemIndexes[i];
                    newTimes[n] = times[i];
                    newValues[n++] = values[i];
                }
            }
        }
        newOffsets[people.length] = n;
        return new Interactions(people, items, newOffsets, Arrays.copyOf(newItems, n), Arrays.copyOf(newValues, n),
                Arrays.copyOf(newTimes, n));
    }

    /** Chooses interactions by person and position. */
    @FunctionalInterface
    public interface PositionFilter {
        boolean keep(int person, int position);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects interactions in any order. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> personIndex = new HashMap<>();
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final List<String> people = new ArrayList<>();
        private final List<String> items = new ArrayList<>();
        private final List<Map<Integer, Cell>> byPerson = new ArrayList<>();

        /** A (person, product) pair's value and latest time while building. */
        private static final class Cell {
            float value;
            long time;
        }

        /**
         * Numbers a product (when not yet known) without any interaction, so that the product
         * numbering can follow another data set's.
         */
        public Builder addItem(String item) {
            itemIndex.computeIfAbsent(item, k -> {
                items.add(k);
                return items.size() - 1;
            });
            return this;
        }

        /** Adds an interaction without a time; a repeated (person, product) pair adds up its values. */
        public Builder add(String person, String item, float value) {
            return add(person, item, value, 0);
        }

        /**
         * Adds an interaction; a repeated (person, product) pair adds up its values and keeps
         * the latest time.
         *
         * @param time epoch seconds, 0 when unknown
         */
        public Builder add(String person, String item, float value, long time) {
            int p = personIndex.computeIfAbsent(person, k -> {
                people.add(k);
                byPerson.add(new java.util.LinkedHashMap<>());
                return people.size() - 1;
            });
            int i = itemIndex.computeIfAbsent(item, k -> {
                items.add(k);
                return items.size() - 1;
            });
            Cell cell = byPerson.get(p).computeIfAbsent(i, k -> new Cell());
            cell.value += value;
            cell.time = Math.max(cell.time, time);
            return this;
        }

        public Interactions build() {
            int total = byPerson.stream().mapToInt(Map::size).sum();
            int[] offsets = new int[people.size() + 1];
            int[] itemIndexes = new int[total];
            float[] values = new float[total];
            long[] times = new long[total];
            int n = 0;
            for (int p = 0; p < people.size(); p++) {
                offsets[p] = n;
                for (Map.Entry<Integer, Cell> entry : byPerson.get(p).entrySet()) {
                    itemIndexes[n] = entry.getKey();
                    times[n] = entry.getValue().time;
                    values[n++] = entry.getValue().value;
                }
            }
            offsets[people.size()] = n;
            return new Interactions(people.toArray(new String[0]), items.toArray(new String[0]), offsets,
                    itemIndexes, values, times);
        }
    }
}
