package org.attune.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryFilesTest {
    @TempDir
    Path dir;

    @Test
    void recognisesOnlyTheCopiesDuckDbExtracts() {
        assertThat(NativeLibraryFiles.isExtractedCopy(Path.of("/tmp/libduckdb_java9487880868771142858.so"))).isTrue();
        assertThat(NativeLibraryFiles.isExtractedCopy(Path.of("/tmp/libduckdb_java.so_linux_amd64"))).isFalse();
        assertThat(NativeLibraryFiles.isExtractedCopy(Path.of("/tmp/libduckdb_javaX.so"))).isFalse();
        assertThat(NativeLibraryFiles.isExtractedCopy(Path.of("/tmp/libother123.so"))).isFalse();
    }

    @Test
    void findsLoadedCopiesInProcMaps() {
        List<String> maps = List.of(
                "7fc538c00000-7fc538d34000 r--p 00000000 fe:00 2146986   /tmp/libduckdb_java948.so",
                "7fc538d34000-7fc539000000 r-xp 00134000 fe:00 2146986   /tmp/libduckdb_java948.so",
                "7fc539000000-7fc539100000 r--p 00000000 fe:00 2146987   /data/tmp/libduckdb_java77.so (deleted)",
                "7fc540000000-7fc540100000 r-xp 00000000 fe:00 1000      /usr/lib/libc.so.6",
                "7ffd1e1f6000-7ffd1e217000 rw-p 00000000 00:00 0         [stack]");

        assertThat(NativeLibraryFiles.loadedCopies(maps))
                .containsExactly(Path.of("/tmp/libduckdb_java948.so"), Path.of("/data/tmp/libduckdb_java77.so"));
    }

    @Test
    void openingDeletesStaleCopiesFromTheDataDirectoryButNotFreshOnes() throws IOException {
        assumeTrue(NativeLibraryFiles.managed());
        Path tmp = Files.createDirectories(dir.resolve(DuckDbStorage.TMP_DIR));
        Path stale = Files.writeString(tmp.resolve("libduckdb_java42.so"), "left by a crashed run");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path fresh = Files.writeString(tmp.resolve("libduckdb_java43.so"), "maybe still being written");
        Path unrelated = Files.writeString(tmp.resolve("notes.txt"), "kept");
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        new DuckDbStorage(dir).close();

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void theLoadedCopyLeavesNoFileBehindOnLinux() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(NativeLibraryFiles.managed() && Files.isReadable(maps), "needs Linux /proc");

        new DuckDbStorage(dir).close();

        List<Path> loaded = NativeLibraryFiles.loadedCopies(Files.readAllLines(maps));
        assertThat(loaded).as("DuckDB's library is mapped into this JVM").isNotEmpty();
        assertThat(loaded).allSatisfy(copy -> assertThat(copy).doesNotExist());
    }
}
