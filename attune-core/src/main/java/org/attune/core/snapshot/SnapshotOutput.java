package org.attune.core.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Checksum;

/**
 * Writes the values of a snapshot, big-endian, through a buffer of its own (arrays are copied
 * in bulk: a million profiles write in seconds, not minutes): fixed-width numbers, strings as
 * UTF-8 with their length (null allowed), and arrays with their length. Every byte written
 * also goes into the checksum. Not thread-safe.
 */
public final class SnapshotOutput {
    private static final int BUFFER = 1 << 20;

    private final OutputStream out;
    private final Checksum checksum;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

    SnapshotOutput(OutputStream out, Checksum checksum) {
        this.out = out;
        this.checksum = checksum;
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    public void writeInt(int value) throws IOException {
        room(4);
        buffer.putInt(value);
    }

    public void writeLong(long value) throws IOException {
        room(8);
        buffer.putLong(value);
    }

    public void writeFloat(float value) throws IOException {
        room(4);
        buffer.putFloat(value);
    }

    public void writeDouble(double value) throws IOException {
        room(8);
        buffer.putDouble(value);
    }

    public void writeBoolean(boolean value) throws IOException {
        room(1);
        buffer.put(value ? (byte) 1 : (byte) 0);
    }

    /** Raw bytes, without their length. */
    void writeBytes(byte[] bytes) throws IOException {
        for (int from = 0; from < bytes.length; ) {
            room(1);
            int n = Math.min(buffer.remaining(), bytes.length - from);
            buffer.put(bytes, from, n);
            from += n;
        }
    }

    /** A string, or null. */
    public void writeString(String value) throws IOException {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        writeBytes(bytes);
    }

    /** An int array, or null. */
    public void writeInts(int[] values) throws IOException {
        writeInts(values, values == null ? 0 : values.length);
    }

    /** The first {@code length} values of an int array, or null. */
    public void writeInts(int[] values, int length) throws IOException {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(length);
        for (int from = 0; from < length; ) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, length - from);
            buffer.asIntBuffer().put(values, from, n);
            buffer.position(buffer.position() + 4 * n);
            from += n;
        }
    }

    /** A long array, or null. */
    public void writeLongs(long[] values) throws IOException {
        writeLongs(values, values == null ? 0 : values.length);
    }

    /** The first {@code length} values of a long array, or null. */
    public void writeLongs(long[] values, int length) throws IOException {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(length);
        for (int from = 0; from < length; ) {
            room(8);
            int n = Math.min(buffer.remaining() / 8, length - from);
            buffer.asLongBuffer().put(values, from, n);
            buffer.position(buffer.position() + 8 * n);
            from += n;
        }
    }

    /** The first {@code length} values of a float array, or null. */
    public void writeFloats(float[] values, int length) throws IOException {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(length);
        for (int from = 0; from < length; ) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, length - from);
            buffer.asFloatBuffer().put(values, from, n);
            buffer.position(buffer.position() + 4 * n);
            from += n;
        }
    }

    /** Writes out what the buffer holds. */
    void flush() throws IOException {
        if (buffer.position() > 0) {
            checksum.update(buffer.array(), 0, buffer.position());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
