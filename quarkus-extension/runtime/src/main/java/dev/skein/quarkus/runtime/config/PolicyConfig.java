package dev.skein.quarkus.runtime.config;

import dev.skein.policy.FailDirection;
import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One named policy: its strategies, named as SmallRye Fault Tolerance names its own keys
 * ({@code quarkus.fault-tolerance."<id>".retry.max-retries}). Durations are a number with a
 * {@code ChronoUnit} unit key ({@code millis} unless set). Defaults are Skein's (MicroProfile's, except
 * the retry's jitter).
 */
public interface PolicyConfig {

    /** The retry: failed calls are tried again. */
    Optional<Retry> retry();

    /** The retry's delay grows after each retry (it needs a retry). */
    Optional<ExponentialBackoff> exponentialBackoff();

    /** The circuit breaker: calls are rejected for a while once too many failed. */
    Optional<CircuitBreaker> circuitBreaker();

    /** The rate limit: at most so many calls per window. */
    Optional<RateLimit> rateLimit();

    /** The timeout of each attempt. */
    Optional<Timeout> timeout();

    /** The bulkhead: at most so many calls at once. */
    Optional<Bulkhead> bulkhead();

    /** A retry. */
    interface Retry {

        /** Whether the policy retries; {@code false} turns the retry off. */
        @ConfigDocDefault("true")
        Optional<Boolean> enabled();

        /** Attempts after the first. The run's deadline bounds them too. */
        @ConfigDocDefault("3")
        OptionalInt maxRetries();

        /** The wait before each retry, in {@code delay-unit}. A retry the deadline cannot wait for is not made. */
        @ConfigDocDefault("0")
        OptionalLong delay();

        /** The unit of {@code delay}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> delayUnit();

        /** The random variation of each delay, in {@code jitter-delay-unit}. */
        @ConfigDocDefault("0")
        OptionalLong jitter();

        /** The unit of {@code jitter}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> jitterDelayUnit();
    }

    /** A delay that grows after each retry. */
    interface ExponentialBackoff {

        /** How much each delay grows over the last. */
        @ConfigDocDefault("1")
        OptionalInt factor();

        /** The cap on the growing delay, in {@code max-delay-unit}. */
        @ConfigDocDefault("60000")
        OptionalLong maxDelay();

        /** The unit of {@code max-delay}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> maxDelayUnit();
    }

    /** A circuit breaker. */
    interface CircuitBreaker {

        /** Whether the policy has the breaker; {@code false} turns it off. */
        @ConfigDocDefault("true")
        Optional<Boolean> enabled();

        /** The rolling window of calls the breaker looks back on. */
        @ConfigDocDefault("20")
        OptionalInt requestVolumeThreshold();

        /** The share of failed calls in the window, 0 to 1, that opens the breaker. */
        @ConfigDocDefault("0.5")
        OptionalDouble failureRatio();

        /** How long the breaker stays open, in {@code delay-unit}. */
        @ConfigDocDefault("5000")
        OptionalLong delay();

        /** The unit of {@code delay}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> delayUnit();

        /** Trial calls that must succeed to close a half-open breaker. */
        @ConfigDocDefault("1")
        OptionalInt successThreshold();
    }

    /** A rate limit. */
    interface RateLimit {

        /** Whether the policy has the rate limit; {@code false} turns it off. */
        @ConfigDocDefault("true")
        Optional<Boolean> enabled();

        /** Calls per window. */
        @ConfigDocDefault("100")
        OptionalInt value();

        /** The window, in {@code window-unit}. */
        @ConfigDocDefault("1000")
        OptionalLong window();

        /** The unit of {@code window}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> windowUnit();

        /** The least time between two calls, in {@code min-spacing-unit}. */
        @ConfigDocDefault("0")
        OptionalLong minSpacing();

        /** The unit of {@code min-spacing}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> minSpacingUnit();

        /** How windows are counted. */
        @ConfigDocDefault("fixed")
        Optional<RateLimitType> type();

        /** Whether a call over the limit waits for a permit, within the deadline, rather than failing at once. */
        @ConfigDocDefault("false")
        Optional<Boolean> waitForPermit();

        /**
         * Whether the limit is shared by every instance of the application: counted in the application's CDI bean
         * of type {@code dev.skein.policy.RateLimitStore} (e.g. {@code PostgresRateLimitStore} of
         * {@code skein-shared-limits}), rather than by each JVM. The build (or the start) fails without such a
         * bean. The limit's {@code type} must then be {@code fixed} or {@code smooth}, without {@code min-spacing}.
         */
        @ConfigDocDefault("false")
        Optional<Boolean> shared();

        /**
         * What a call does while the shared limit's store cannot be reached: {@code open} admits it, as if there
         * were no limit; {@code closed} rejects it with a {@code RateLimitException}. Open by default, so that the
         * store is not one more thing whose outage stops the calls the limit guards; choose {@code closed} where
         * going over the limit costs more than refusing calls (a quota billed or enforced by a partner).
         */
        @ConfigDocDefault("open")
        Optional<FailDirection> sharedFail();
    }

    /** A timeout. */
    interface Timeout {

        /** Whether the policy has the timeout; {@code false} turns it off. */
        @ConfigDocDefault("true")
        Optional<Boolean> enabled();

        /** The most time an attempt may take, in {@code unit}. The run's deadline still wins when nearer. */
        @ConfigDocDefault("1000")
        OptionalLong value();

        /** The unit of {@code value}. */
        @ConfigDocDefault("millis")
        Optional<ChronoUnit> unit();
    }

    /** A bulkhead. */
    interface Bulkhead {

        /** Whether the policy has the bulkhead; {@code false} turns it off. */
        @ConfigDocDefault("true")
        Optional<Boolean> enabled();

        /** The most calls at once; more are rejected. */
        @ConfigDocDefault("10")
        OptionalInt value();
    }
}
