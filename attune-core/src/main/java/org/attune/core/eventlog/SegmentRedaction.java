package org.attune.core.eventlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.Tombstone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a closed segment without the events of forgotten people: each such event
 * becomes its {@link Tombstone#redacted redacted form}, keeping its sequence number, so
 * frames keep their place and count. Crash-safe: the new segment is written beside the
 * old one ({@code .redacting}), synced, renamed over it atomically, and the directory
 * synced; a crash before the rename leaves the old segment and a leftover that the next
 * open removes.
 *
 * <p>Thread-safety: one redaction at a time (the log's {@code redact} is synchronized);
 * it may run beside the writer and readers because it touches only closed segments, and
 * a reader already inside a rewritten segment goes on reading the old file.
 */
final class SegmentRedaction {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRedaction.class);
    private static final String SUFFIX = ".redacting";

    private final SegmentFiles files;
    private final EventCodec codec;

    SegmentRedaction(SegmentFiles files, EventCodec codec) {
        this.files = files;
        this.codec = codec;
    }

    /** Removes what a crash left of a redaction that had not yet replaced its segment. */
    void removeLeftovers() throws IOException {
        try (Stream<Path> leftovers = Files.list(files.directory())) {
            for (Path file : leftovers.filter(p -> p.toString().endsWith(SUFFIX)).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Rewrites one closed segment when it holds an event to forget; returns how many were replaced. */
    long redact(Path segment, long beforeSeq, Predicate<Event> forget) throws IOException {
        long[] matches = {0};
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            SegmentFrames.forEach(channel, (frame, payload) -> codec.decode(payload, 0, payload.length,
                    frame.firstSeq(), event -> {
                        if (event.seq() < beforeSeq && forget.test(event)) {
                            matches[0]++;
                        }
                    }));
        }
        if (matches[0] == 0) {
            return 0;
        }
        Path rewritten = files.directory().resolve(segment.getFileName() + SUFFIX);
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(rewritten, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            SegmentFrames.forEach(in, (frame, payload) -> {
                List<Event> events = new ArrayList<>(frame.count());
                boolean[] changed = {false};
                codec.decode(payload, 0, payload.length, frame.firstSeq(), event -> {
                    if (event.seq() < beforeSeq && forget.test(event)) {
                        events.add(Tombstone.redacted(event));
                        changed[0] = true;
                    } else {
                        events.add(event);
                    }
                });
                byte[] kept = payload;
                if (changed[0]) {
                    ByteArrayOutputStream encoded = new ByteArrayOutputStream(payload.length);
                    codec.encode(events, encoded);
                    kept = encoded.toByteArray();
                }
                ByteBuffer buffer = ByteBuffer.allocate(SegmentFrames.HEADER_BYTES + kept.length)
                        .order(ByteOrder.BIG_ENDIAN);
                SegmentFrames.put(buffer, frame.firstSeq(), frame.count(), kept);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            });
            out.force(true);
        }
        Files.move(rewritten, segment, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.syncDirectory();
        LOG.info("event log {}: redacted {} event(s) of forgotten people", segment.getFileName(), matches[0]);
        return matches[0];
    }
}
