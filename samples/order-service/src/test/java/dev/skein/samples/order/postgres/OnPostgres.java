package dev.skein.samples.order.postgres;

import dev.skein.samples.order.PaymentServiceProcess;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order service on PostgreSQL (the Maven profile {@code postgres} builds it for PostgreSQL), with one stock
 * strategy, the payment service as a child process beside it, the rate limit of incoming orders raised out of the
 * way (these tests are about racing buyers, not about {@code 429}, tested on its own with the sample's limit), and the
 * saga's deadline raised from 2 s to 8 s (the request's to 20 s).
 */
public abstract class OnPostgres implements QuarkusTestProfile {

    private final String strategy;

    OnPostgres(String strategy) {
        this.strategy = strategy;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of("sample.inventory.strategy", strategy,
                "quarkus.skein.policy.orders-in.rate-limit.value", "100000",
                // 200 buyers at once on a 2-core machine (the client, both services and PostgreSQL): the sample's
                // 2 s would cut the winners of a race, compensated but not confirmed. 5 s was enough while stock
                // was reserved before the payment; side by side, every loser also authorises and voids in the same
                // second, and 1 winner in 3 runs of the pessimistic race was cut at 5 s. Faults go beyond 8 s below.
                "quarkus.skein.graph.\"place order\".timeout", "8s",
                "quarkus.skein.scope.\"place-order\".timeout", "20s"));
        overrides.putAll(more());
        return overrides;
    }

    /** {@return a subclass's further overrides} */
    Map<String, String> more() {
        return Map.of();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PaymentServiceProcess.class));
    }

    public static class Pessimistic extends OnPostgres {
        public Pessimistic() {
            super("pessimistic");
        }
    }

    public static class Optimistic extends OnPostgres {
        public Optimistic() {
            super("optimistic");
        }
    }

    public static class RedisLock extends OnPostgres {
        public RedisLock() {
            super("redis-lock");
        }
    }

    /**
     * Pessimistic, in an application of its own: the test kills its payment service, and retries the parked runs as
     * an operator would (on outside dev mode only when asked for).
     */
    public static class PaymentKilled extends OnPostgres {
        public PaymentKilled() {
            super("pessimistic");
        }

        @Override
        Map<String, String> more() {
            return Map.of("quarkus.skein.journal.endpoints.retry-enabled", "true");
        }
    }
}
