package dev.skein.quarkus.runtime.health;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.PolicyReading;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@value #NAME}: for each named policy whose rate limit is shared, by policy name (up to
 * {@value Breakers#MOST}), whether its store answered the policy's last call and what the policy does while it
 * cannot ({@code "store reachable; fails open"}, {@code "store UNREACHABLE; fails closed: calls are rejected; ..."}).
 * Always UP: the store is every instance's, so its outage would take every instance out of the load balancer at
 * once, for a fault that concerns only the calls through these policies; and only calls find the store again, so
 * an instance taken out of traffic would stay out. Alert on the data, or on {@code skein.policy.shared_limit.*}.
 */
@Readiness
@ApplicationScoped
public class SharedLimitsReadinessCheck implements HealthCheck {

    static final String NAME = "skein-shared-limits";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        int shared = 0;
        for (PolicyReading policy : PolicyReading.all()) {
            if (policy.hasSharedLimit() && shared++ < Breakers.MOST) {
                response.withData(Text.name(policy.name()), policy.sharedLimitLine().orElseThrow());
            }
        }
        if (shared > Breakers.MOST) {
            response.withData("shared-limits.not-shown", shared - Breakers.MOST);
        }
        return response.build();
    }
}
