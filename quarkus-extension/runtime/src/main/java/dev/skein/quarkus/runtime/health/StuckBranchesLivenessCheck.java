package dev.skein.quarkus.runtime.health;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.StuckBranch;
import dev.skein.internal.Text;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@value #NAME}: how many branches still run past their scope's cancellation grace ({@code count}),
 * and the one cancelled longest ago ({@code oldest}, {@code oldest-cancelled-ms}, {@code oldest-at}). UP
 * whatever it finds, unless {@code quarkus.skein.health.stuck-branches-fail-liveness} is set. Only stuck branches'
 * stacks are read ({@link Diagnostics#stuckBranches()}), so a probe stays cheap under load.
 */
@Liveness
@ApplicationScoped
public class StuckBranchesLivenessCheck implements HealthCheck {

    static final String NAME = "skein-stuck-branches";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        List<StuckBranch> stuck;
        try {
            stuck = Diagnostics.stuckBranches();
        } catch (Throwable t) { // the check's own trouble is no reason to restart the application
            return response.withData("error", Text.describe(t)).build();
        }
        response.withData("count", stuck.size());
        StuckBranch oldest = null;
        for (StuckBranch s : stuck) {
            if (oldest == null || since(s.branch()).compareTo(since(oldest.branch())) > 0) {
                oldest = s;
            }
        }
        if (oldest != null) {
            response.withData("oldest", "branch '" + Text.name(oldest.branch().name()) + "' of scope '"
                    + Text.name(oldest.scopeName()) + "' #" + oldest.scopeId());
            response.withData("oldest-cancelled-ms", since(oldest.branch()).toMillis());
            if (!oldest.branch().waitingAt().isEmpty()) {
                response.withData("oldest-at", oldest.branch().waitingAt().getFirst().toString());
            }
            if (HealthSettings.current().stuckBranchesFailLiveness()) {
                response.down();
            }
        }
        return response.build();
    }

    private static Duration since(BranchSnapshot branch) {
        return branch.sinceCancelled().orElse(Duration.ZERO);
    }
}
