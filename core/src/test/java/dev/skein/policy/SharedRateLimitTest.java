package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.PolicyDefinitionException;
import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shared rate limit as the policy uses its store: one count for every instance, rejection or waiting within
 * the deadline as for a local limit, and the configured direction while the store cannot be reached. The store
 * here is in memory (PostgreSQL's, across JVMs, is tested in {@code skein-shared-limits}).
 */
class SharedRateLimitTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void forget() {
        Policies.remove("payment");
        Policies.useOverrides(OverrideSource.systemProperties());
    }

    @Test
    void twoInstancesOfAPolicyAdmitItsLimitTogether() throws Exception {
        FixedWindowStore store = new FixedWindowStore(Duration.ofMinutes(1));
        Policy first = sharedPayment(store, FailDirection.CLOSED, rl -> rl.withLimit(5).withWindow(Duration.ofMinutes(1)));
        Policies.remove("payment"); // a second instance, as another JVM would define it
        Policy second = sharedPayment(store, FailDirection.CLOSED, rl -> rl.withLimit(5).withWindow(Duration.ofMinutes(1)));
        AtomicInteger admitted = new AtomicInteger();
        int rejected = 0;
        for (int i = 0; i < 10; i++) {
            for (Policy instance : List.of(first, second)) {
                try {
                    instance.call(admitted::incrementAndGet);
                } catch (RateLimitException e) {
                    assertThat(e.getRetryAfterMillis()).isPositive();
                    assertThat(e).hasMessageContaining("shared rate limit of 5 per PT1M reached");
                    rejected++;
                }
            }
        }
        assertThat(admitted).hasValue(5);
        assertThat(rejected).isEqualTo(15);
        assertThat(first.state().rateLimitRejections() + second.state().rateLimitRejections()).isEqualTo(15);
    }

    @Test
    void aCallOverTheLimitWaitsForAPermitWithinTheDeadlineAndIsRejectedAtOnceWhenTheDeadlineIsNearer() throws Exception {
        Policy waiting = sharedPayment(new FixedWindowStore(Duration.ofMillis(100)), FailDirection.CLOSED,
                rl -> rl.withLimit(2).withWindow(Duration.ofMillis(100)).waitingForPermit());
        Integer sum = Scope.run(cfg -> cfg.withTimeout(Duration.ofSeconds(30)), scope -> {
            var calls = scope.fork(() -> {
                int total = 0;
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    total += waiting.call(() -> n); // the third and fifth wait for the next window
                }
                return total;
            });
            scope.join();
            return calls.resultNow();
        });
        assertThat(sum).isEqualTo(15);

        Policies.remove("payment");
        Policy slow = sharedPayment(new FixedWindowStore(Duration.ofMinutes(1)), FailDirection.CLOSED,
                rl -> rl.withLimit(1).withWindow(Duration.ofMinutes(1)).waitingForPermit());
        slow.call(() -> "the one permit");
        long started = System.nanoTime();
        try (Scope scope = Scope.open(cfg -> cfg.withTimeout(Duration.ofSeconds(20)))) {
            var second = scope.fork(slow.wrap(() -> "over the limit"));
            assertThatThrownBy(scope::join).hasCauseInstanceOf(RateLimitException.class); // did not wait a minute in vain
            assertThat(second.state()).isEqualTo(dev.skein.scope.Branch.State.FAILED);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(slow.state().rateLimitRejections()).isEqualTo(1);
    }

    @Test
    void failingOpenAdmitsEveryCallWhileTheStoreIsUnreachableAndSaysSo() throws Exception {
        FixedWindowStore store = new FixedWindowStore(Duration.ofMinutes(1));
        Policy open = sharedPayment(store, FailDirection.OPEN, rl -> rl.withLimit(1).withWindow(Duration.ofMinutes(1)));
        try (var listening = Policies.addListener(recorder(open))) {
            assertThat(open.call(() -> "counted")).isEqualTo("counted");
            assertThat(open.sharedLimit()).contains(new SharedLimitState(FailDirection.OPEN, true, 0, java.util.Optional.empty()));

            store.down.set(new IllegalStateException("connection refused"));
            for (int i = 0; i < 3; i++) {
                assertThat(open.call(() -> "admitted")).isEqualTo("admitted"); // over the limit, but nobody counts
            }
            SharedLimitState state = open.sharedLimit().orElseThrow();
            assertThat(state.reachable()).isFalse();
            assertThat(state.unreachableCalls()).isEqualTo(3);
            assertThat(state.lastFailure()).contains("java.lang.IllegalStateException: connection refused");
            assertThat(events).containsExactly("unreachable OPEN connection refused", "unreachable OPEN connection refused",
                    "unreachable OPEN connection refused");

            store.down.set(null);
            assertThatThrownBy(() -> open.call(() -> "over the limit again")).isInstanceOf(RateLimitException.class);
            assertThat(open.sharedLimit().orElseThrow().reachable()).isTrue();
        }
    }

    @Test
    void failingClosedRejectsEveryCallWhileTheStoreIsUnreachableNamingItsFailure() throws Exception {
        FixedWindowStore store = new FixedWindowStore(Duration.ofMinutes(1));
        Policy closed = sharedPayment(store, FailDirection.CLOSED, rl -> rl.withLimit(100).waitingForPermit());
        try (var listening = Policies.addListener(recorder(closed))) {
            IllegalStateException failure = new IllegalStateException("connection refused");
            store.down.set(failure);
            AtomicInteger ran = new AtomicInteger();
            assertThatThrownBy(() -> closed.call(ran::incrementAndGet))
                    .isInstanceOf(RateLimitException.class)
                    .hasMessageContaining("store cannot be reached, so the call is rejected (it fails closed)")
                    .hasMessageEndingWith("java.lang.IllegalStateException: connection refused")
                    .hasCause(failure);
            assertThat(ran).hasValue(0);
            assertThat(closed.state().rateLimitRejections()).isEqualTo(1);
            assertThat(closed.sharedLimit().orElseThrow().reachable()).isFalse();
            assertThat(events).containsExactly("unreachable CLOSED connection refused", "rejected RATE_LIMITED");

            store.down.set(null);
            assertThat(closed.call(ran::incrementAndGet)).isEqualTo(1);
            assertThat(closed.sharedLimit().orElseThrow().reachable()).isTrue();
        }
    }

    @Test
    void aSharedLimitTakesOnePermitPerCallWhateverItsRetries() throws Exception {
        FixedWindowStore store = new FixedWindowStore(Duration.ofMinutes(1));
        Policy retrying = sharedPayment(store, FailDirection.CLOSED, rl -> rl.withLimit(10), p -> p.withRetry(r -> r.withMaxRetries(3)));
        AtomicInteger attempts = new AtomicInteger();
        assertThat(retrying.call(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("flaky");
            }
            return "done";
        })).isEqualTo("done");
        assertThat(store.taken("payment")).isEqualTo(1);
    }

    @Test
    void overridesChangeTheSharedLimitAndKeepItShared() {
        Policies.useOverrides(new MapOverrides(Map.of("skein.policy.payment.rate-limit.value", "7")));
        Policy policy = sharedPayment(new FixedWindowStore(Duration.ofSeconds(1)), FailDirection.OPEN, rl -> rl.withLimit(5));
        assertThat(policy.config().rateLimit().orElseThrow().limit()).isEqualTo(7);
        assertThat(policy.sharedLimit()).isPresent();
    }

    @Test
    void badSharedLimitsAreNamedWhenThePolicyIsDefined() {
        RateLimitStore store = new FixedWindowStore(Duration.ofSeconds(1));
        assertThatThrownBy(() -> Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(0).withType(RateLimitType.ROLLING)
                .withMinSpacing(Duration.ofMillis(5)).shared(store, FailDirection.OPEN))))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "rateLimit.limit must be 1 or more, was 0: it is the number of calls per window",
                        "rateLimit.type of a shared rate limit must be FIXED or SMOOTH, was ROLLING: its store counts a "
                                + "fixed window or a steady refill",
                        "rateLimit.minSpacing of a shared rate limit must be 0, was PT0.005S: its store does not space "
                                + "calls; lower the window and the limit together instead",
                        "rateLimit.shared needs a named policy, defined with Policies.define: the name is the limit's key "
                                + "in its store, which every instance shares"));
        assertThatThrownBy(() -> Policies.define("too fast", p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)
                .withWindow(Duration.ofSeconds(1)).shared(store, FailDirection.OPEN))))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "rateLimit.limit of a shared rate limit must be at most one call per nanosecond of its window, was "
                                + "2147483647 per PT1S: a store (Bucket4j) refuses a faster refill; lengthen the window or"
                                + " lower the limit"));
        assertThatThrownBy(() -> PolicyConfig.NONE.withRateLimit(rl -> rl.shared(null, FailDirection.OPEN)))
                .isInstanceOf(NullPointerException.class).hasMessage("store");
        assertThatThrownBy(() -> PolicyConfig.NONE.withRateLimit(rl -> rl.shared(store, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("whenUnreachable");
    }

    private static Policy sharedPayment(RateLimitStore store, FailDirection direction,
            java.util.function.UnaryOperator<PolicyConfig.RateLimit> limit) {
        return sharedPayment(store, direction, limit, p -> p);
    }

    private static Policy sharedPayment(RateLimitStore store, FailDirection direction,
            java.util.function.UnaryOperator<PolicyConfig.RateLimit> limit, java.util.function.UnaryOperator<PolicyConfig> more) {
        return Policies.define("payment", p -> more.apply(p.withRateLimit(rl -> limit.apply(rl).shared(store, direction))));
    }

    private PolicyListener recorder(Policy policy) {
        return new PolicyListener() {
            @Override
            public void onStoreUnreachable(Policy p, FailDirection direction, Throwable failure) {
                if (p == policy) {
                    events.add("unreachable " + direction + " " + failure.getMessage());
                }
            }

            @Override
            public void onRejection(Policy p, Rejection rejection) {
                if (p == policy) {
                    events.add("rejected " + rejection);
                }
            }
        };
    }

    /** A fixed window per name, in memory; {@link #down} makes it throw, as a store that cannot be reached. */
    static final class FixedWindowStore implements RateLimitStore {

        final AtomicReference<RuntimeException> down = new AtomicReference<>();
        private final long windowNanos;
        private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // {start, taken, total taken}

        FixedWindowStore(Duration window) {
            this.windowNanos = window.toNanos();
        }

        @Override
        public long tryAcquire(String name, PolicyConfig.RateLimit limit) {
            RuntimeException failure = down.get();
            if (failure != null) {
                throw failure;
            }
            long[] w = windows.computeIfAbsent(name, n -> new long[] {System.nanoTime(), 0, 0});
            synchronized (w) {
                long now = System.nanoTime();
                if (now - w[0] >= windowNanos) {
                    w[0] = now;
                    w[1] = 0;
                }
                if (w[1] < limit.limit()) {
                    w[1]++;
                    w[2]++;
                    return 0;
                }
                return Math.max(1, Duration.ofNanos(windowNanos - (now - w[0])).toMillis());
            }
        }

        long taken(String name) {
            return windows.get(name)[2];
        }
    }
}
