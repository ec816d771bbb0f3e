package org.attune.core.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link SnapshotOutput} wrote, through a buffer of its own, refusing lengths that
 * cannot be right so that a damaged file fails with an exception instead of exhausting
 * memory. Not thread-safe.
 */
public final class SnapshotInput {
    /** No array or string of a snapshot is longer (2^28 values: 2 GiB of longs). */
    private static final int MAX_LENGTH = 1 << 28;
    private static final int BUFFER = 1 << 20;

    private final InputStream in;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).limit(0);

    SnapshotInput(InputStream in) {
        this.in = in;
    }

    /** Makes at least {@code bytes} (at most the buffer's size) readable. */
    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        while (buffer.position() < bytes) {
            int read = in.read(buffer.array(), buffer.position(), buffer.capacity() - buffer.position());
            if (read < 0) {
                throw new EOFException("the snapshot ends early");
            }
            buffer.position(buffer.position() + read);
        }
        buffer.flip();
    }

    public int readInt() throws IOException {
        need(4);
        return buffer.getInt();
    }

    public long readLong() throws IOException {
        need(8);
        return buffer.getLong();
    }

    public float readFloat() throws IOException {
        need(4);
        return buffer.getFloat();
    }

    public double readDouble() throws IOException {
        need(8);
        return buffer.getDouble();
    }

    public boolean readBoolean() throws IOException {
        need(1);
        byte value = buffer.get();
        if (value != 0 && value != 1) {
            throw new IOException("snapshot damaged: " + value + " where true or false belongs");
        }
        return value == 1;
    }

    /** Raw bytes written without their length. */
    void readBytes(byte[] into) throws IOException {
        for (int from = 0; from < into.length; ) {
            need(1);
            int n = Math.min(buffer.remaining(), into.length - from);
            buffer.get(into, from, n);
            from += n;
        }
    }

    public String readString() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        readBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int[] readInts() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int from = 0; from < length; ) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, length - from);
            buffer.asIntBuffer().get(values, from, n);
            buffer.position(buffer.position() + 4 * n);
            from += n;
        }
        return values;
    }

    public long[] readLongs() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int from = 0; from < length; ) {
            need(8);
            int n = Math.min(buffer.remaining() / 8, length - from);
            buffer.asLongBuffer().get(values, from, n);
            buffer.position(buffer.position() + 8 * n);
            from += n;
        }
        return values;
    }

    public float[] readFloats() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        float[] values = new float[length];
        for (int from = 0; from < length; ) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, length - from);
            buffer.asFloatBuffer().get(values, from, n);
            buffer.position(buffer.position() + 4 * n);
            from += n;
        }
        return values;
    }

    /** A count written as an int, checked to lie between 0 and {@code max}. */
    public int readCount(int max) throws IOException {
        int count = readInt();
        if (count < 0 || count > max) {
            throw new IOException("snapshot damaged: a count of " + count + " where at most " + max + " fit");
        }
        return count;
    }

    private int length() throws IOException {
        int length = readInt();
        if (length < -1 || length > MAX_LENGTH) {
            throw new IOException("snapshot damaged: a length of " + length);
        }
        return length;
    }
}
