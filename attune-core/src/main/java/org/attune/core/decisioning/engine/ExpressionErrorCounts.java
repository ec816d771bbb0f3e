package org.attune.core.decisioning.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Expression errors met at request time since start, by part. Thread-safe. */
final class ExpressionErrorCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String part) {
        counts.computeIfAbsent(part, p -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new HashMap<>();
        counts.forEach((part, adder) -> copy.put(part, adder.sum()));
        return copy;
    }
}
