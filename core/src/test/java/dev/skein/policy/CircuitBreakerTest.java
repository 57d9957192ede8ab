package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A named breaker shared by two graphs: opens, rejects, half-opens after its delay, closes on success. */
class CircuitBreakerTest {

    static final TaskKey<String> CHARGE = TaskKey.of("charge card", String.class);
    static final TaskKey<String> REFUND = TaskKey.of("refund card", String.class);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private Diagnostics.Registration listening;

    @AfterEach
    void forget() {
        Policies.remove("gateway");
        if (listening != null) {
            listening.close();
        }
    }

    @Test
    void aSharedBreakerOpensRejectsHalfOpensAndClosesForEveryGraphThatNamesIt() throws Exception {
        Policy gateway = Policies.define("gateway", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(4).withFailureRatio(0.5).withDelay(Duration.ofSeconds(2)).withSuccessThreshold(1)));
        listening = Policies.addListener(new PolicyListener() {
            @Override
            public void onBreakerStateChange(Policy policy, CircuitBreakerState state) {
                if (policy == gateway) {
                    events.add("state " + state);
                }
            }

            @Override
            public void onRejection(Policy policy, Rejection rejection) {
                if (policy == gateway) {
                    events.add("rejected " + rejection);
                }
            }
        });
        AtomicBoolean gatewayDown = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        Graph<Void> charge = graph("charge", CHARGE, gatewayDown, calls);
        Graph<Void> refund = graph("refund", REFUND, gatewayDown, calls);

        // two graphs, run concurrently twice each, fail four calls: the shared breaker opens
        Scope.runSupervisor(scope -> {
            for (int i = 0; i < 2; i++) {
                scope.fork(() -> charge.runForReport(null));
                scope.fork(() -> refund.runForReport(null));
            }
            scope.join();
            return null;
        });
        assertThat(calls).hasValue(4);
        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.OPEN);

        // open: both graphs are rejected without calling the gateway, with SmallRye's exception
        for (Graph<Void> g : List.of(charge, refund)) {
            RunReport report = g.runForReport(null);
            assertThat(report.failure()).get().isInstanceOf(CircuitBreakerOpenException.class);
        }
        assertThat(calls).hasValue(4);
        assertThat(events).contains("rejected CIRCUIT_BREAKER_OPEN");

        // after its delay a trial call goes through; it succeeds, and the breaker closes
        gatewayDown.set(false);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> refund.runForReport(null).succeeded());
        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.CLOSED);
        assertThat(charge.run(null).get(CHARGE)).isEqualTo("ok");
        assertThat(events).filteredOn(e -> e.startsWith("state"))
                .containsExactly("state OPEN", "state HALF_OPEN", "state CLOSED");
        assertThat(gateway.state().breakerRejections()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void resettingAnOpenBreakerClosesItAndLetsCallsThroughAtOnce() throws Exception {
        Policy gateway = Policies.define("gateway", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(2).withFailureRatio(0.5).withDelay(Duration.ofHours(1))));
        failTwice(gateway);
        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.OPEN);

        assertThat(gateway.resetBreaker()).isTrue();

        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.CLOSED);
        assertThat(gateway.call(() -> "ok")).isEqualTo("ok"); // not an hour later
    }

    @Test
    void onlyANamedPolicyWithABreakerHasOneToReset() {
        assertThat(Policies.define("gateway", p -> p.withRetry(r -> r)).resetBreaker()).isFalse();
        assertThat(Policy.of(p -> p.withCircuitBreaker(cb -> cb)).resetBreaker()).isFalse();
    }

    @Test
    void aCancelledTrialCallDoesNotCloseAHalfOpenBreaker() throws Exception {
        Policy gateway = Policies.define("gateway", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(2).withFailureRatio(0.5).withDelay(Duration.ofMillis(200))));
        failTwice(gateway);
        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.OPEN);
        // once the delay has passed, a trial call is let through: it hangs, and is cancelled
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Scope scope = Scope.open()) {
                CountDownLatch inTrial = new CountDownLatch(1);
                Branch<Object> trial = scope.fork(gateway.wrap(() -> {
                    inTrial.countDown();
                    Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                    return null;
                }));
                while (inTrial.getCount() > 0 && trial.state() == Branch.State.RUNNING) {
                    Thread.onSpinWait();
                }
                boolean admitted = inTrial.getCount() == 0;
                scope.cancel();
                try {
                    scope.join();
                } catch (BranchFailedException rejected) {
                    // the breaker was still open
                }
                return admitted;
            }
        });
        assertThat(gateway.state().breaker()).isNotEqualTo(java.util.Optional.of(CircuitBreakerState.CLOSED));
    }

    @Test
    void waitingForRateLimitPermitsNeverOpensTheBreaker() throws Exception {
        Policy gateway = Policies.define("gateway", p -> p
                .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(4).withFailureRatio(0.5))
                .withRateLimit(rl -> rl.withLimit(2).withWindow(Duration.ofMillis(50)).waitingForPermit()));
        Scope.run(scope -> {
            for (int i = 0; i < 12; i++) {
                scope.fork(gateway.wrap(() -> "ok"));
            }
            scope.join();
            return null;
        });
        assertThat(gateway.state().breaker()).contains(CircuitBreakerState.CLOSED);
        assertThat(gateway.state().breakerRejections()).isZero();
    }

    /** Two failed calls: enough to open a breaker with a request volume threshold of 2. */
    private static void failTwice(Policy gateway) throws Exception {
        for (int i = 0; i < 2; i++) {
            try {
                gateway.call(() -> {
                    throw new IllegalStateException("gateway down");
                });
            } catch (IllegalStateException expected) {
                // counted by the breaker
            }
        }
    }

    private static Graph<Void> graph(String name, TaskKey<String> key, AtomicBoolean down, AtomicInteger calls) {
        return Graph.builder(name, Void.class)
                .task(key, in -> {
                    calls.incrementAndGet();
                    if (down.get()) {
                        throw new IllegalStateException("gateway down");
                    }
                    return "ok";
                }, t -> t.withPolicy("gateway"))
                .build();
    }
}
