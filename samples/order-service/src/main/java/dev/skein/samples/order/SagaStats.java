package dev.skein.samples.order;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the compensations that undid something, by name, since the application started. */
@ApplicationScoped
public class SagaStats {

    private final Map<String, LongAdder> compensations = new ConcurrentHashMap<>();

    /** Counts one compensation that undid something. */
    void compensated(String what) {
        compensations.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** {@return the counts, by compensation} */
    public Map<String, Long> compensations() {
        Map<String, Long> counts = new TreeMap<>();
        compensations.forEach((what, count) -> counts.put(what, count.sum()));
        return counts;
    }
}
