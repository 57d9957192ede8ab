package dev.skein.samples.saga;

import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires orders at the order service from a Skein scope (a branch per order, at most {@code concurrency} at once), as
 * a client would: an order answered 429 is sent again after its {@code Retry-After}, with the same
 * {@code Idempotency-Key}.
 */
final class Burst {

    /** How one order ended, as its client saw it. */
    record Placed(String key, int status, String orderStatus, String reason, long nanos) {}

    /** What the whole burst saw. */
    record Result(List<Placed> orders, int rateLimited, long elapsedNanos) {
        long confirmed() {
            return orders.stream().filter(p -> "CONFIRMED".equals(p.orderStatus())).count();
        }

        Map<String, Integer> failuresByReason() {
            Map<String, Integer> byReason = new TreeMap<>();
            orders.stream().filter(p -> !"CONFIRMED".equals(p.orderStatus()))
                    .forEach(p -> byReason.merge(p.reason().isEmpty() ? "HTTP " + p.status() : p.reason(), 1, Integer::sum));
            return byReason;
        }

        long percentileMillis(double p) {
            long[] sorted = orders.stream().mapToLong(Placed::nanos).sorted().toArray();
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return TimeUnit.NANOSECONDS.toMillis(sorted[Math.max(0, index)]);
        }

        double ordersPerSecond() {
            return orders.size() / (elapsedNanos / 1e9);
        }
    }

    private Burst() {
    }

    static Result fire(String orderService, String productId, int orders, int concurrency) throws InterruptedException {
        AtomicInteger rateLimited = new AtomicInteger();
        long start = System.nanoTime();
        List<Branch<Placed>> branches = new ArrayList<>();
        try (Scope scope = Scope.openSupervisor(cfg -> cfg.withName("burst").withMaxConcurrency(concurrency))) {
            for (int i = 0; i < orders; i++) {
                String key = "burst-" + start + "-" + i;
                branches.add(scope.fork("order " + i, () -> place(orderService, productId, key, rateLimited)));
            }
            scope.join();
        }
        return new Result(branches.stream().map(Branch::resultNow).toList(), rateLimited.get(), System.nanoTime() - start);
    }

    static Placed place(String orderService, String productId, String key, AtomicInteger rateLimited)
            throws InterruptedException {
        String body = "{\"productId\":\"" + productId + "\",\"quantity\":1}";
        while (true) {
            long started = System.nanoTime();   // the answered attempt's latency: waits after a 429 are the client's
            Http.Answer answer;
            try {
                answer = Http.post(orderService + "/orders", body, Map.of("Idempotency-Key", key));
            } catch (IOException e) {
                return new Placed(key, 0, "UNKNOWN", "no answer: " + e, System.nanoTime() - started);
            }
            if (answer.status() == 429) {
                rateLimited.incrementAndGet();
                long seconds = Math.max(1, Long.parseLong(answer.headers().getOrDefault("Retry-After", "1").trim()));
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                continue;
            }
            return new Placed(key, answer.status(), answer.text("status"), answer.text("reason"), System.nanoTime() - started);
        }
    }
}
