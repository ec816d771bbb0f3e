package org.attune.core.snapshot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link SnapshotOutput} wrote, refusing lengths that cannot be right so that a
 * damaged file fails with an exception instead of exhausting memory. Not thread-safe.
 */
public final class SnapshotInput {
    /** No array or string of a snapshot is longer (2^28 values: 2 GiB of longs). */
    private static final int MAX_LENGTH = 1 << 28;

    private final DataInputStream in;

    SnapshotInput(InputStream in) {
        this.in = new DataInputStream(in);
    }

    public int readInt() throws IOException {
        return in.readInt();
    }

    public long readLong() throws IOException {
        return in.readLong();
    }

    public float readFloat() throws IOException {
        return in.readFloat();
    }

    public double readDouble() throws IOException {
        return in.readDouble();
    }

    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    public String readString() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int[] readInts() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    public long[] readLongs() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    public float[] readFloats() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /** A count written as an int, checked to lie between 0 and {@code max}. */
    public int readCount(int max) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IOException("snapshot damaged: a count of " + count + " where at most " + max + " fit");
        }
        return count;
    }

    private int length() throws IOException {
        int length = in.readInt();
        if (length < -1 || length > MAX_LENGTH) {
            throw new IOException("snapshot damaged: a length of " + length);
        }
        return length;
    }
}
