package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws, an {@link Error} included, changes nothing about the call: the same rejection,
 * the same retries, the same result or failure; what it threw is logged, and the other listeners still hear.
 */
class PolicyListenerTest {

    /** Thrown by the hostile listener: an assertion failure, or what a listener that ran out of memory throws. */
    private static final List<Supplier<Error>> ERRORS = List.of(
            () -> new AssertionError("a listener's assertion"),
            () -> new OutOfMemoryError("a listener out of memory"));

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger("dev.skein");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
        Policies.remove("flaky");
    }

    @Test
    void aRejectionStaysTheRejectionWhenAListenerThrowsAnError() {
        for (Supplier<Error> error : ERRORS) {
            Policy limited = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(1).withWindow(Duration.ofMinutes(1))));
            try (var hostile = Policies.addListener(throwing(limited, error));
                    var honest = Policies.addListener(recording(limited))) {
                assertThat(callQuietly(limited, () -> "the one permit")).isEqualTo("the one permit");
                assertThatThrownBy(() -> limited.call(() -> "over the limit")).isInstanceOf(RateLimitException.class);
            }
            assertThat(limited.state().rateLimitRejections()).isEqualTo(1);
        }
        assertThat(heard).containsExactly("rejected RATE_LIMITED", "rejected RATE_LIMITED");
        assertLoggedEach("onRejection");
    }

    @Test
    void everyRetryStillRunsAndTheResultIsKeptWhenAListenerThrowsAnError() throws Exception {
        for (Supplier<Error> error : ERRORS) {
            Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(3)));
            AtomicInteger attempts = new AtomicInteger();
            try (var hostile = Policies.addListener(throwing(retrying, error))) {
                String result = retrying.call(() -> {
                    if (attempts.incrementAndGet() < 4) {
                        throw new IllegalStateException("attempt " + attempts.get());
                    }
                    return "fourth time lucky";
                });
                assertThat(result).isEqualTo("fourth time lucky");
            }
            assertThat(attempts).hasValue(4);
            assertThat(retrying.state().retries()).isEqualTo(3);
        }
        assertLoggedEach("onRetry");
    }

    @Test
    void theLastFailureIsKeptAfterEveryRetryWhenAListenerThrowsAnError() {
        for (Supplier<Error> error : ERRORS) {
            Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(2)));
            AtomicInteger attempts = new AtomicInteger();
            try (var hostile = Policies.addListener(throwing(retrying, error))) {
                assertThatThrownBy(() -> retrying.call(() -> {
                    throw new IllegalStateException("attempt " + attempts.incrementAndGet());
                })).isInstanceOf(IllegalStateException.class).hasMessage("attempt 3");
            }
            assertThat(attempts).hasValue(3);
        }
    }

    @Test
    void aTimeoutStaysTheTimeoutWhenAListenerThrowsAnError() {
        for (Supplier<Error> error : ERRORS) {
            Policy timed = Policy.of(p -> p.withTimeout(Duration.ofMillis(50)));
            try (var hostile = Policies.addListener(throwing(timed, error));
                    var honest = Policies.addListener(recording(timed))) {
                assertThatThrownBy(() -> timed.call(() -> {
                    Thread.sleep(Duration.ofSeconds(30)); // interrupted by the timeout
                    return "too late";
                })).isInstanceOf(TimeoutException.class);
            }
            assertThat(timed.state().timeouts()).isEqualTo(1);
        }
        assertThat(heard).containsExactly("timeout", "timeout");
        assertLoggedEach("onTimeout");
    }

    @Test
    void aCallWaitingForAPermitStillGetsItWhenAListenerThrowsAnError() throws Exception {
        for (Supplier<Error> error : ERRORS) {
            Policy waiting = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(1).withWindow(Duration.ofMillis(50))
                    .waitingForPermit()));
            try (var hostile = Policies.addListener(throwing(waiting, error))) {
                String second = Scope.run(cfg -> cfg.withTimeout(Duration.ofSeconds(30)), scope -> {
                    waiting.call(() -> "first");
                    return waiting.call(() -> "second, after waiting");
                });
                assertThat(second).isEqualTo("second, after waiting");
            }
        }
        assertLoggedEach("onWaitForPermit");
    }

    @Test
    void aSharedLimitStillFailsInItsDirectionWhenAListenerThrowsAnError() throws Exception {
        for (Supplier<Error> error : ERRORS) {
            for (FailDirection direction : FailDirection.values()) {
                SharedRateLimitTest.FixedWindowStore store = new SharedRateLimitTest.FixedWindowStore(Duration.ofMinutes(1));
                IllegalStateException unreachable = new IllegalStateException("connection refused");
                store.down.set(unreachable);
                Policy shared = Policies.define("flaky", p -> p.withRateLimit(rl -> rl.withLimit(1).shared(store, direction)));
                try (var hostile = Policies.addListener(throwing(shared, error));
                        var honest = Policies.addListener(recording(shared))) {
                    if (direction == FailDirection.OPEN) {
                        assertThat(shared.call(() -> "admitted")).isEqualTo("admitted");
                    } else {
                        assertThatThrownBy(() -> shared.call(() -> "not called"))
                                .isInstanceOf(RateLimitException.class).hasCause(unreachable);
                    }
                } finally {
                    Policies.remove("flaky");
                }
                assertThat(shared.sharedLimit().orElseThrow().unreachableCalls()).isEqualTo(1);
            }
        }
        assertThat(heard).containsExactly("rejected RATE_LIMITED", "rejected RATE_LIMITED");
        assertLoggedEach("onStoreUnreachable");
    }

    @Test
    void theBreakerOpensHalfOpensAndClosesAsUsualWhenAListenerThrowsAnError() throws Exception {
        Policy flaky = Policies.define("flaky", p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(2)
                .withFailureRatio(0.5).withDelay(Duration.ofMillis(200))));
        try (var hostile = Policies.addListener(throwing(flaky, ERRORS.get(0)));
                var honest = Policies.addListener(recording(flaky))) {
            assertThatThrownBy(() -> flaky.call(() -> {
                throw new IllegalStateException("down 1");
            })).isInstanceOf(IllegalStateException.class).hasMessage("down 1");
            // this failure opens the breaker: the call still fails with its own exception
            assertThatThrownBy(() -> flaky.call(() -> {
                throw new IllegalStateException("down 2");
            })).isInstanceOf(IllegalStateException.class).hasMessage("down 2");
            assertThat(flaky.state().breaker()).contains(CircuitBreakerState.OPEN);
            assertThatThrownBy(() -> flaky.call(() -> "not called")).isInstanceOf(CircuitBreakerOpenException.class);

            await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("state HALF_OPEN"));
            assertThat(flaky.call(() -> "up again")).isEqualTo("up again");
            assertThat(flaky.state().breaker()).contains(CircuitBreakerState.CLOSED);
        }
        assertThat(heard).containsExactly("state OPEN", "rejected CIRCUIT_BREAKER_OPEN", "state HALF_OPEN", "state CLOSED");
        assertThat(logged).filteredOn(r -> r.getMessage().contains("onBreakerStateChange")).hasSize(3);
    }

    /** A listener that throws {@code error} from every event of {@code policy}. */
    private static PolicyListener throwing(Policy policy, Supplier<Error> error) {
        return new PolicyListener() {
            @Override
            public void onBreakerStateChange(Policy p, CircuitBreakerState state) {
                if (p == policy) {
                    throw error.get();
                }
            }

            @Override
            public void onRejection(Policy p, Rejection rejection) {
                if (p == policy) {
                    throw error.get();
                }
            }

            @Override
            public void onRetry(Policy p) {
                if (p == policy) {
                    throw error.get();
                }
            }

            @Override
            public void onTimeout(Policy p) {
                if (p == policy) {
                    throw error.get();
                }
            }

            @Override
            public void onWaitForPermit(Policy p, long millis) {
                if (p == policy) {
                    throw error.get();
                }
            }

            @Override
            public void onStoreUnreachable(Policy p, FailDirection direction, Throwable failure) {
                if (p == policy) {
                    throw error.get();
                }
            }
        };
    }

    /** A well-behaved listener, registered after the hostile one: it still hears every event. */
    private PolicyListener recording(Policy policy) {
        return new PolicyListener() {
            @Override
            public void onBreakerStateChange(Policy p, CircuitBreakerState state) {
                if (p == policy) {
                    heard.add("state " + state);
                }
            }

            @Override
            public void onRejection(Policy p, Rejection rejection) {
                if (p == policy) {
                    heard.add("rejected " + rejection);
                }
            }

            @Override
            public void onTimeout(Policy p) {
                if (p == policy) {
                    heard.add("timeout");
                }
            }
        };
    }

    private static <T> T callQuietly(Policy policy, java.util.concurrent.Callable<T> body) {
        try {
            return policy.call(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Each kind of error thrown from {@code event} was logged at WARNING, with the error itself. */
    private void assertLoggedEach(String event) {
        List<LogRecord> records = logged.stream().filter(r -> r.getMessage().contains(event)).toList();
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        assertThat(records).anySatisfy(r -> assertThat(r.getThrown()).isInstanceOf(AssertionError.class));
        assertThat(records).anySatisfy(r -> assertThat(r.getThrown()).isInstanceOf(OutOfMemoryError.class));
    }
}
