package org.attune.core.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and restores snapshots of the state rebuilt from the event log, so that a restart
 * reads the newest snapshot and replays only the events after it.
 *
 * <p>A snapshot is one file, {@code state-<seq>.snap} in its directory, describing every part
 * as of log position {@code seq}: a header (format, position, time, each part's name and
 * configuration), each part's data followed by a check mark, and a CRC-32C of everything
 * before it. It is written to a temporary file, forced to disk and renamed into place; then
 * older snapshots are deleted (one snapshot is kept: the log still holds every event, so a
 * snapshot that cannot be read costs a full replay, never data). A snapshot whose checksum,
 * format or parts' configurations do not match is not restored: the log is replayed whole.
 *
 * <p>Scheduled snapshots run on the thread that applies events (through the runner given to
 * {@link #start}), between two batches, so that no event is applied while the parts are
 * written: requests keep reading the state meanwhile, new events wait. Thread-safe.
 */
public final class StateSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateSnapshots.class);
    private static final byte[] MAGIC = "ATTUNE-SNAPSHOT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int PART_END = 0x5EC7_104E;
    private static final String PREFIX = "state-";
    private static final String SUFFIX = ".snap";

    private final Path dir;
    private final List<SnapshotPart> parts;
    private final SnapshotPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "snapshot-check");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    /** Applied-thread state, read by the checker. */
    private volatile long appliedThrough;
    private volatile long eventsSince;
    private volatile boolean forgotSince;
    /** When the last snapshot was written or tried (epoch ms); 0 before the first, which is not held back. */
    private volatile long lastWrittenAt;
    private volatile long lastSeq = -1;
    private volatile long lastMillis = -1;
    private volatile long lastBytes = -1;

    /**
     * What a start found.
     *
     * @param throughSeq the log position the state was restored to; 0 when nothing was restored
     * @param millis how long reading it took
     * @param bytes the snapshot's size; 0 when none was restored
     * @param skipped why a snapshot found was not used, or null
     */
    public record Restored(long throughSeq, long millis, long bytes, String skipped) {
    }

    /**
     * @param dir where snapshots are kept (created when missing)
     * @param parts the state to snapshot, always in this order
     */
    public StateSnapshots(Path dir, List<SnapshotPart> parts, SnapshotPolicy policy, Clock clock) {
        this.dir = dir;
        this.parts = List.copyOf(parts);
        this.policy = policy;
        this.clock = clock;
    }

    public SnapshotPolicy policy() {
        return policy;
    }

    /**
     * Restores the parts from the newest snapshot, when there is a usable one. Call once,
     * before any event is applied to the parts. A snapshot that fails its checksum, was made
     * with other settings, or lies beyond {@code logLastSeq}, the last position of the event log
     * (it was made from another log), is left alone (the caller replays the whole log) and
     * named in {@link Restored#skipped()}. With snapshots off, snapshots found are deleted.
     *
     * @throws IllegalStateException when a snapshot that passed its checksum cannot be read
     *     into the parts (the parts are then partly filled and the server must not start)
     */
    public Restored restore(long logLastSeq) {
        long started = System.nanoTime();
        Path newest;
        try {
            Files.createDirectories(dir);
            deleteTemporaryFiles();
            List<Path> found = snapshots();
            if (!policy.enabled()) {
                // Not kept while snapshots are off: an old one would keep people deleted since on disk.
                for (Path old : found) {
                    Files.deleteIfExists(old);
                }
                return new Restored(0, 0, 0, found.isEmpty() ? null : "snapshots are off");
            }
            if (found.isEmpty()) {
                return new Restored(0, 0, 0, null);
            }
            newest = found.get(found.size() - 1);
        } catch (IOException e) {
            return new Restored(0, 0, 0, "the snapshot directory cannot be read: " + e.getMessage());
        }
        long size;
        try {
            size = Files.size(newest);
            if (size < MAGIC.length + 8 || !checksumMatches(newest, size)) {
                return new Restored(0, 0, 0, newest.getFileName() + " is damaged (checksum)");
            }
        } catch (IOException e) {
            return new Restored(0, 0, 0, newest.getFileName() + " cannot be read: " + e.getMessage());
        }
        try (InputStream file = Files.newInputStream(newest)) {
            SnapshotInput in = new SnapshotInput(file);
            byte[] magic = new byte[MAGIC.length];
            in.readBytes(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return new Restored(0, 0, 0, newest.getFileName() + " is not a snapshot");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                return new Restored(0, 0, 0, newest.getFileName() + " has format " + format + ", this version reads "
                        + FORMAT);
            }
            long seq = in.readLong();
            in.readLong(); // written at
            if (seq > logLastSeq) {
                return new Restored(0, 0, 0, newest.getFileName() + " is ahead of the event log (event "
                        + String.format("%,d", seq) + ", the log ends at " + String.format("%,d", logLastSeq)
                        + "): was the log replaced?");
            }
            int count = in.readInt();
            if (count != parts.size()) {
                return new Restored(0, 0, 0, newest.getFileName() + " holds " + count + " parts, expected "
                        + parts.size());
            }
            for (SnapshotPart part : parts) {
                String name = in.readString();
                String configuration = in.readString();
                if (!part.name().equals(name)) {
                    return new Restored(0, 0, 0, newest.getFileName() + " holds part " + name + " where "
                            + part.name() + " was expected");
                }
                if (!part.configuration().equals(configuration)) {
                    return new Restored(0, 0, 0, newest.getFileName() + " was made with other " + name
                            + " settings (" + configuration + "; now " + part.configuration() + ")");
                }
            }
            for (SnapshotPart part : parts) {
                part.restore(in);
                if (in.readInt() != PART_END) {
                    throw new IOException("part " + part.name() + " did not end where it should");
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            appliedThrough = seq;
            lastSeq = seq;
            lastWrittenAt = clock.millis();
            lastBytes = size;
            return new Restored(seq, millis, size, null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the snapshot " + newest + " passed its checksum but could not be read"
                    + " (" + e.getMessage() + "); move it out of " + dir + " to start by replaying the event log", e);
        }
    }

    /** Records that the events of a replay at start (after the snapshot restored, if any) were applied. */
    public void replayed(long events, long throughSeq) {
        eventsSince += events;
        appliedThrough = Math.max(appliedThrough, throughSeq);
    }

    /**
     * Counts a batch the parts have just applied; called on the applying thread after them.
     *
     * @param events how many events the batch held
     * @param throughSeq the log position of its last event
     * @param forgetting whether it held a privacy deletion (which makes a snapshot due soon)
     */
    public void applied(int events, long throughSeq, boolean forgetting) {
        eventsSince += events;
        if (forgetting) {
            forgotSince = true;
        }
        appliedThrough = Math.max(appliedThrough, throughSeq);
    }

    /**
     * Makes a snapshot due as soon as the spacing allows, even without new events: called when
     * a privacy deletion's redaction is done, so that the snapshot on disk stops holding the
     * deletion's ids.
     */
    public void dueAfterRedaction() {
        forgotSince = true;
    }

    /**
     * Starts looking, once a second, whether a snapshot is due; a due one is handed to
     * {@code betweenBatches}, which must run it on the thread that applies events, between batches.
     */
    public void start(Consumer<Runnable> betweenBatches) {
        if (!policy.enabled()) {
            return;
        }
        checker.scheduleWithFixedDelay(() -> {
            if (due(clock.millis()) && queued.compareAndSet(false, true)) {
                betweenBatches.accept(() -> {
                    try {
                        write(appliedThrough);
                    } finally {
                        queued.set(false);
                    }
                });
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    boolean due(long now) {
        if (!policy.enabled() || (eventsSince == 0 && !forgotSince)) {
            return false;
        }
        long sinceLast = now - lastWrittenAt;
        if (sinceLast < policy.minSpacing().toMillis()) {
            return false;
        }
        return forgotSince || eventsSince >= policy.everyEvents() || sinceLast >= policy.atLeastEvery().toMillis();
    }

    /**
     * Writes a snapshot of the parts as of {@code throughSeq} now, on the calling thread, which
     * must be the only one applying events (or none may be running). Failures are logged, not
     * thrown: the server goes on, and the next start replays more of the log.
     *
     * @return whether a snapshot was written
     */
    public boolean write(long throughSeq) {
        if (!policy.enabled() || throughSeq <= 0 || (throughSeq == lastSeq && !forgotSince)) {
            return false;
        }
        long started = System.nanoTime();
        long pending = eventsSince;
        boolean forgot = forgotSince;
        long forceMillis = 0;
        Path target = dir.resolve(String.format("%s%020d%s", PREFIX, throughSeq, SUFFIX));
        Path temporary = dir.resolve(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                CRC32C crc = new CRC32C();
                SnapshotOutput out = new SnapshotOutput(Channels.newOutputStream(channel), crc);
                out.writeBytes(MAGIC);
                out.writeInt(FORMAT);
                out.writeLong(throughSeq);
                out.writeLong(clock.millis());
                out.writeInt(parts.size());
                for (SnapshotPart part : parts) {
                    out.writeString(part.name());
                    out.writeString(part.configuration());
                }
                for (SnapshotPart part : parts) {
                    part.save(out);
                    out.writeInt(PART_END);
                }
                out.flush();
                ByteBuffer checksum = ByteBuffer.allocate(8).putLong(crc.getValue()).flip();
                while (checksum.hasRemaining()) {
                    channel.write(checksum);
                }
                long forcing = System.nanoTime();
                channel.force(true);
                forceMillis = (System.nanoTime() - forcing) / 1_000_000;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
            for (Path older : snapshots()) {
                if (!older.equals(target)) {
                    Files.deleteIfExists(older);
                }
            }
            long size = Files.size(target);
            long millis = (System.nanoTime() - started) / 1_000_000;
            eventsSince -= pending;
            if (forgot) {
                forgotSince = false;
            }
            lastWrittenAt = clock.millis();
            lastSeq = throughSeq;
            lastMillis = millis;
            lastBytes = size;
            LOG.info("state snapshot through event {} written in {} ms ({} ms of it forcing it to disk; {} MiB)",
                    String.format("%,d", throughSeq), String.format("%,d", millis), String.format("%,d", forceMillis),
                    String.format("%,.1f", size / 1048576.0));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("writing the state snapshot failed; the next start replays the log from the previous one", e);
            lastWrittenAt = clock.millis();
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // left for the next start, which deletes temporary files
            }
            return false;
        }
    }

    /** Log position of the newest snapshot written or restored, or -1. */
    public long lastSeq() {
        return lastSeq;
    }

    /** How long writing the newest snapshot took, or -1 before the first since start. */
    public long lastMillis() {
        return lastMillis;
    }

    /** Size of the newest snapshot in bytes, or -1. */
    public long lastBytes() {
        return lastBytes;
    }

    /** Log position of the last event the parts applied, as far as this knows. */
    public long appliedThrough() {
        return appliedThrough;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    private List<Path> snapshots() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = new ArrayList<>(files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).toList());
            found.sort(Comparator.comparing(p -> p.getFileName().toString()));
            return found;
        }
    }

    private void deleteTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX + ".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean checksumMatches(Path file, long size) throws IOException {
        CRC32C crc = new CRC32C();
        try (InputStream in = new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20),
                crc)) {
            byte[] buffer = new byte[1 << 16];
            long left = size - 8;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return false;
                }
                left -= read;
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer stored = ByteBuffer.allocate(8);
            channel.read(stored, size - 8);
            stored.flip();
            return stored.remaining() == 8 && stored.getLong() == crc.getValue();
        }
    }

    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is still in the page cache.
            LOG.debug("could not sync {}", dir, e);
        }
    }
}
