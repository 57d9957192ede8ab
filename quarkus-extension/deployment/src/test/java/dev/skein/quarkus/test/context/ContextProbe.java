package dev.skein.quarkus.test.context;

import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Reads the request's context from inside several branches of a scope nested in the method's. */
@ApplicationScoped
public class ContextProbe {

    @Inject
    RequestState state;

    @SkeinScope
    public List<String> inBranches() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        seen.add(here());
        seen.addAll(Scope.run(scope -> {
            List<Branch<String>> branches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                branches.add(scope.fork("read-" + i, this::here));
            }
            scope.join();
            return branches.stream().map(Branch::resultNow).toList();
        }));
        seen.add(here()); // the branches left the request's state as it was
        return seen;
    }

    /** What this thread sees: whether a request context is active, the request's user, the MDC both ways. */
    private String here() {
        boolean active = Arc.container().requestContext().isActive();
        return active + "/" + (active ? state.user() : "-") + "/" + org.jboss.logging.MDC.get("requestId") + "/"
                + org.slf4j.MDC.get("requestId");
    }
}
