package org.attune.core.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The segment files of one log directory: each named after the sequence number of its
 * first event ({@code 00000000000000000001.log}), so that listing them in name order is
 * listing them in log order. Also the directory sync that makes a created or renamed
 * file's directory entry durable.
 *
 * <p>Holds only the directory's path: thread-safe.
 */
final class SegmentFiles {
    private final Path directory;

    SegmentFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    static String segmentName(long firstSeq) {
        return String.format("%020d.log", firstSeq);
    }

    /** The file of the segment starting at {@code firstSeq} (which may not exist). */
    Path segment(long firstSeq) {
        return directory.resolve(segmentName(firstSeq));
    }

    /** The sequence number a segment file starts at, read from its name. */
    static long firstSeq(Path segment) {
        return Long.parseLong(segment.getFileName().toString().substring(0, 20));
    }

    /** Every segment, oldest first. */
    List<Path> segments() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the directory's entries (a new or renamed file) durable. */
    void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems do not allow opening a directory; the file sync still holds the data.
        }
    }
}
