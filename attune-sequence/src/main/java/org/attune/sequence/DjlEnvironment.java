package org.attune.sequence;

import java.nio.file.Path;

/**
 * Keeps DJL offline and its files where Attune wants them. libtorch and DJL's JNI bridge come
 * from Maven Central jars on the class path ({@code pytorch-native-cpu} 2.7.1 linux-x86_64 and
 * {@code pytorch-jni}); DJL unpacks them into {@code DJL_CACHE_DIR} on first use instead of
 * downloading anything. The server passes {@code <data dir>/djl}; tests pass a directory under
 * {@code target}. Must run before the first DJL call of the process; values already set
 * (system property or environment variable) win.
 */
public final class DjlEnvironment {

    private DjlEnvironment() {
    }

    /**
     * Sets {@code DJL_CACHE_DIR} to {@code cacheDir}, {@code ai.djl.offline=true},
     * {@code PYTORCH_FLAVOR=cpu} and PyTorch's threads per operation
     * ({@code ai.djl.pytorch.num_threads}) to {@link #operationThreads}, each unless already set. A
     * GPU build of libtorch on the class path (with {@code PYTORCH_FLAVOR} set to its flavour) is
     * used instead where present.
     */
    public static void configure(Path cacheDir) {
        setIfAbsent("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        setIfAbsent("ai.djl.pytorch.num_threads",
                Integer.toString(operationThreads(Runtime.getRuntime().availableProcessors())));
    }

    /**
     * PyTorch's threads per operation on a machine of {@code cores}: one core is left to
     * everything else (the server answers requests while a model trains). PyTorch's default, a
     * thread per core, waits at every operation for the slowest of its threads, so one core
     * taken by another process stalls them all: on 2 shared cores an epoch of the sequence model
     * took 180 to 240 s with 2 threads against 8 to 10 s with 1, measured alternately.
     */
    static int operationThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null && System.getenv(name) == null) {
            System.setProperty(name, value);
        }
    }
}
