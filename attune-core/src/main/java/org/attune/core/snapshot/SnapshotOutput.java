package org.attune.core.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the values of a snapshot: fixed-width numbers, strings as UTF-8 with their length
 * (null allowed), and arrays with their length. Not thread-safe.
 */
public final class SnapshotOutput {
    private final DataOutputStream out;

    SnapshotOutput(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    public void writeInt(int value) throws IOException {
        out.writeInt(value);
    }

    public void writeLong(long value) throws IOException {
        out.writeLong(value);
    }

    public void writeFloat(float value) throws IOException {
        out.writeFloat(value);
    }

    public void writeDouble(double value) throws IOException {
        out.writeDouble(value);
    }

    public void writeBoolean(boolean value) throws IOException {
        out.writeBoolean(value);
    }

    /** A string, or null. */
    public void writeString(String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** An int array, or null. */
    public void writeInts(int[] values) throws IOException {
        writeInts(values, values == null ? 0 : values.length);
    }

    /** The first {@code length} values of an int array, or null. */
    public void writeInts(int[] values, int length) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            out.writeInt(values[i]);
        }
    }

    /** The first {@code length} values of a long array, or null. */
    public void writeLongs(long[] values, int length) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            out.writeLong(values[i]);
        }
    }

    /** A long array, or null. */
    public void writeLongs(long[] values) throws IOException {
        writeLongs(values, values == null ? 0 : values.length);
    }

    /** The first {@code length} values of a float array, or null. */
    public void writeFloats(float[] values, int length) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            out.writeFloat(values[i]);
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}
