package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import dev.skein.diagnostics.StuckBranch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code dev.skein.diagnostics} needs from the machinery. Not API: the package is not exported.
 * The tree of scopes is as deep as users make it (10,000 levels is fine), so it is walked with an explicit
 * stack, never by recursion.
 */
public final class Introspection {

    private static final int WAIT_FRAMES = 12;

    private Introspection() {
    }

    public static List<ScopeSnapshot> snapshot() {
        return LiveScopes.roots().stream().map(Introspection::snapshotOf).toList();
    }

    /** Walks the tree without building it: only a branch found stuck is read in full (its stack). */
    public static List<StuckBranch> stuckBranches() {
        List<StuckBranch> stuck = new ArrayList<>();
        Deque<ScopeCore> todo = new ArrayDeque<>(LiveScopes.roots());
        while (!todo.isEmpty()) {
            ScopeCore scope = todo.pop();
            for (BranchCore<?> branch : scope.branches()) {
                long cancelledAt = branch.cancelledAtNanos();
                if (branch.isRunning() && cancelledAt != 0 && System.nanoTime() - cancelledAt >= scope.graceNanos()) {
                    BranchSnapshot snapshot = branchSnapshot(branch, List.of());
                    if (snapshot.stuck()) { // it may have ended since
                        stuck.add(new StuckBranch(scope.id, scope.name, snapshot));
                    }
                }
                branch.children().forEach(todo::push);
            }
        }
        return stuck;
    }

    /** {@return the id of the scope opened last in the JVM, or 0} */
    public static long lastScopeId() {
        return ScopeCore.lastId();
    }

    /** Records where scopes are opened from now on, or stops (the Quarkus extension's {@code open-sites.enabled}). */
    public static void recordOpenSites(boolean record) {
        OpenSites.enabled = record;
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

    private static ScopeCore find(List<ScopeCore> roots, long id) {
        Deque<ScopeCore> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            ScopeCore scope = todo.pop();
            if (scope.id == id) {
                return scope;
            }
            for (BranchCore<?> branch : scope.branches()) {
                branch.children().forEach(todo::push);
            }
        }
        return null;
    }

    /** A scope met on the way down, with what was read of it; {@code built} is filled on the way up. */
    private static final class ScopeVisit {
        final ScopeCore scope;
        final List<BranchVisit> branches = new ArrayList<>();
        ScopeSnapshot built;

        ScopeVisit(ScopeCore scope) {
            this.scope = scope;
        }
    }

    private record BranchVisit(BranchCore<?> branch, List<ScopeVisit> children) {
    }

    /**
     * Walks down once (each scope and branch is read once, so its snapshot agrees with what was walked),
     * then builds the snapshots in reverse order of the walk: every child before its parent.
     */
    static ScopeSnapshot snapshotOf(ScopeCore root) {
        ScopeVisit top = new ScopeVisit(root);
        List<ScopeVisit> walked = new ArrayList<>();
        Deque<ScopeVisit> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            ScopeVisit visit = todo.pop();
            walked.add(visit);
            for (BranchCore<?> branch : visit.scope.branches()) {
                List<ScopeVisit> children = branch.children().stream().map(ScopeVisit::new).toList();
                visit.branches.add(new BranchVisit(branch, children));
                children.forEach(todo::push);
            }
        }
        for (ScopeVisit visit : walked.reversed()) {
            List<BranchSnapshot> branches = new ArrayList<>(visit.branches.size());
            for (BranchVisit b : visit.branches) {
                branches.add(branchSnapshot(b.branch(), b.children().stream().map(child -> child.built).toList()));
            }
            visit.built = scopeSnapshot(visit.scope, branches);
        }
        return top.built;
    }

    static BranchSnapshot snapshotOf(BranchCore<?> branch) {
        return branchSnapshot(branch, branch.children().stream().map(Introspection::snapshotOf).toList());
    }

    private static ScopeSnapshot scopeSnapshot(ScopeCore scope, List<BranchSnapshot> branches) {
        return new ScopeSnapshot(scope.id, scope.name, scope.supervisor ? "supervisor" : "fail-fast",
                scope.phaseName(), Duration.ofNanos(System.nanoTime() - scope.openedNanos), scope.remaining(),
                scope.cancellation().map(Cancellation::describe), Optional.ofNullable(scope.openedAt),
                scope.owner.toString(), branches);
    }

    private static BranchSnapshot branchSnapshot(BranchCore<?> branch, List<ScopeSnapshot> nested) {
        Thread thread = branch.thread;
        Thread.State threadState = thread == null ? Thread.State.TERMINATED : thread.getState(); // null: ended
        List<StackTraceElement> waitingAt = List.of();
        if (branch.isRunning() && thread != null && isWaiting(threadState)) {
            waitingAt = waitingAt(thread.getStackTrace());
        }
        long now = System.nanoTime();
        long cancelledAt = branch.cancelledAtNanos();
        Optional<Duration> sinceCancelled = cancelledAt == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, now - cancelledAt)));
        boolean stuck = branch.isRunning() && cancelledAt != 0 && now - cancelledAt >= branch.scope.graceNanos();
        return new BranchSnapshot(branch.name(), branch.state(), Duration.ofNanos(now - branch.startNanos),
                branch.cancellation().map(Cancellation::describe), threadState, waitingAt, nested, sinceCancelled, stuck);
    }

    private static boolean isWaiting(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /**
     * The top {@value #WAIT_FRAMES} frames of a waiting thread's stack, from the first frame that says what
     * it waits on ({@code CountDownLatch.await}, {@code Thread.sleepNanos}, {@code Scope.join}): the
     * frames above it (how a virtual thread parks, how a lock queues, Skein's own) would push the user's
     * frames out. A stack with nothing else is kept whole.
     */
    static List<StackTraceElement> waitingAt(StackTraceElement[] stack) {
        int first = 0;
        while (first < stack.length && isParkingMachinery(stack[first])) {
            first++;
        }
        if (first == stack.length) {
            first = 0;
        }
        return Arrays.asList(stack).subList(first, Math.min(first + WAIT_FRAMES, stack.length));
    }

    private static boolean isParkingMachinery(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("java.lang.VirtualThread") // park, parkNanos, and the run() at the very bottom
                || type.startsWith("jdk.internal.") // Continuation, Unsafe.park, ...
                || type.startsWith("java.lang.System$") // the JavaLangAccess that parks a virtual thread
                || type.equals("java.util.concurrent.locks.LockSupport")
                || type.startsWith("java.util.concurrent.locks.AbstractQueued") // the queue of a lock or latch
                || type.equals("java.util.concurrent.ForkJoinPool")
                        && (frame.getMethodName().equals("managedBlock") || frame.getMethodName().equals("unmanagedBlock"))
                || type.startsWith("dev.skein.internal.");
    }
}
