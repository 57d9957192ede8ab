package dev.skein.diagnostics;

import dev.skein.scope.Branch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A branch as it was at the moment of a {@linkplain Diagnostics#snapshot() snapshot}.
 *
 * @param name the branch's name
 * @param state its state
 * @param age time since it was forked
 * @param cancellation why it (or its scope) was cancelled, if it was
 * @param threadState the state of its virtual thread while it runs ({@code TERMINATED} once ended)
 * @param waitingAt where it waits: the top of its stack while it is blocked, parked or sleeping; else empty
 * @param scopes the scopes opened inside it and still open
 */
public record BranchSnapshot(String name, Branch.State state, Duration age, Optional<String> cancellation,
        Thread.State threadState, List<StackTraceElement> waitingAt, List<ScopeSnapshot> scopes) {

    public BranchSnapshot {
        waitingAt = List.copyOf(waitingAt);
        scopes = List.copyOf(scopes);
    }
}
