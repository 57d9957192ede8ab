package dev.skein.policy;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Hears what policies do, for metrics, spans and health checks. Called on the thread that made the call
 * (breaker changes: on whichever thread SmallRye changes the state), so it must be quick and must not
 * block. Whatever it throws, an {@link Error} included, is logged and changes nothing: the call keeps its
 * rejection, its retries and its result or failure, the breaker its transitions, and the other listeners
 * are still called. Register with {@link Policies#addListener}.
 */
public interface PolicyListener {

    /** What rejected a call without running it. */
    enum Rejection {
        /** The circuit breaker is open (SmallRye's {@code CircuitBreakerOpenException}). */
        CIRCUIT_BREAKER_OPEN,
        /** The rate limit has no permit (SmallRye's {@code RateLimitException}). */
        RATE_LIMITED,
        /** The bulkhead is full (MicroProfile's {@code BulkheadException}). */
        BULKHEAD_FULL
    }

    /** The breaker of {@code policy} moved to {@code state}. */
    default void onBreakerStateChange(Policy policy, CircuitBreakerState state) {
    }

    /** A call through {@code policy} failed because it was rejected (after its retries, if it has any). */
    default void onRejection(Policy policy, Rejection rejection) {
    }

    /** {@code policy} is about to retry a call. */
    default void onRetry(Policy policy) {
    }

    /** A call through {@code policy} failed because its last attempt ran out of its timeout. */
    default void onTimeout(Policy policy) {
    }

    /** A call through {@code policy} waits for a rate-limit permit, for {@code millis}. */
    default void onWaitForPermit(Policy policy, long millis) {
    }

    /**
     * A call through {@code policy} found its shared rate limit's store unreachable ({@code failure}), and was
     * admitted ({@link FailDirection#OPEN}) or rejected ({@link FailDirection#CLOSED}) as {@code direction}
     * says; a rejection is also reported to {@link #onRejection} as {@code RATE_LIMITED}.
     */
    default void onStoreUnreachable(Policy policy, FailDirection direction, Throwable failure) {
    }
}
