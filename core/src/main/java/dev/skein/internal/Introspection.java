package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@code dev.skein.diagnostics} needs from the machinery. Not API: the package is not exported. */
public final class Introspection {

    private static final int WAIT_FRAMES = 12;

    private Introspection() {
    }

    public static List<ScopeSnapshot> snapshot() {
        return LiveScopes.roots().stream().map(Introspection::snapshotOf).toList();
    }

    public static Runnable addListener(SkeinListener listener) {
        Objects.requireNonNull(listener, "listener");
        Events.LISTENERS.add(listener);
        return () -> Events.LISTENERS.remove(listener);
    }

    public static boolean cancel(long scopeId) {
        ScopeCore scope = find(LiveScopes.roots(), scopeId);
        if (scope == null) {
            return false;
        }
        scope.cancel();
        return true;
    }

    private static ScopeCore find(List<ScopeCore> scopes, long id) {
        for (ScopeCore scope : scopes) {
            if (scope.id == id) {
                return scope;
            }
            for (BranchCore<?> branch : scope.branches()) {
                ScopeCore found = find(branch.children(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static ScopeSnapshot snapshotOf(ScopeCore scope) {
        List<BranchSnapshot> branches = new ArrayList<>();
        for (BranchCore<?> branch : scope.branches()) {
            branches.add(snapshotOf(branch));
        }
        return new ScopeSnapshot(scope.id, scope.name, scope.supervisor ? "supervisor" : "fail-fast",
                scope.phaseName(), Duration.ofNanos(System.nanoTime() - scope.openedNanos), scope.remaining(),
                scope.cancellation().map(Cancellation::describe), Optional.ofNullable(scope.openedAt),
                scope.owner.toString(), branches);
    }

    static BranchSnapshot snapshotOf(BranchCore<?> branch) {
        Thread thread = branch.thread;
        Thread.State threadState = thread == null ? Thread.State.NEW : thread.getState();
        List<StackTraceElement> waitingAt = List.of();
        if (branch.isRunning() && thread != null && isWaiting(threadState)) {
            StackTraceElement[] stack = thread.getStackTrace();
            waitingAt = Arrays.asList(stack).subList(0, Math.min(WAIT_FRAMES, stack.length));
        }
        List<ScopeSnapshot> nested = branch.children().stream().map(Introspection::snapshotOf).toList();
        return new BranchSnapshot(branch.name(), branch.state(), Duration.ofNanos(System.nanoTime() - branch.startNanos),
                branch.cancellation().map(Cancellation::describe), threadState, waitingAt, nested);
    }

    private static boolean isWaiting(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }
}
