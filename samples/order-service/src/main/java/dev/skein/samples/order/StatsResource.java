package dev.skein.samples.order;

import dev.skein.samples.order.inventory.Inventory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /admin/stats}: what the orders came to, read from the database, and the compensations run. */
@Path("/admin/stats")
public class StatsResource {

    /** Orders by status and by reason, stock by product, compensations by name, the stock strategy. */
    public record Stats(Map<String, Long> ordersByStatus, Map<String, Long> failedByReason, Map<String, Integer> stock,
            Map<String, Long> compensations, String strategy) {
    }

    @Inject
    EntityManager em;

    @Inject
    SagaStats sagaStats;

    @Inject
    Inventory inventory;

    @GET
    @Transactional
    public Stats stats() {
        Map<String, Long> byStatus = new TreeMap<>();
        rows("select status, count(*) from orders group by status").forEach(r -> byStatus.put((String) r[0], count(r[1])));
        Map<String, Long> byReason = new TreeMap<>();
        rows("select reason, count(*) from orders where status = 'FAILED' group by reason")
                .forEach(r -> byReason.put(String.valueOf(r[0]), count(r[1])));
        Map<String, Integer> stock = new TreeMap<>();
        rows("select id, stock from product").forEach(r -> stock.put((String) r[0], ((Number) r[1]).intValue()));
        return new Stats(byStatus, byReason, stock, sagaStats.compensations(), inventory.strategyName());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private static long count(Object n) {
        return ((Number) n).longValue();
    }
}
