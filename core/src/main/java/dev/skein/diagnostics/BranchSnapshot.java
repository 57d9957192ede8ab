package dev.skein.diagnostics;

import dev.skein.internal.Text;
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
 * @param waitingAt where it waits while it is blocked, parked or sleeping, else empty: up to 12 frames of its
 *     stack, from the first that says what it waits on ({@code CountDownLatch.await}, {@code Scope.join},
 *     {@code Thread.sleep}...), leaving out how the JDK parks a virtual thread above it
 * @param scopes the scopes opened inside it and still open
 * @param sinceCancelled time since it (or its scope) was cancelled, if it was
 * @param stuck whether it still runs though it was cancelled longer ago than its scope's cancellation grace
 *     (Skein reports such a branch to {@link SkeinListener#onStuckBranch} and interrupts it again)
 */
public record BranchSnapshot(String name, Branch.State state, Duration age, Optional<String> cancellation,
        Thread.State threadState, List<StackTraceElement> waitingAt, List<ScopeSnapshot> scopes,
        Optional<Duration> sinceCancelled, boolean stuck) {

    public BranchSnapshot {
        waitingAt = List.copyOf(waitingAt);
        scopes = List.copyOf(scopes);
    }

    /**
     * {@return this branch alone: name, state, thread state and how many scopes it has open, never what
     * lies below them (a tree can be thousands of levels deep); {@link Diagnostics#toText} shows the whole tree}
     */
    @Override
    public String toString() {
        return "BranchSnapshot['" + SnapshotFormat.line(Text.name(name)) + "', " + state + (stuck ? ", stuck" : "")
                + ", thread " + threadState + ", " + scopes.size() + " scope(s)]";
    }
}
