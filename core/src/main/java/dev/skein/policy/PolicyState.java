package dev.skein.policy;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.util.Optional;

/**
 * What a policy has done since it was built: its breaker's state and counts of its events.
 *
 * @param name the policy's name ({@code "(unnamed)"} for an unnamed one)
 * @param breaker the circuit breaker's state, if it has one
 * @param retries retries started
 * @param breakerRejections calls that failed because the breaker was open
 * @param rateLimitRejections calls that failed for want of a rate-limit permit (after waiting, if it waits)
 * @param bulkheadRejections calls that failed because the bulkhead was full
 * @param timeouts calls that failed because their last attempt ran out of time
 */
public record PolicyState(String name, Optional<CircuitBreakerState> breaker, long retries, long breakerRejections,
        long rateLimitRejections, long bulkheadRejections, long timeouts) {
}
