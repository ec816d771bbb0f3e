package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Length-prefixed arrays in model artifact files, written in bulk through a byte buffer: what a
 * kind's {@link ScorerFormat} writes its scorer with. Stateless.
 */
public final class ArtifactCodec {
    private static final int CHUNK = 1 << 14;

    private ArtifactCodec() {
    }

    public static void writeStrings(DataOutputStream out, String[] strings) throws IOException {
        out.writeInt(strings.length);
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    public static String[] readStrings(DataInputStream in) throws IOException {
        String[] strings = new String[length(in)];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.readUTF();
        }
        return strings;
    }

    public static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Integer.BYTES);
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            buffer.clear();
            buffer.asIntBuffer().put(values, start, n);
            out.write(buffer.array(), 0, n * Integer.BYTES);
        }
    }

    public static int[] readInts(DataInputStream in) throws IOException {
        return readInts(in, Integer.MAX_VALUE);
    }

    /**
     * Reads an array written by {@link #writeInts} that may hold at most {@code maxLength}
     * values, refusing a longer one before allocating it (a damaged length cannot exhaust memory).
     */
    public static int[] readInts(DataInputStream in, int maxLength) throws IOException {
        int[] values = new int[length(in, maxLength)];
        byte[] bytes = new byte[CHUNK * Integer.BYTES];
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            in.readFully(bytes, 0, n * Integer.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Integer.BYTES).asIntBuffer().get(values, start, n);
        }
        return values;
    }

    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES);
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, n);
            out.write(buffer.array(), 0, n * Float.BYTES);
        }
    }

    public static float[] readFloats(DataInputStream in) throws IOException {
        return readFloats(in, Integer.MAX_VALUE);
    }

    /** Like {@link #readInts(DataInputStream, int)}, for floats. */
    public static float[] readFloats(DataInputStream in, int maxLength) throws IOException {
        float[] values = new float[length(in, maxLength)];
        byte[] bytes = new byte[CHUNK * Float.BYTES];
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            in.readFully(bytes, 0, n * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, start, n);
        }
        return values;
    }

    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static int length(DataInputStream in) throws IOException {
        return length(in, Integer.MAX_VALUE);
    }

    private static int length(DataInputStream in, int maxLength) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt model artifact: negative length " + length);
        }
        if (length > maxLength) {
            throw new IOException("corrupt model artifact: an array of " + length + " values where at most "
                    + maxLength + " can be");
        }
        return length;
    }
}
