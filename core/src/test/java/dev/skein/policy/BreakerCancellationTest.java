package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.DeadlineExceededException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a breaker counts when a call is cut short: a cancellation that has nothing to do with the service
 * (here a sibling failed) is not a failure while the breaker is closed; a deadline cut is; a half-open
 * breaker's cancelled trial reopens it.
 */
class BreakerCancellationTest {

    /** Four calls, half of them failures: the breaker opens. */
    private static final int THRESHOLD = 4;

    private final List<String> states = new CopyOnWriteArrayList<>();
    private Diagnostics.Registration registration;

    @AfterEach
    void forget() {
        Policies.remove("payment");
        if (registration != null) {
            registration.close();
        }
    }

    @Test
    void paymentsCutShortBecauseStockRanOutDoNotOpenTheBreaker() throws Exception {
        // a SmallRye timeout too: it is the one strategy with a thread of its own, yet the breaker still asks on the caller's
        Policy payment = Policies.define("payment", p -> p
                .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(THRESHOLD).withFailureRatio(0.5)
                        .withDelay(Duration.ofHours(1)))
                .withTimeout(Duration.ofMinutes(1)));

        for (int order = 0; order < 3 * THRESHOLD; order++) {
            assertThat(soldOutWhilePaying(payment)).as("order %d", order).isInstanceOf(SoldOut.class);
        }

        assertThat(payment.state().breaker()).contains(CircuitBreakerState.CLOSED);
        // the payment service's own failures still open it
        fail(payment, 2);
        assertThat(payment.state().breaker()).contains(CircuitBreakerState.OPEN);
    }

    @Test
    void anUnnamedPolicysBreakerWhoseStateCannotBeReadStillCountsThem() throws Exception {
        // reading a breaker's state needs a name, which costs SmallRye every call: an unnamed one stays conservative
        Policy payment = Policy.of(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(THRESHOLD)
                .withFailureRatio(0.5).withDelay(Duration.ofHours(1))));

        for (int order = 0; order < THRESHOLD; order++) {
            assertThat(soldOutWhilePaying(payment)).as("order %d", order).isInstanceOf(SoldOut.class);
        }

        assertThat(soldOutWhilePaying(payment)).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(payment.state().breaker()).isEmpty();
    }

    @Test
    void paymentsCutByTheDeadlineStillOpenTheBreaker() throws Exception {
        Policy payment = Policies.define("payment", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(THRESHOLD).withFailureRatio(0.5).withDelay(Duration.ofHours(1))));

        // every order is cut by its deadline (on a cold JVM, sometimes before its call starts): the breaker opens
        for (int order = 0; payment.state().breaker().orElseThrow() == CircuitBreakerState.CLOSED; order++) {
            assertThat(order).as("orders cut by the deadline, the breaker still closed").isLessThan(10 * THRESHOLD);
            Throwable outcome = catchThrowable(() -> Scope.run(cfg -> cfg.withTimeout(Duration.ofMillis(30)), scope -> {
                scope.fork("authorise payment", payment.wrap(PaymentServiceHangs::call));
                scope.join();
                return null;
            }));
            assertThat(outcome).as("order %d", order).isInstanceOf(DeadlineExceededException.class);
        }

        assertThat(payment.state().breaker()).contains(CircuitBreakerState.OPEN);
        assertThat(catchThrowable(() -> payment.call(() -> "authorised"))).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void aHalfOpenBreakersTrialCutShortBecauseStockRanOutOpensItAgain() throws Exception {
        Policy payment = Policies.define("payment", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(THRESHOLD).withFailureRatio(0.5).withDelay(Duration.ofMillis(100))));
        registration = Policies.addListener(new PolicyListener() {
            @Override
            public void onBreakerStateChange(Policy policy, CircuitBreakerState state) {
                if (policy == payment) {
                    states.add(state.name());
                }
            }
        });
        fail(payment, THRESHOLD);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> payment.state().breaker().orElseThrow() == CircuitBreakerState.HALF_OPEN);

        assertThat(soldOutWhilePaying(payment)).isInstanceOf(SoldOut.class); // the trial was let through, then cut

        assertThat(states).startsWith("OPEN", "HALF_OPEN", "OPEN").doesNotContain("CLOSED");
        assertThat(payment.state().breaker()).isNotEqualTo(Optional.of(CircuitBreakerState.CLOSED));
    }

    /**
     * One order: "reserve stock" fails (sold out) while "authorise payment" is in its call, so the scope
     * cancels the payment (a sibling failed). {@return the failure the scope reports}
     */
    private static Throwable soldOutWhilePaying(Policy payment) {
        CountDownLatch paying = new CountDownLatch(1);
        return catchThrowable(() -> Scope.run(cfg -> cfg.withName("place order"), scope -> {
            scope.fork("reserve stock", () -> {
                paying.await();
                throw new SoldOut();
            });
            scope.fork("authorise payment", payment.wrap(() -> {
                paying.countDown();
                return PaymentServiceHangs.call();
            }));
            scope.join();
            return null;
        })) instanceof BranchFailedException failed ? failed.getCause() : new AssertionError("the order did not fail");
    }

    private static void fail(Policy payment, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            Throwable outcome = catchThrowable(() -> payment.call(() -> {
                throw new IllegalStateException("payment service down");
            }));
            assertThat(outcome).isInstanceOf(IllegalStateException.class);
        }
    }

    static final class SoldOut extends RuntimeException {
        SoldOut() {
            super("sold out");
        }
    }

    /** A call that returns only when interrupted. */
    private static final class PaymentServiceHangs {
        static String call() throws InterruptedException {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        }
    }
}
