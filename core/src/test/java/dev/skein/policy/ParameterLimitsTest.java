package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skein.PolicyDefinitionException;
import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every parameter walked through its edges against real SmallRye Fault Tolerance: a value just inside
 * defines a policy and a call through it works; a value just outside is rejected when the policy is
 * defined, in a {@link PolicyDefinitionException} naming the parameter, never with a raw
 * {@code ArithmeticException} and never at the first call. The limits are SmallRye's (see {@code Validation}).
 */
class ParameterLimitsTest {

    static final Duration DAY = Duration.ofDays(1);
    static final Duration MS = Duration.ofMillis(1);
    static final Duration NS = Duration.ofNanos(1);
    /** The longest duration whose milliseconds fit in a long, as SmallRye takes them. */
    static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE);
    static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);
    static final long MB = 1024 * 1024;

    @AfterEach
    void forget() {
        Policies.remove("huge");
    }

    @Test
    void retry() throws Exception {
        inside(p -> p.withRetry(r -> r.withMaxRetries(0)));
        inside(p -> p.withRetry(r -> r.withMaxRetries(Integer.MAX_VALUE)));
        outside("retry.maxRetries", p -> p.withRetry(r -> r.withMaxRetries(-1)));

        inside(p -> p.withRetry(r -> r.withDelay(Duration.ZERO)));
        inside(p -> p.withRetry(r -> r.withDelay(DAY.minus(MS))));
        inside(p -> p.withRetry(r -> r.withDelay(DAY.minus(NS))));
        outside("retry.delay", p -> p.withRetry(r -> r.withDelay(NS.negated())));
        outside("retry.delay", p -> p.withRetry(r -> r.withDelay(DAY)));
        outside("retry.delay", p -> p.withRetry(r -> r.withDelay(HUGE)));
        outside("retry.delay", p -> p.withRetry(r -> r.withDelay(null)));

        inside(p -> p.withRetry(r -> r.withJitter(Duration.ZERO)));
        inside(p -> p.withRetry(r -> r.withJitter(Duration.ofMillis(Long.MAX_VALUE - 1))));
        inside(p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(10)).withJitter(Duration.ofMillis(Long.MAX_VALUE - 10))));
        outside("retry.jitter", p -> p.withRetry(r -> r.withJitter(NS.negated())));
        outside("retry.jitter", p -> p.withRetry(r -> r.withJitter(LONGEST))); // SmallRye: "bound must be greater than origin"
        outside("retry.jitter", p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(10))
                .withJitter(Duration.ofMillis(Long.MAX_VALUE - 9))));
        outside("retry.jitter", p -> p.withRetry(r -> r.withJitter(HUGE)));

        inside(p -> p.withRetry(r -> r.withExponentialBackoff(1, Duration.ofDays(2)))); // a factor of 1 never grows
        inside(p -> p.withRetry(r -> r.withExponentialBackoff(2, MS)));
        inside(p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(10)).withExponentialBackoff(2, Duration.ofMillis(11))));
        inside(p -> p.withRetry(r -> r.withExponentialBackoff(Integer.MAX_VALUE, DAY.minus(MS))));
        outside("retry.backoffFactor", p -> p.withRetry(r -> r.withExponentialBackoff(0, Duration.ofSeconds(1))));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(10))
                .withExponentialBackoff(2, Duration.ofMillis(10))));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(10))
                .withExponentialBackoff(2, Duration.ofMillis(10).plus(Duration.ofNanos(999_999))))); // the same whole ms
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withDelay(Duration.ofSeconds(2)).withExponentialBackoff(2, MS)));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withExponentialBackoff(2, Duration.ZERO)));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withExponentialBackoff(2, DAY)));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withExponentialBackoff(2, Duration.ofDays(2))));
        outside("retry.maxDelay", p -> p.withRetry(r -> r.withExponentialBackoff(2, HUGE)));
    }

    @Test
    void theLongestJitterStillRetries() {
        Policy policy = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1).withJitter(Duration.ofMillis(Long.MAX_VALUE - 1))));
        AtomicInteger attempts = new AtomicInteger();
        // the retry waits between 0 and ~292 million years: either it retries at once, or the deadline ends the wait
        Throwable outcome = catchThrowable(() -> Scope.run(cfg -> cfg.withTimeout(Duration.ofMillis(100)), scope -> {
            scope.fork(() -> policy.call(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("first attempt");
                }
                return "second attempt";
            }));
            scope.join();
            return null;
        }));
        for (Throwable t = outcome; t != null; t = t.getCause()) { // SmallRye's own failure would be one of these
            assertThat(t).isNotInstanceOfAny(IllegalArgumentException.class, ArithmeticException.class);
        }
        assertThat(attempts.get()).isBetween(1, 2);
        assertThat(outcome == null).isEqualTo(attempts.get() == 2);
    }

    @Test
    void circuitBreaker() throws Exception {
        inside(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(1)));
        outside("circuitBreaker.requestVolumeThreshold", p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(0)));

        inside(p -> p.withCircuitBreaker(cb -> cb.withFailureRatio(0)));
        inside(p -> p.withCircuitBreaker(cb -> cb.withFailureRatio(1)));
        outside("circuitBreaker.failureRatio", p -> p.withCircuitBreaker(cb -> cb.withFailureRatio(Math.nextDown(0.0))));
        outside("circuitBreaker.failureRatio", p -> p.withCircuitBreaker(cb -> cb.withFailureRatio(Math.nextUp(1.0))));
        outside("circuitBreaker.failureRatio", p -> p.withCircuitBreaker(cb -> cb.withFailureRatio(Double.NaN)));

        inside(p -> p.withCircuitBreaker(cb -> cb.withDelay(Duration.ZERO)));
        inside(p -> p.withCircuitBreaker(cb -> cb.withDelay(LONGEST.plusNanos(999_999))));
        outside("circuitBreaker.delay", p -> p.withCircuitBreaker(cb -> cb.withDelay(NS.negated())));
        outside("circuitBreaker.delay", p -> p.withCircuitBreaker(cb -> cb.withDelay(LONGEST.plus(MS))));
        outside("circuitBreaker.delay", p -> p.withCircuitBreaker(cb -> cb.withDelay(HUGE)));
        outside("circuitBreaker.delay", p -> p.withCircuitBreaker(cb -> cb.withDelay(null)));

        inside(p -> p.withCircuitBreaker(cb -> cb.withSuccessThreshold(1)));
        inside(p -> p.withCircuitBreaker(cb -> cb.withSuccessThreshold(Integer.MAX_VALUE)));
        outside("circuitBreaker.successThreshold", p -> p.withCircuitBreaker(cb -> cb.withSuccessThreshold(0)));
    }

    @Test
    void aBreakerOpenForTheLongestDelayRejectsAndLeavesSmallRyesTimerToOthers() throws Exception {
        Policy breaker = Policy.of(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(1).withDelay(LONGEST)));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IllegalStateException("opens it");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> breaker.call(() -> "not called")).isInstanceOf(CircuitBreakerOpenException.class);
        // its half-open transition is scheduled ~292 million years ahead on SmallRye's one timer: others still fire
        Policy shortTimeout = Policy.of(p -> p.withTimeout(Duration.ofMillis(20)));
        assertThatThrownBy(() -> shortTimeout.call(() -> {
            Thread.sleep(Duration.ofSeconds(30));
            return "too late";
        })).isInstanceOf(TimeoutException.class);
    }

    @Test
    void whatSmallRyeAllocatesAtTheFirstCallMustFitInHalfTheHeap() throws Exception {
        long heap = 64 * MB; // half of it holds 2^28 bits of a breaker's window, or 2^22 timestamps of a rolling limit
        int bits = 1 << 28;
        int timestamps = 1 << 22;
        assertThat(problems(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(bits)), heap)).isEmpty();
        inside(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(bits)));
        assertThat(problems(p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(bits + 1)), heap))
                .singleElement().asString().startsWith("circuitBreaker.requestVolumeThreshold must be at most "
                        + bits + " in this JVM, was " + (bits + 1) + ": SmallRye allocates a bit per call");

        UnaryOperator<PolicyConfig.RateLimit> rolling = rl -> rl.withType(RateLimitType.ROLLING);
        assertThat(problems(p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(timestamps)), heap)).isEmpty();
        inside(p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(timestamps)));
        assertThat(problems(p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(timestamps + 1)), heap))
                .singleElement().asString().startsWith("rateLimit.limit of a ROLLING rate limit must be at most "
                        + timestamps + " in this JVM");
        // however large the heap, one array holds at most Integer.MAX_VALUE - 8 timestamps
        assertThat(problems(p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(Integer.MAX_VALUE - 8)), Long.MAX_VALUE))
                .isEmpty();
        assertThat(problems(p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(Integer.MAX_VALUE - 7)), Long.MAX_VALUE))
                .singleElement().asString().startsWith("rateLimit.limit of a ROLLING rate limit must be at most 2147483639");
        // in this JVM too: SmallRye would throw OutOfMemoryError at the first call
        outside("rateLimit.limit", p -> p.withRateLimit(rl -> rolling.apply(rl).withLimit(Integer.MAX_VALUE)));
    }

    @Test
    void rateLimit() throws Exception {
        inside(p -> p.withRateLimit(rl -> rl.withLimit(1)));
        inside(p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)));
        inside(p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE).withType(RateLimitType.SMOOTH)));
        outside("rateLimit.limit", p -> p.withRateLimit(rl -> rl.withLimit(0)));

        inside(p -> p.withRateLimit(rl -> rl.withWindow(MS)));
        inside(p -> p.withRateLimit(rl -> rl.withWindow(LONGEST.plusNanos(999_999))));
        inside(p -> p.withRateLimit(rl -> rl.withWindow(LONGEST).withType(RateLimitType.ROLLING)));
        inside(p -> p.withRateLimit(rl -> rl.withWindow(LONGEST).withType(RateLimitType.SMOOTH)));
        outside("rateLimit.window", p -> p.withRateLimit(rl -> rl.withWindow(MS.minus(NS))));
        outside("rateLimit.window", p -> p.withRateLimit(rl -> rl.withWindow(LONGEST.plus(MS))));
        outside("rateLimit.window", p -> p.withRateLimit(rl -> rl.withWindow(HUGE)));
        outside("rateLimit.window", p -> p.withRateLimit(rl -> rl.withWindow(null)));

        inside(p -> p.withRateLimit(rl -> rl.withMinSpacing(Duration.ZERO)));
        inside(p -> p.withRateLimit(rl -> rl.withMinSpacing(Duration.ofMillis(Long.MAX_VALUE / 2))));
        outside("rateLimit.minSpacing", p -> p.withRateLimit(rl -> rl.withMinSpacing(NS.negated())));
        outside("rateLimit.minSpacing", p -> p.withRateLimit(rl -> rl.withMinSpacing(Duration.ofMillis(Long.MAX_VALUE / 2 + 1))));
        outside("rateLimit.minSpacing", p -> p.withRateLimit(rl -> rl.withMinSpacing(HUGE)));

        outside("rateLimit.type", p -> p.withRateLimit(rl -> new PolicyConfig.RateLimit(1, MS, Duration.ZERO, null, false)));
    }

    @Test
    void theLongestWindowAndSpacingAdmitTheFirstCallAndRejectTheNext() throws Exception {
        Policy window = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(1).withWindow(LONGEST)));
        Policy spacing = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(5).withMinSpacing(Duration.ofMillis(Long.MAX_VALUE / 2))));
        for (Policy policy : List.of(window, spacing)) {
            assertThat(policy.call(() -> "first")).isEqualTo("first");
            assertThatThrownBy(() -> policy.call(() -> "second"))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getRetryAfterMillis()).isPositive());
        }
    }

    @Test
    void timeout() throws Exception {
        Policy shortest = Policy.of(p -> p.withTimeout(MS)); // SmallRye takes it: the call returns or times out
        Throwable outcome = catchThrowable(() -> shortest.call(() -> "called"));
        assertThat(outcome == null || outcome instanceof TimeoutException).as("%s", outcome).isTrue();
        inside(p -> p.withTimeout(LONGEST.plusNanos(999_999)));
        outside("timeout", p -> p.withTimeout(Duration.ZERO));
        outside("timeout", p -> p.withTimeout(MS.minus(NS)));
        outside("timeout", p -> p.withTimeout(NS.negated()));
        outside("timeout", p -> p.withTimeout(LONGEST.plus(MS)));
        outside("timeout", p -> p.withTimeout(HUGE));
    }

    @Test
    void bulkhead() throws Exception {
        inside(p -> p.withBulkhead(1));
        inside(p -> p.withBulkhead(Integer.MAX_VALUE - 10));
        outside("bulkhead", p -> p.withBulkhead(0));
        outside("bulkhead", p -> p.withBulkhead(Integer.MAX_VALUE - 9)); // SmallRye: "Bulkhead capacity overflow"
        outside("bulkhead", p -> p.withBulkhead(Integer.MAX_VALUE));
    }

    @Test
    void everyHugeValueIsListedInOneDefinitionException() {
        assertThatThrownBy(() -> Policies.define("huge", p -> p
                .withRetry(r -> r.withDelay(HUGE).withJitter(HUGE).withExponentialBackoff(2, HUGE))
                .withCircuitBreaker(cb -> cb.withDelay(HUGE))
                .withRateLimit(rl -> rl.withWindow(HUGE).withMinSpacing(HUGE))
                .withTimeout(HUGE)
                .withBulkhead(Integer.MAX_VALUE)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems())
                        .map(problem -> problem.substring(0, problem.indexOf(" must be ")))
                        .containsExactly("retry.delay", "retry.jitter", "retry.maxDelay", "circuitBreaker.delay",
                                "rateLimit.window", "rateLimit.minSpacing", "timeout", "bulkhead"));
        assertThat(Policies.find("huge")).isEmpty();
    }

    /** Defines the policy, and a call through it works. */
    private static void inside(UnaryOperator<PolicyConfig> configure) throws Exception {
        Policy policy = Policy.of(configure);
        assertThat(policy.call(() -> "called")).as("a call through %s", policy).isEqualTo("called");
    }

    /** Defining the policy fails, with one problem, which names {@code parameter}. */
    private static void outside(String parameter, UnaryOperator<PolicyConfig> configure) {
        Throwable failure = catchThrowable(() -> Policy.of(configure));
        assertThat(failure).as("defining with a bad %s", parameter).isInstanceOf(PolicyDefinitionException.class);
        assertThat(((PolicyDefinitionException) failure).problems()).singleElement().asString().startsWith(parameter + " ")
                .contains(" must be ", ", was ");
    }

    private static List<String> problems(UnaryOperator<PolicyConfig> configure, long heap) {
        List<String> problems = new ArrayList<>();
        Validation.check(configure.apply(PolicyConfig.NONE), heap, problems);
        return problems;
    }
}
