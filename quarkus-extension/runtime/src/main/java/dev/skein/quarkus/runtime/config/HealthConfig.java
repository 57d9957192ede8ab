package dev.skein.quarkus.runtime.config;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Skein's health checks, with {@code quarkus-smallrye-health} in the application: the readiness check
 * {@code skein-breakers} and the liveness check {@code skein-stuck-branches}.
 */
public interface HealthConfig {

    /**
     * Named policies whose circuit breaker makes the application not ready while it is open: readiness is
     * DOWN while any of them is open, UP when all are closed or half-open. Each must name a policy with a
     * circuit breaker, defined when the application starts (in {@code quarkus.skein.policy}, or in code before
     * then); another name fails the start. None by default: the check reports every breaker's state and stays UP.
     */
    Optional<List<String>> criticalBreakers();

    /**
     * Whether a branch still running past its scope's cancellation grace makes liveness DOWN (an orchestrator
     * may then restart the application). Off by default: the liveness check reports such branches (how many,
     * the oldest) and stays UP.
     */
    @WithDefault("false")
    boolean stuckBranchesFailLiveness();
}
