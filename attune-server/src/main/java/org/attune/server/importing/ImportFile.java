package org.attune.server.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens the file to import: a path or {@code -} for standard input, gzip-compressed or not.
 * Compression is recognised by the gzip magic bytes, not by the file name, so a
 * compressed stream piped into stdin works too.
 */
public final class ImportFile {
    /** The name that stands for standard input. */
    public static final String STDIN = "-";

    private static final int BUFFER = 1 << 16;

    private ImportFile() {
    }

    /**
     * @param name a file path, or {@code -}
     * @param stdin what {@code -} reads
     * @throws NoSuchFileException when the file does not exist
     */
    public static InputStream open(String name, InputStream stdin) throws IOException {
        InputStream raw = STDIN.equals(name) ? stdin : Files.newInputStream(Path.of(name));
        return decompressed(raw);
    }

    /** The stream itself, or its decompressed content when it starts with the gzip magic bytes. */
    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        return buffered;
    }

    /** Skips a UTF-8 byte order mark, which would otherwise become part of the first column's name. */
    static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER);
        buffered.mark(3);
        if (buffered.read() != 0xEF || buffered.read() != 0xBB || buffered.read() != 0xBF) {
            buffered.reset();
        }
        return buffered;
    }
}
