package org.attune.bench.load;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Where a load sends its requests, with which key, and how it draws each one. Every
 * connection draws from its own seeded random, so a run repeats request for request;
 * {@code draw} is called from every connection's thread at once, so it must only read
 * (e.g. lists built before the load starts).
 */
record LoadTarget(int port, String key, Function<SplittableRandom, LoadRequest> draw) {
    KeepAliveConnection connect() throws IOException {
        return new KeepAliveConnection("127.0.0.1", port);
    }

    LoadRequest next(SplittableRandom random) {
        return draw.apply(random);
    }
}
