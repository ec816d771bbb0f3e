package org.attune.store.duckdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the copies of DuckDB's native library from piling up.
 *
 * <p>How DuckDB JDBC 1.5 loads it (read from {@code org.duckdb.DuckDBNative}): when that
 * class initialises, the first time a connection is made, it copies
 * {@code libduckdb_java.so_<os>_<arch>} (about 60 to 70 MB) out of its jar with
 * {@code Files.createTempFile("libduckdb_java", ".so")}, marks it {@code deleteOnExit} and
 * {@code System.load}s it. There is no property to choose the directory. It is the JVM's
 * {@code java.io.tmpdir} <em>as it was at JVM start</em>: since JDK 17 the JDK caches that
 * value at boot, so setting the property later moves nothing. A JVM that is killed leaves
 * its copy behind, one more for every crash; a {@code noexec} temp directory makes the
 * load fail.
 *
 * <p>So, unless the system property {@value #MANAGED_PROPERTY} is {@code false}:
 * <ul>
 *   <li>launchers should start the JVM with {@code -Djava.io.tmpdir=DATA_DIR/tmp} to have
 *       the copy made inside the data directory (which also avoids a {@code noexec}
 *       {@code /tmp}); {@link DuckDbStorage} always creates that folder;</li>
 *   <li>before the first connection, copies older than {@link #STALE_AFTER} are deleted
 *       from {@code DATA_DIR/tmp} and from the JVM's temp directory (younger ones may be
 *       another process's copy still being written);</li>
 *   <li>once the library is loaded, this process's own copy is unlinked at once where the
 *       operating system allows it (Linux, found through {@code /proc/self/maps}): the
 *       loaded mapping keeps working, and nothing is left behind even by a crash.</li>
 * </ul>
 * Thread-safe.
 */
final class NativeLibraryFiles {
    static final String MANAGED_PROPERTY = "attune.duckdb.tmpdir.managed";
    static final String LIBRARY_PREFIX = "libduckdb_java";
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryFiles.class);
    private static boolean loadedCopyHandled;

    private NativeLibraryFiles() {
    }

    static boolean managed() {
        return !"false".equalsIgnoreCase(System.getProperty(MANAGED_PROPERTY));
    }

    /** Call before connecting: deletes stale library copies from {@code tmpDir} and the JVM's temp directory. */
    static void beforeConnect(Path tmpDir) throws IOException {
        if (!managed()) {
            return;
        }
        deleteStaleCopies(tmpDir);
        String jvmTemp = System.getProperty("java.io.tmpdir");
        if (jvmTemp != null && !jvmTemp.isBlank()) {
            Path jvmTempDir = Path.of(jvmTemp);
            if (Files.isDirectory(jvmTempDir) && !Files.isSameFile(jvmTempDir, tmpDir)) {
                deleteStaleCopies(jvmTempDir);
            }
        }
    }

    /** Call after the first connection: unlinks the copy this JVM loaded, where that is safe. */
    static synchronized void afterConnect() {
        if (!managed() || loadedCopyHandled) {
            return;
        }
        loadedCopyHandled = true;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try {
            for (Path copy : loadedCopies(Files.readAllLines(maps))) {
                Files.deleteIfExists(copy);
                LOG.debug("unlinked DuckDB's extracted native library {} (the loaded mapping stays valid)", copy);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove DuckDB's extracted native library; it is deleted when the JVM exits", e);
        }
    }

    /** Paths of extracted DuckDB libraries named in {@code /proc/self/maps} lines. */
    static List<Path> loadedCopies(List<String> mapsLines) {
        List<Path> copies = new ArrayList<>();
        for (String line : mapsLines) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash).replace(" (deleted)", "");
            Path path = Path.of(file);
            if (isExtractedCopy(path) && !copies.contains(path)) {
                copies.add(path);
            }
        }
        return copies;
    }

    /** Files.createTempFile names copies {@code libduckdb_java<digits>.so}. */
    static boolean isExtractedCopy(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.startsWith(LIBRARY_PREFIX) && name.endsWith(".so")
                && name.substring(LIBRARY_PREFIX.length(), name.length() - ".so".length()).matches("\\d+");
    }

    private static void deleteStaleCopies(Path dir) {
        Instant staleBefore = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, LIBRARY_PREFIX + "*.so")) {
            for (Path file : files) {
                if (isExtractedCopy(file) && Files.getLastModifiedTime(file).toInstant().isBefore(staleBefore)) {
                    // On Linux and macOS a copy still mapped by a running process keeps working once unlinked;
                    // on Windows the delete fails for such a copy, which is what we want.
                    try {
                        Files.deleteIfExists(file);
                        LOG.info("deleted stale DuckDB native library copy {}", file);
                    } catch (IOException e) {
                        LOG.debug("could not delete {}", file, e);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("could not list {} for stale DuckDB library copies", dir, e);
        }
    }
}
