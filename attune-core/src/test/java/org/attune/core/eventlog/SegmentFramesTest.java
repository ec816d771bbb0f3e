package org.attune.core.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attune.core.eventlog.SegmentFrames.FrameHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFramesTest {
    @TempDir
    Path dir;

    @Test
    void framesReadBackInOrderAndTheZerosAfterThemReadAsNoFrame() throws IOException {
        try (FileChannel channel = segment()) {
            write(channel, 0, frame(1, 2, "a\nb\n"), frame(3, 1, "c\n"));
            long end = channel.size();
            SegmentFrames.zeroFill(channel, end, end + 100);

            List<String> read = new ArrayList<>();
            SegmentFrames.forEach(channel, (frame, payload) ->
                    read.add(frame.firstSeq() + "+" + frame.count() + ":" + new String(payload, StandardCharsets.UTF_8)));

            assertThat(read).containsExactly("1+2:a\nb\n", "3+1:c\n");
            assertThat(SegmentFrames.zeroesFollow(channel, end, channel.size())).isTrue();
            assertThat(SegmentFrames.zeroesFollow(channel, 0, channel.size())).isFalse();
        }
    }

    @Test
    void aFrameCutShortHasNoHeaderAndAChangedByteFailsItsCrc() throws IOException {
        byte[] whole = frame(7, 1, "event\n");
        try (FileChannel channel = segment()) {
            write(channel, 0, Arrays.copyOf(whole, whole.length - 1));
            ByteBuffer header = ByteBuffer.allocate(SegmentFrames.HEADER_BYTES);
            assertThat(SegmentFrames.readHeader(channel, 0, channel.size(), header)).isNull();

            whole[whole.length - 2] ^= 1;
            write(channel, 0, whole);
            FrameHeader frame = SegmentFrames.readHeader(channel, 0, channel.size(), header);
            assertThat(frame).isEqualTo(new FrameHeader(7, 1, 6, frame.crc()));
            assertThat(SegmentFrames.crcMatches(channel, 0, frame)).isFalse();
            assertThatThrownBy(() -> SegmentFrames.forEach(channel, (f, p) -> { }))
                    .hasMessageContaining("corrupt frame at offset 0");
        }
    }

    @Test
    void segmentNamesSortInLogOrder() {
        SegmentFiles files = new SegmentFiles(dir);
        assertThat(SegmentFiles.segmentName(12)).isEqualTo("00000000000000000012.log");
        assertThat(SegmentFiles.segmentName(9)).isLessThan(SegmentFiles.segmentName(10));
        assertThat(SegmentFiles.firstSeq(files.segment(1234))).isEqualTo(1234);
    }

    private FileChannel segment() throws IOException {
        return FileChannel.open(dir.resolve(SegmentFiles.segmentName(1)), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static byte[] frame(long firstSeq, int count, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(SegmentFrames.HEADER_BYTES + bytes.length);
        SegmentFrames.put(buffer, firstSeq, count, bytes);
        return buffer.array();
    }

    private static void write(FileChannel channel, long at, byte[]... frames) throws IOException {
        channel.truncate(at);
        long position = at;
        for (byte[] frame : frames) {
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }
}
