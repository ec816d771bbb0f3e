package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Length-prefixed arrays in model artifact files, written in bulk through a byte buffer. */
final class ArtifactCodec {
    private static final int CHUNK = 1 << 14;

    private ArtifactCodec() {
    }

    static void writeStrings(DataOutputStream out, String[] strings) throws IOException {
        out.writeInt(strings.length);
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    static String[] readStrings(DataInputStream in) throws IOException {
        String[] strings = new String[length(in)];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.readUTF();
        }
        return strings;
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Integer.BYTES);
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            buffer.clear();
            buffer.asIntBuffer().put(values, start, n);
            out.write(buffer.array(), 0, n * Integer.BYTES);
        }
    }

    static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[length(in)];
        byte[] bytes = new byte[CHUNK * Integer.BYTES];
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            in.readFully(bytes, 0, n * Integer.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Integer.BYTES).asIntBuffer().get(values, start, n);
        }
        return values;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES);
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, n);
            out.write(buffer.array(), 0, n * Float.BYTES);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[length(in)];
        byte[] bytes = new byte[CHUNK * Float.BYTES];
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            in.readFully(bytes, 0, n * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, start, n);
        }
        return values;
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Writes a scorer with a tag naming its class, so that {@link #readScorer} can read it back. */
    static void writeScorer(DataOutputStream out, ItemScorer scorer) throws IOException {
        if (scorer instanceof EaseModel ease) {
            out.writeUTF("ease");
            ease.write(out);
        } else if (scorer instanceof AlsModel als) {
            out.writeUTF("als");
            als.write(out);
        } else if (scorer instanceof BlendModel blend) {
            out.writeUTF("blend");
            blend.write(out);
        } else if (scorer instanceof CoOccurrenceModel coOccurrence) {
            out.writeUTF("co_occurrence");
            coOccurrence.write(out);
        } else if (scorer instanceof TrendingModel trending) {
            out.writeUTF("trending");
            trending.write(out);
        } else if (scorer instanceof PopularityModel popularity) {
            out.writeUTF("popularity");
            popularity.write(out);
        } else if (scorer instanceof SequenceModel sequence) {
            out.writeUTF("sequence");
            sequence.write(out);
        } else if (scorer instanceof AffinityModel affinity) {
            out.writeUTF("affinity");
            affinity.write(out);
        } else {
            throw new IllegalArgumentException("cannot save a " + scorer.getClass().getSimpleName());
        }
    }

    static ItemScorer readScorer(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        return switch (kind) {
            case "ease" -> EaseModel.read(in);
            case "als" -> AlsModel.read(in);
            case "blend" -> BlendModel.read(in);
            case "co_occurrence" -> CoOccurrenceModel.read(in);
            case "trending" -> TrendingModel.read(in);
            case "popularity" -> PopularityModel.read(in);
            case "affinity" -> AffinityModel.read(in);
            case "sequence" -> SequenceModel.read(in);
            default -> throw new IOException("unknown scorer '" + kind + "' in a model artifact");
        };
    }

    private static int length(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt model artifact: negative length " + length);
        }
        return length;
    }
}
