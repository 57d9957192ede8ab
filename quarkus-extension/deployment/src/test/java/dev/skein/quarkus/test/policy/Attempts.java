package dev.skein.quarkus.test.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the attempts of each task of a test bean. */
final class Attempts {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** {@return a failure of {@code task}, counting the attempt} */
    IllegalStateException fail(String task) {
        return new IllegalStateException(task + " attempt " + counts.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet());
    }

    int of(String task) {
        AtomicInteger n = counts.get(task);
        return n == null ? 0 : n.get();
    }
}
