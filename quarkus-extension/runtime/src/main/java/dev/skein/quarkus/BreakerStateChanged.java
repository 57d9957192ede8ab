package dev.skein.quarkus;

import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.util.Objects;

/**
 * The CDI event of a named policy's circuit breaker moving to another state (core's
 * {@code PolicyListener.onBreakerStateChange}, as one object, since a CDI event is one object).
 * {@snippet :
 * void onBreaker(@Observes BreakerStateChanged change) {
 *     if (change.state() == CircuitBreakerState.OPEN) {
 *         alerts.raise("breaker of " + change.policyName() + " opened");
 *     }
 * }
 * }
 * Only policies defined by name ({@link Policies#define}, or in configuration) report their breaker.
 * Fired on the thread that made the call that moved the breaker; see {@link dev.skein.quarkus the package}
 * for how Skein fires its events.
 *
 * @param policy the policy whose breaker moved
 * @param state the breaker's new state
 */
public record BreakerStateChanged(Policy policy, CircuitBreakerState state) {

    /** Checks that both parts are there. */
    public BreakerStateChanged {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(state, "state");
    }

    /** {@return the name of the policy} */
    public String policyName() {
        return policy.name().orElse("(unnamed)");
    }
}
