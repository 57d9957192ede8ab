package dev.skein.policy;

import java.util.Optional;

/**
 * What a policy's shared rate limit has seen of its {@link RateLimitStore}, for health checks and metrics.
 *
 * @param direction what it does with a call while the store cannot be reached
 * @param reachable whether the store answered the policy's last call (true before the first)
 * @param unreachableCalls calls that found the store unreachable, admitted or rejected as {@code direction} says
 * @param lastFailure the last failure of the store, as {@code "type: message"}, if it has failed
 */
public record SharedLimitState(FailDirection direction, boolean reachable, long unreachableCalls,
        Optional<String> lastFailure) {
}
