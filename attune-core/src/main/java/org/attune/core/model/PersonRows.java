package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The interactions a model version was trained on, per person, kept for serving: at request
 * time a person is scored from their whole training history (then the events that arrived
 * since), exactly as the model saw them in training, instead of from the few recent events a
 * live profile holds. Each row is one person's products in time order (oldest first, ties in
 * the order the training read them), each with its value and its time, the newest
 * {@code maxPerPerson} of them at most. Products are the version's product indexes.
 *
 * <p>Memory: 12 bytes per kept (person, product) pair (an int product, a float value, an int
 * time in epoch seconds) plus the person's key (about 50 bytes) and an offset; the artifact
 * file holds the same. Immutable; reads are thread-safe.
 */
public final class PersonRows {
    /** The newest products kept per person unless a model says otherwise. */
    public static final int DEFAULT_MAX_PER_PERSON = 2_000;

    /** People's keys, sorted (by {@code String.compareTo}), for binary search. */
    private final String[] people;
    private final int[] offsets;
    private final int[] items;
    private final float[] values;
    private final int[] times;

    private PersonRows(String[] people, int[] offsets, int[] items, float[] values, int[] times) {
        this.people = people;
        this.offsets = offsets;
        this.items = items;
        this.values = values;
        this.times = times;
    }

    /** No one: what a version trained before rows were kept serves with. */
    public static PersonRows none() {
        return new PersonRows(new String[0], new int[] {0}, new int[0], new float[0], new int[0]);
    }

    /**
     * Every person's interactions of {@code data}, each row in time order and cut to its newest
     * {@code maxPerPerson} products.
     */
    public static PersonRows of(Interactions data, int maxPerPerson) {
        if (maxPerPerson < 1) {
            throw new IllegalArgumentException("maxPerPerson must be at least 1, got " + maxPerPerson);
        }
        Integer[] order = new Integer[data.personCount()];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (a, b) -> data.personId(a).compareTo(data.personId(b)));
        long total = 0;
        for (int p = 0; p < order.length; p++) {
            total += Math.min(maxPerPerson, data.end(p) - data.start(p));
        }
        String[] people = new String[order.length];
        int[] offsets = new int[order.length + 1];
        int[] items = new int[Math.toIntExact(total)];
        float[] values = new float[items.length];
        int[] times = new int[items.length];
        int at = 0;
        for (int row = 0; row < order.length; row++) {
            int person = order[row];
            people[row] = data.personId(person);
            int start = data.start(person);
            Integer[] positions = new Integer[data.end(person) - start];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = start + i;
            }
            Arrays.sort(positions, (a, b) -> data.time(a) != data.time(b) ? Long.compare(data.time(a), data.time(b))
                    : Integer.compare(a, b));
            for (int i = Math.max(0, positions.length - maxPerPerson); i < positions.length; i++) {
                items[at] = data.item(positions[i]);
                values[at] = data.value(positions[i]);
                times[at] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, data.time(positions[i])));
                at++;
            }
            offsets[row + 1] = at;
        }
        return new PersonRows(people, offsets, items, values, times);
    }

    /** How many people have a row. */
    public int personCount() {
        return people.length;
    }

    /** How many (person, product) pairs are kept. */
    public int size() {
        return items.length;
    }

    /** The row of the person with this key (as the training read people), or -1 when they have none. */
    public int row(String person) {
        int found = Arrays.binarySearch(people, person);
        return found < 0 ? -1 : found;
    }

    public int start(int row) {
        return offsets[row];
    }

    public int end(int row) {
        return offsets[row + 1];
    }

    /** The product index at {@code position}. */
    public int item(int position) {
        return items[position];
    }

    public float value(int position) {
        return values[position];
    }

    /** Epoch seconds of the interaction at {@code position} (the latest of a repeated pair); 0 when unknown. */
    public long time(int position) {
        return times[position];
    }

    /** Writes the rows with {@link ArtifactCodec}: what {@link #read} reads back. */
    public void write(DataOutputStream out) throws IOException {
        ArtifactCodec.writeStrings(out, people);
        ArtifactCodec.writeInts(out, offsets);
        ArtifactCodec.writeInts(out, items);
        ArtifactCodec.writeFloats(out, values);
        ArtifactCodec.writeInts(out, times);
    }

    /**
     * Reads rows written by {@link #write}.
     *
     * @param itemCount the version's product count: every product must be below it
     * @throws IOException when the input ends early or does not hold such rows
     */
    public static PersonRows read(DataInputStream in, int itemCount) throws IOException {
        String[] people = ArtifactCodec.readStrings(in);
        int[] offsets = ArtifactCodec.readInts(in, people.length + 1);
        int[] items = ArtifactCodec.readInts(in);
        float[] values = ArtifactCodec.readFloats(in, items.length);
        int[] times = ArtifactCodec.readInts(in, items.length);
        if (offsets.length != people.length + 1 || values.length != items.length || times.length != items.length
                || offsets[0] != 0 || offsets[people.length] != items.length) {
            throw new IOException("corrupt person rows: " + people.length + " people, " + offsets.length
                    + " offsets, " + items.length + " products, " + values.length + " values, " + times.length
                    + " times");
        }
        for (int i = 0; i < people.length; i++) {
            if (offsets[i + 1] < offsets[i] || i > 0 && people[i - 1].compareTo(people[i]) >= 0) {
                throw new IOException("corrupt person rows: row " + i + " is out of order");
            }
        }
        for (int item : items) {
            if (item < 0 || item >= itemCount) {
                throw new IOException("corrupt person rows: product " + item + " outside the " + itemCount
                        + " products");
            }
        }
        return new PersonRows(people, offsets, items, values, times);
    }
}
