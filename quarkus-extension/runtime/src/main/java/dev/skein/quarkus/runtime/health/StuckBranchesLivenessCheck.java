package dev.skein.quarkus.runtime.health;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.internal.Text;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@value #NAME}: how many branches still run past their scope's cancellation grace ({@code count}),
 * and the one cancelled longest ago ({@code oldest}, {@code oldest-cancelled-ms}, {@code oldest-at}). UP
 * whatever it finds, unless {@code quarkus.skein.health.stuck-branches-fail-liveness} is set. The tree is walked
 * with a stack, whatever its depth.
 */
@Liveness
@ApplicationScoped
public class StuckBranchesLivenessCheck implements HealthCheck {

    static final String NAME = "skein-stuck-branches";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        int count = 0;
        BranchSnapshot oldest = null;
        ScopeSnapshot oldestScope = null;
        Deque<ScopeSnapshot> todo;
        try {
            todo = new ArrayDeque<>(Diagnostics.snapshot());
        } catch (Throwable t) { // the check's own trouble is no reason to restart the application
            return response.withData("error", Text.describe(t)).build();
        }
        while (!todo.isEmpty()) {
            ScopeSnapshot scope = todo.pop();
            for (BranchSnapshot branch : scope.branches()) {
                if (branch.stuck()) {
                    count++;
                    if (oldest == null || since(branch).compareTo(since(oldest)) > 0) {
                        oldest = branch;
                        oldestScope = scope;
                    }
                }
                branch.scopes().forEach(todo::push);
            }
        }
        response.withData("count", count);
        if (oldest != null) {
            response.withData("oldest", "branch '" + Text.name(oldest.name()) + "' of scope '" + Text.name(oldestScope.name())
                    + "' #" + oldestScope.id());
            response.withData("oldest-cancelled-ms", since(oldest).toMillis());
            if (!oldest.waitingAt().isEmpty()) {
                response.withData("oldest-at", oldest.waitingAt().getFirst().toString());
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
