package dev.skein.samples.order;

import dev.skein.graph.RunReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reports of the last saga runs, by order id, for {@code GET /orders/{id}/timeline}. Bounded: past
 * {@link #CAPACITY} runs, the oldest one kept is forgotten. Kept in memory only: a restart forgets them all.
 *
 * @implSpec Thread-safe.
 */
@ApplicationScoped
class RecentRuns {

    /** How many runs are kept. */
    static final int CAPACITY = 1_000;

    private final Map<String, RunReport> byOrder;

    RecentRuns() {
        this(CAPACITY);
    }

    RecentRuns(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, not " + capacity);
        }
        this.byOrder = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunReport> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps the report of the run that placed order {@code orderId}, forgetting the oldest one past the capacity. */
    synchronized void keep(String orderId, RunReport report) {
        byOrder.put(orderId, report);
    }

    /** {@return the report of the run that placed order {@code orderId}, if it is still kept} */
    synchronized Optional<RunReport> of(String orderId) {
        return Optional.ofNullable(byOrder.get(orderId));
    }
}
