package dev.skein.policy;

import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a {@link Policy} does, strategy by strategy: retry, circuit breaker, rate limit, timeout, bulkhead.
 * Each is off until configured; SmallRye Fault Tolerance applies them in its fixed order (retry, circuit
 * breaker, rate limit, timeout, bulkhead, from the outside in). Defaults are MicroProfile Fault
 * Tolerance's. Values are checked when the policy is built, every problem at once.
 * {@snippet :
 * Policy payment = Policies.define("payment", p -> p
 *         .withRetry(r -> r.withMaxRetries(3).withDelay(Duration.ofMillis(100)).withJitter(Duration.ofMillis(50)))
 *         .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(10).withFailureRatio(0.5))
 *         .withRateLimit(rl -> rl.withLimit(50).withWindow(Duration.ofSeconds(1)).waitingForPermit())
 *         .withTimeout(Duration.ofSeconds(2))
 *         .withBulkhead(20));
 * }
 *
 * @param retry the retry, if any
 * @param circuitBreaker the circuit breaker, if any
 * @param rateLimit the rate limit, if any
 * @param timeout the timeout, if any
 * @param bulkhead the bulkhead's limit on concurrent calls, if any
 */
public record PolicyConfig(Optional<Retry> retry, Optional<CircuitBreaker> circuitBreaker,
        Optional<RateLimit> rateLimit, Optional<Duration> timeout, Optional<Integer> bulkhead) {

    static final PolicyConfig NONE = new PolicyConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public PolicyConfig {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(bulkhead, "bulkhead");
    }

    /** {@return this configuration with a retry, configured from the defaults by {@code configure}} */
    public PolicyConfig withRetry(UnaryOperator<Retry> configure) {
        return new PolicyConfig(Optional.of(configure.apply(Retry.DEFAULTS)), circuitBreaker, rateLimit, timeout, bulkhead);
    }

    /** {@return this configuration with a circuit breaker, configured from the defaults by {@code configure}} */
    public PolicyConfig withCircuitBreaker(UnaryOperator<CircuitBreaker> configure) {
        return new PolicyConfig(retry, Optional.of(configure.apply(CircuitBreaker.DEFAULTS)), rateLimit, timeout, bulkhead);
    }

    /** {@return this configuration with a rate limit, configured from the defaults by {@code configure}} */
    public PolicyConfig withRateLimit(UnaryOperator<RateLimit> configure) {
        return new PolicyConfig(retry, circuitBreaker, Optional.of(configure.apply(RateLimit.DEFAULTS)), timeout, bulkhead);
    }

    /** {@return this configuration with a timeout on each attempt} */
    public PolicyConfig withTimeout(Duration timeout) {
        return new PolicyConfig(retry, circuitBreaker, rateLimit, Optional.of(timeout), bulkhead);
    }

    /** {@return this configuration with a bulkhead admitting at most {@code limit} concurrent calls} */
    public PolicyConfig withBulkhead(int limit) {
        return new PolicyConfig(retry, circuitBreaker, rateLimit, timeout, Optional.of(limit));
    }

    /**
     * A retry: up to {@code maxRetries} more attempts, {@code delay} apart (plus or minus {@code jitter}),
     * growing by {@code backoffFactor} up to {@code maxDelay} when the factor is above 1. Retries on the
     * {@code retryOn} exceptions that are not {@code abortOn} ones. Skein adds two rules: no retry once
     * the context is cancelled, and none when its deadline is nearer than the delay.
     *
     * @param maxRetries attempts after the first (default 3)
     * @param delay the wait before a retry (default 0)
     * @param jitter the random variation of each delay (default 0)
     * @param backoffFactor how each delay grows over the last (default 1: constant)
     * @param maxDelay the cap on a growing delay (default 1 minute)
     * @param retryOn exceptions worth retrying (default {@code Exception})
     * @param abortOn exceptions never retried (default none)
     */
    public record Retry(int maxRetries, Duration delay, Duration jitter, int backoffFactor, Duration maxDelay,
            List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> abortOn) {

        static final Retry DEFAULTS = new Retry(3, Duration.ZERO, Duration.ZERO, 1, Duration.ofMinutes(1),
                List.of(Exception.class), List.of());

        public Retry {
            retryOn = List.copyOf(retryOn);
            abortOn = List.copyOf(abortOn);
        }

        /** {@return a copy with {@code maxRetries}} */
        public Retry withMaxRetries(int maxRetries) {
            return new Retry(maxRetries, delay, jitter, backoffFactor, maxDelay, retryOn, abortOn);
        }

        /** {@return a copy with {@code delay}} */
        public Retry withDelay(Duration delay) {
            return new Retry(maxRetries, delay, jitter, backoffFactor, maxDelay, retryOn, abortOn);
        }

        /** {@return a copy with {@code jitter}} */
        public Retry withJitter(Duration jitter) {
            return new Retry(maxRetries, delay, jitter, backoffFactor, maxDelay, retryOn, abortOn);
        }

        /** {@return a copy whose delay is multiplied by {@code factor} after each retry, up to {@code maxDelay}} */
        public Retry withExponentialBackoff(int factor, Duration maxDelay) {
            return new Retry(maxRetries, delay, jitter, factor, maxDelay, retryOn, abortOn);
        }

        /** {@return a copy that retries only on these exceptions (and their subtypes)} */
        @SafeVarargs
        @SuppressWarnings("varargs") // List.of copies the array and never writes into it
        public final Retry withRetryOn(Class<? extends Throwable>... retryOn) {
            return new Retry(maxRetries, delay, jitter, backoffFactor, maxDelay, List.of(retryOn), abortOn);
        }

        /** {@return a copy that never retries on these exceptions (and their subtypes)} */
        @SafeVarargs
        @SuppressWarnings("varargs") // List.of copies the array and never writes into it
        public final Retry withAbortOn(Class<? extends Throwable>... abortOn) {
            return new Retry(maxRetries, delay, jitter, backoffFactor, maxDelay, retryOn, List.of(abortOn));
        }
    }

    /**
     * A circuit breaker: it opens when, of the last {@code requestVolumeThreshold} calls, the share that
     * failed reaches {@code failureRatio}; while open it rejects calls with SmallRye's
     * {@code CircuitBreakerOpenException}; after {@code delay} it half-opens and lets trial calls through,
     * closing after {@code successThreshold} successes.
     *
     * @param requestVolumeThreshold the rolling window of calls (default 20)
     * @param failureRatio the share of failures that opens it, 0..1 (default 0.5)
     * @param delay how long it stays open (default 5 s)
     * @param successThreshold trial successes that close it (default 1)
     */
    public record CircuitBreaker(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold) {

        static final CircuitBreaker DEFAULTS = new CircuitBreaker(20, 0.5, Duration.ofSeconds(5), 1);

        /** {@return a copy with {@code requestVolumeThreshold}} */
        public CircuitBreaker withRequestVolumeThreshold(int requestVolumeThreshold) {
            return new CircuitBreaker(requestVolumeThreshold, failureRatio, delay, successThreshold);
        }

        /** {@return a copy with {@code failureRatio}} */
        public CircuitBreaker withFailureRatio(double failureRatio) {
            return new CircuitBreaker(requestVolumeThreshold, failureRatio, delay, successThreshold);
        }

        /** {@return a copy with {@code delay}} */
        public CircuitBreaker withDelay(Duration delay) {
            return new CircuitBreaker(requestVolumeThreshold, failureRatio, delay, successThreshold);
        }

        /** {@return a copy with {@code successThreshold}} */
        public CircuitBreaker withSuccessThreshold(int successThreshold) {
            return new CircuitBreaker(requestVolumeThreshold, failureRatio, delay, successThreshold);
        }
    }

    /**
     * A rate limit: at most {@code limit} calls per {@code window} (and at least {@code minSpacing}
     * between two). A call over the limit is rejected with SmallRye's {@code RateLimitException}, or, when
     * {@code waitForPermit}, waits the time SmallRye says a permit needs, as long as the context's deadline
     * allows, and is rejected only then. A {@code shared} limit is counted in a {@link RateLimitStore} by
     * every instance that uses it, rather than by this JVM's SmallRye guard.
     *
     * @param limit calls per window (default 100)
     * @param window the window (default 1 s)
     * @param minSpacing the least time between two calls (default 0)
     * @param type how windows are counted (default {@code FIXED})
     * @param waitForPermit whether a call over the limit waits rather than failing at once (default false)
     * @param shared the store that counts it for every instance, if it is shared (default none: local)
     */
    public record RateLimit(int limit, Duration window, Duration minSpacing, RateLimitType type, boolean waitForPermit,
            Optional<SharedLimit> shared) {

        static final RateLimit DEFAULTS = new RateLimit(100, Duration.ofSeconds(1), Duration.ZERO, RateLimitType.FIXED, false);

        public RateLimit {
            Objects.requireNonNull(shared, "shared");
        }

        /** A local rate limit, counted by this JVM alone. */
        public RateLimit(int limit, Duration window, Duration minSpacing, RateLimitType type, boolean waitForPermit) {
            this(limit, window, minSpacing, type, waitForPermit, Optional.empty());
        }

        /** {@return a copy with {@code limit}} */
        public RateLimit withLimit(int limit) {
            return new RateLimit(limit, window, minSpacing, type, waitForPermit, shared);
        }

        /** {@return a copy with {@code window}} */
        public RateLimit withWindow(Duration window) {
            return new RateLimit(limit, window, minSpacing, type, waitForPermit, shared);
        }

        /** {@return a copy with {@code minSpacing}} */
        public RateLimit withMinSpacing(Duration minSpacing) {
            return new RateLimit(limit, window, minSpacing, type, waitForPermit, shared);
        }

        /** {@return a copy with {@code type}} */
        public RateLimit withType(RateLimitType type) {
            return new RateLimit(limit, window, minSpacing, Objects.requireNonNull(type, "type"), waitForPermit, shared);
        }

        /** {@return a copy whose calls over the limit wait for a permit, within the context's deadline} */
        public RateLimit waitingForPermit() {
            return new RateLimit(limit, window, minSpacing, type, true, shared);
        }

        /**
         * {@return a copy counted in {@code store} by every instance that defines the policy alike (same
         * name, limit, window and type), failing in {@code whenUnreachable}'s direction while the store cannot
         * be reached} Named policies only (the name is the limit's key in the store); {@code FIXED} or
         * {@code SMOOTH}, without {@code minSpacing}. The permit is taken before the policy's other strategies,
         * so a call's retries take none.
         */
        public RateLimit shared(RateLimitStore store, FailDirection whenUnreachable) {
            return new RateLimit(limit, window, minSpacing, type, waitForPermit,
                    Optional.of(new SharedLimit(store, whenUnreachable)));
        }
    }

    /**
     * Where a shared rate limit is counted, and what it does while that store cannot be reached.
     *
     * @param store the store every instance takes its permits from
     * @param whenUnreachable whether a call is admitted ({@code OPEN}) or rejected ({@code CLOSED}) while the
     *        store cannot be reached
     */
    public record SharedLimit(RateLimitStore store, FailDirection whenUnreachable) {

        public SharedLimit {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(whenUnreachable, "whenUnreachable");
        }
    }
}
