package org.attune.core.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.eventlog.SegmentFrames.FrameHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link FileEventLog}'s frames forward; opens segments as it reaches them and
 * never reads past the durable end (the log's last sequence number when a read begins),
 * so it never sees a frame the writer has not yet synced.
 *
 * <p>Not thread-safe: one reader, one cursor (see {@link EventLogCursor}); any number of
 * cursors may read beside the writer.
 */
final class FileEventLogCursor implements EventLogCursor {
    private static final Logger LOG = LoggerFactory.getLogger(FileEventLogCursor.class);

    private final SegmentFiles files;
    private final EventCodec codec;
    private final LongSupplier durableEnd;
    private final ByteBuffer header = ByteBuffer.allocate(SegmentFrames.HEADER_BYTES);
    private long position;
    private Path segment;
    private FileChannel channel;
    private long offset;

    /** @param durableEnd the sequence number of the last durable event */
    FileEventLogCursor(SegmentFiles files, EventCodec codec, LongSupplier durableEnd, long fromSeq) {
        this.files = files;
        this.codec = codec;
        this.durableEnd = durableEnd;
        this.position = fromSeq;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int read(int maxEvents, Consumer<Event> sink) {
        long start = position;
        int[] read = {0};
        readFrames(maxEvents, (firstSeq, count, payload) -> codec.decode(payload, 0, payload.length, firstSeq,
                event -> {
                    if (event.seq() >= start) {
                        sink.accept(event);
                        read[0]++;
                    }
                }));
        return read[0];
    }

    @Override
    public int readFrames(int maxEvents, FrameSink sink) {
        long durable = durableEnd.getAsLong();
        int events = 0;
        try {
            while (position <= durable && (events == 0 || events < maxEvents)) {
                if (!openSegmentHoldingPosition()) {
                    break;
                }
                FrameHeader frame = SegmentFrames.readHeader(channel, offset, channel.size(), header);
                if (frame == null) {
                    // The end of this segment's frames (file end or zero fill): the next one starts at position.
                    if (!openNextSegment()) {
                        break;
                    }
                    continue;
                }
                long frameEnd = frame.firstSeq() + frame.count();
                if (frameEnd <= position) {
                    offset += SegmentFrames.HEADER_BYTES + frame.payloadLength();
                    continue;
                }
                byte[] payload = SegmentFrames.readPayload(channel, offset, frame);
                if (payload == null) {
                    throw new IOException("corrupt frame in " + segment + " at offset " + offset);
                }
                offset += SegmentFrames.HEADER_BYTES + frame.payloadLength();
                int fresh = (int) (frameEnd - position);
                position = frameEnd;
                sink.frame(frame.firstSeq(), frame.count(), payload);
                events += fresh;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private boolean openSegmentHoldingPosition() throws IOException {
        if (channel != null) {
            return true;
        }
        Path wanted = null;
        for (Path candidate : files.segments()) {
            if (SegmentFiles.firstSeq(candidate) <= position) {
                wanted = candidate;
            }
        }
        if (wanted == null) {
            return false;
        }
        open(wanted);
        return true;
    }

    private boolean openNextSegment() throws IOException {
        Path next = files.segment(position);
        if (next.equals(segment) || !Files.exists(next)) {
            return false;
        }
        open(next);
        return true;
    }

    private void open(Path file) throws IOException {
        if (channel != null) {
            channel.close();
        }
        segment = file;
        channel = FileChannel.open(file, StandardOpenOption.READ);
        offset = 0;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing cursor failed", e);
        }
    }
}
