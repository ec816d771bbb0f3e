package org.attune.core.eventlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.eventlog.SegmentFrames.FrameHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log as segment files in one directory ({@link SegmentFiles}), each a run of
 * framed batches with a CRC ({@link SegmentFrames}). A crash can leave at most the last
 * frame of the last segment incomplete; opening the log cuts it off, which is safe
 * because that frame was never acknowledged.
 *
 * <p>One writer thread takes every batch waiting, writes them with one write call and
 * makes them durable with one {@code fdatasync}: concurrent requests share the sync.
 * Listeners hear of each batch on that thread once it is acknowledged.
 *
 * <p>Segments are zero-filled to their full size before use, by a background thread
 * that keeps the next segment ready ({@link SegmentPreparer}), so that a sync flushes
 * data only. The zeros after the last frame read as "no frame".
 *
 * <p>Readers are {@link FileEventLogCursor}s, which never read past the durable end;
 * {@link #redact} rewrites closed segments ({@link SegmentRedaction}). Thread-safe, as
 * {@link EventLog} asks: appends and seals from any thread are queued for the writer.
 */
public final class FileEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileEventLog.class);
    /** Segments roll over once they pass this size. */
    public static final long DEFAULT_SEGMENT_BYTES = 256L * 1024 * 1024;

    private final long segmentBytes;
    private final EventCodec codec = new EventCodec();
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final List<DurableBatchListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private final SegmentFiles files;
    private final SegmentPreparer preparer;
    private final SegmentRedaction redaction;
    private volatile boolean closed;
    private volatile long lastSeq;
    private volatile IOException failure;

    /** The file of the segment being written, or null between a seal and the next append. */
    private volatile Path activeFile;

    /** Mutated by the writer thread only. */
    private FileChannel active;
    private ByteBuffer directBuffer;
    private long activeSize;

    private record PendingAppend(List<Event> events, byte[] payload, CompletableFuture<Long> done) {
    }

    private static final PendingAppend STOP = new PendingAppend(List.of(), new byte[0], new CompletableFuture<>());

    public FileEventLog(Path directory) {
        this(directory, DEFAULT_SEGMENT_BYTES);
    }

    public FileEventLog(Path directory, long segmentBytes) {
        this.segmentBytes = segmentBytes;
        this.files = new SegmentFiles(directory);
        this.preparer = new SegmentPreparer(directory, segmentBytes);
        this.redaction = new SegmentRedaction(files, codec);
        try {
            Files.createDirectories(directory);
            preparer.removePartial();
            redaction.removeLeftovers();
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event log in " + directory, e);
        }
        preparer.prepare();
        writer = new Thread(this::writeLoop, "event-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Long> append(List<Event> events) {
        // Encoding does not depend on the sequence numbers, so it runs on the caller's thread.
        ByteArrayOutputStream payload = new ByteArrayOutputStream(events.size() * 200);
        codec.encode(events, payload);
        return append(events, payload.toByteArray());
    }

    @Override
    public CompletableFuture<Long> append(List<Event> events, byte[] encoded) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(lastSeq + 1);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("event log is closed"));
        }
        IOException broken = failure;
        if (broken != null) {
            return CompletableFuture.failedFuture(new IOException("event log is not writable", broken));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.add(new PendingAppend(events, encoded, done));
        return done;
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public String failure() {
        IOException broken = failure;
        return broken == null ? null : "event log write failed: " + broken.getMessage();
    }

    @Override
    public void onDurable(DurableBatchListener listener) {
        listeners.add(listener);
    }

    @Override
    public EventLogCursor openCursor(long fromSeq) {
        return new FileEventLogCursor(files, codec, this::lastSeq, Math.max(1, fromSeq));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A sentinel rather than an interrupt: interrupting a thread inside FileChannel.write
        // closes the channel and could fail a batch whose bytes already reached the disk.
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Let a segment being prepared finish, so that nothing writes into the directory once close() returns.
        preparer.close();
        try {
            if (active != null) {
                active.close();
            }
        } catch (IOException e) {
            LOG.warn("closing event log segment failed", e);
        }
    }

    private void writeLoop() {
        List<PendingAppend> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, 255);
                boolean stop = batch.remove(STOP);
                List<PendingAppend> seals = new ArrayList<>(0);
                batch.removeIf(append -> append.events == null && seals.add(append));
                if (!batch.isEmpty()) {
                    writeDurably(batch);
                }
                for (PendingAppend seal : seals) {
                    sealActive(seal.done);
                }
                if (stop) {
                    failRemaining();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failRemaining();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public CompletableFuture<Long> seal() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("event log is closed"));
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.add(new PendingAppend(null, null, done));
        return done;
    }

    /** On the writer thread: cuts the active segment's zero tail and closes it. */
    private void sealActive(CompletableFuture<Long> done) {
        try {
            if (active != null && activeSize > 0) {
                active.truncate(activeSize);
                active.force(true);
                active.close();
                active = null;
                activeFile = null;
            }
            done.complete(lastSeq);
        } catch (IOException e) {
            LOG.error("sealing the event log segment failed", e);
            done.completeExceptionally(e);
        }
    }

    @Override
    public synchronized long redact(long beforeSeq, Predicate<Event> forget) {
        long redacted = 0;
        try {
            for (Path segment : files.segments()) {
                if (SegmentFiles.firstSeq(segment) < beforeSeq && !segment.equals(activeFile)) {
                    redacted += redaction.redact(segment, beforeSeq, forget);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redacting the event log failed", e);
        }
        return redacted;
    }

    private void failRemaining() {
        List<PendingAppend> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (PendingAppend append : rest) {
            append.done.completeExceptionally(new IllegalStateException("event log is closed"));
        }
    }

    private void writeDurably(List<PendingAppend> batch) {
        long seq = lastSeq + 1;
        int total = 0;
        for (PendingAppend append : batch) {
            total += SegmentFrames.HEADER_BYTES + append.payload.length;
        }
        ByteBuffer buffer = writeBuffer(total);
        long[] firstSeqs = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            PendingAppend append = batch.get(i);
            firstSeqs[i] = seq;
            SegmentFrames.put(buffer, seq, append.events.size(), append.payload);
            seq += append.events.size();
        }
        buffer.flip();
        try {
            if (failure != null) {
                throw failure;
            }
            if (active == null || activeSize >= segmentBytes) {
                rollSegment(lastSeq + 1);
            }
            long before = activeSize;
            try {
                while (buffer.hasRemaining()) {
                    activeSize += active.write(buffer, activeSize);
                }
                active.force(false);
            } catch (IOException e) {
                // Cut back to the last good frame so nothing half-written stays behind.
                active.truncate(before);
                activeSize = before;
                throw e;
            }
        } catch (IOException e) {
            LOG.error("event log write failed; refusing further appends", e);
            failure = e;
            for (PendingAppend append : batch) {
                append.done.completeExceptionally(e);
            }
            return;
        }
        lastSeq = seq - 1;
        // Acknowledge first: listeners (the in-memory consumers) must not delay the answer.
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(firstSeqs[i]);
        }
        for (int i = 0; i < batch.size(); i++) {
            PendingAppend append = batch.get(i);
            List<Event> sequenced = new ArrayList<>(append.events.size());
            long s = firstSeqs[i];
            for (Event event : append.events) {
                sequenced.add(event.withSeq(s++));
            }
            for (DurableBatchListener listener : listeners) {
                try {
                    listener.durable(sequenced);
                } catch (RuntimeException e) {
                    LOG.error("durable-batch listener failed", e);
                }
            }
        }
    }

    /**
     * A direct buffer reused across writes: writing a heap buffer to a channel makes the
     * JDK copy it into a temporary direct buffer first.
     */
    private ByteBuffer writeBuffer(int size) {
        if (directBuffer == null || directBuffer.capacity() < size) {
            directBuffer = ByteBuffer.allocateDirect(Math.max(size, 1 << 20)).order(ByteOrder.BIG_ENDIAN);
        }
        directBuffer.clear();
        return directBuffer;
    }

    private void rollSegment(long firstSeq) throws IOException {
        if (active != null) {
            active.close();
        }
        Path file = files.segment(firstSeq);
        preparer.claimAs(file);
        active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        activeFile = file;
        activeSize = 0;
        // Make the new file's directory entry durable too.
        files.syncDirectory();
        preparer.prepare();
    }

    private void recover() throws IOException {
        List<Path> segments = files.segments();
        if (segments.isEmpty()) {
            lastSeq = 0;
            return;
        }
        Path last = segments.get(segments.size() - 1);
        long expectedSeq = SegmentFiles.firstSeq(last);
        FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long size = channel.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(SegmentFrames.HEADER_BYTES);
        while (true) {
            FrameHeader frame = SegmentFrames.readHeader(channel, offset, size, header);
            if (frame == null || frame.firstSeq() != expectedSeq || !SegmentFrames.crcMatches(channel, offset, frame)) {
                break;
            }
            expectedSeq += frame.count();
            offset += SegmentFrames.HEADER_BYTES + frame.payloadLength();
        }
        if (offset < size && !SegmentFrames.zeroesFollow(channel, offset, size)) {
            LOG.warn("event log {}: cutting off an incomplete frame at offset {} (never acknowledged)",
                    last.getFileName(), offset);
            if (size >= segmentBytes) {
                SegmentFrames.zeroFill(channel, offset, size);
            } else {
                channel.truncate(offset);
            }
            channel.force(true);
        }
        lastSeq = expectedSeq - 1;
        active = channel;
        activeFile = last;
        activeSize = offset;
    }
}
