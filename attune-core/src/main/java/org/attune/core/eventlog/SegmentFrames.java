package org.attune.core.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The frame format of a segment file. A segment is a run of frames
 *
 * <pre>
 * int magic 'ATL1' | long firstSeq | int count | int payloadLength | int crc32c | payload
 * </pre>
 *
 * where the CRC covers firstSeq, count, payloadLength and the payload, and the payload
 * is {@code count} events in {@link org.attune.core.event.EventCodec}'s form. What follows
 * the last frame is either the file's end or zeros (a segment is zero-filled before use),
 * and both read as "no frame", as does a frame cut short by a crash.
 *
 * <p>Stateless: every method works only on the channel and buffer it is given, so calls
 * on different channels may run at once; a header buffer belongs to one caller.
 */
final class SegmentFrames {
    static final int MAGIC = 0x41544C31;
    static final int HEADER_BYTES = 24;

    private SegmentFrames() {
    }

    record FrameHeader(long firstSeq, int count, int payloadLength, int crc) {
    }

    /** What {@link #forEach} does with one frame's payload. */
    @FunctionalInterface
    interface FrameVisitor {
        void frame(FrameHeader frame, byte[] payload) throws IOException;
    }

    /** Puts one whole frame (header and payload) into {@code buffer}. */
    static void put(ByteBuffer buffer, long firstSeq, int count, byte[] payload) {
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(16).putLong(firstSeq).putInt(count).putInt(payload.length);
        crc.update(head.array(), 0, 16);
        crc.update(payload);
        buffer.putInt(MAGIC).putLong(firstSeq).putInt(count).putInt(payload.length).putInt((int) crc.getValue());
        buffer.put(payload);
    }

    /**
     * Visits every frame of a closed segment in order.
     *
     * @throws IOException when a frame's payload does not match its CRC
     */
    static void forEach(FileChannel channel, FrameVisitor visitor) throws IOException {
        long size = channel.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        for (FrameHeader frame = readHeader(channel, offset, size, header); frame != null;
             frame = readHeader(channel, offset, size, header)) {
            byte[] payload = readPayload(channel, offset, frame);
            if (payload == null) {
                throw new IOException("corrupt frame at offset " + offset);
            }
            visitor.frame(frame, payload);
            offset += HEADER_BYTES + frame.payloadLength;
        }
    }

    /**
     * The header of the frame at {@code offset}, or null where no whole frame starts there
     * (the end of the frames: file end, zero fill or a torn frame).
     */
    static FrameHeader readHeader(FileChannel channel, long offset, long size, ByteBuffer header) throws IOException {
        if (offset + HEADER_BYTES > size) {
            return null;
        }
        header.clear();
        while (header.hasRemaining()) {
            if (channel.read(header, offset + header.position()) < 0) {
                return null;
            }
        }
        header.flip();
        if (header.getInt() != MAGIC) {
            return null;
        }
        FrameHeader frame = new FrameHeader(header.getLong(), header.getInt(), header.getInt(), header.getInt());
        if (frame.count <= 0 || frame.payloadLength < 0 || offset + HEADER_BYTES + frame.payloadLength > size) {
            return null;
        }
        return frame;
    }

    static boolean crcMatches(FileChannel channel, long offset, FrameHeader frame) throws IOException {
        return readPayload(channel, offset, frame) != null;
    }

    /** The payload of the frame at {@code offset}, or null when it is cut short or does not match its CRC. */
    static byte[] readPayload(FileChannel channel, long offset, FrameHeader frame) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(frame.payloadLength);
        while (payload.hasRemaining()) {
            if (channel.read(payload, offset + HEADER_BYTES + payload.position()) < 0) {
                return null;
            }
        }
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(16).putLong(frame.firstSeq).putInt(frame.count).putInt(frame.payloadLength);
        crc.update(head.array(), 0, 16);
        crc.update(payload.array());
        return (int) crc.getValue() == frame.crc ? payload.array() : null;
    }

    /** Writes zeros from {@code from} up to {@code to}: what reads as "no frame". */
    static void zeroFill(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        long at = from;
        while (at < to) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), to - at));
            while (zeros.hasRemaining()) {
                at += channel.write(zeros, at);
            }
        }
    }

    /** Whether the bytes from {@code offset} on are the zero fill of a prepared segment. */
    static boolean zeroesFollow(FileChannel channel, long offset, long size) throws IOException {
        ByteBuffer probe = ByteBuffer.allocate((int) Math.min(HEADER_BYTES, size - offset));
        while (probe.hasRemaining()) {
            if (channel.read(probe, offset + probe.position()) < 0) {
                break;
            }
        }
        for (byte b : probe.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
