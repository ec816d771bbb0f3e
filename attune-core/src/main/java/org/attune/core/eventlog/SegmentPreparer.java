package org.attune.core.eventlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log's next segment ready: a file zero-filled to the full segment size by a
 * background thread ({@code next-segment.tmp}), renamed into place when the writer rolls
 * over. Writing into blocks that already exist means an {@code fdatasync} flushes only
 * data, not file-size metadata, which on ext4 would wait for a journal commit shared with
 * every other file being written (measured: about 0.2 ms instead of 0.4 ms per sync on an
 * idle disk, and far less sensitive to other writers).
 *
 * <p>The file is made as {@code next-segment.tmp.partial} and renamed only once filled
 * and synced, so a half-made file is never used; when none is ready the writer makes its
 * segment on demand. Thread-safety: {@link #prepare} and {@link #claimAs} are called by
 * one thread at a time (the log's constructor, then its writer thread); the filling runs
 * on a thread of its own and touches only its own files.
 */
final class SegmentPreparer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentPreparer.class);

    private final Path directory;
    private final long segmentBytes;
    private final Path nextSegment;
    private final ExecutorService preparer;
    private volatile Future<?> preparing;

    /** Starts no thread and touches no file until the first {@link #prepare}. */
    SegmentPreparer(Path directory, long segmentBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.nextSegment = directory.resolve("next-segment.tmp");
        this.preparer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "event-log-segment-preparer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Removes a file a crash left half-made. */
    void removePartial() throws IOException {
        Files.deleteIfExists(directory.resolve("next-segment.tmp.partial"));
    }

    /** Moves the prepared segment to {@code file} when one is ready; otherwise {@code file} is made on demand. */
    void claimAs(Path file) throws IOException {
        Future<?> ready = preparing;
        if (ready != null && ready.isDone() && Files.exists(nextSegment)) {
            Files.move(nextSegment, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Zero-fills the next segment in the background, unless one is ready already. */
    void prepare() {
        if (Files.exists(nextSegment)) {
            return;
        }
        preparing = preparer.submit(() -> {
            Path partial = directory.resolve("next-segment.tmp.partial");
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                SegmentFrames.zeroFill(channel, 0, segmentBytes);
                channel.force(true);
            } catch (IOException e) {
                LOG.warn("could not prepare the next event log segment; it will be made on demand", e);
                return;
            }
            try {
                Files.move(partial, nextSegment, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("could not prepare the next event log segment; it will be made on demand", e);
            }
        });
    }

    /**
     * Lets a segment being prepared finish (an interrupt would close its channel mid-write),
     * so that nothing writes into the directory once this returns.
     */
    @Override
    public void close() {
        preparer.shutdown();
        try {
            preparer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
