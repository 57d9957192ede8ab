package dev.skein.internal;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Delivers leak and stuck-branch reports to the log and to registered listeners. */
final class Events {

    private static final System.Logger LOG = System.getLogger("dev.skein");
    static final List<SkeinListener> LISTENERS = new CopyOnWriteArrayList<>();

    private Events() {
    }

    static void unclosedScope(ScopeCore scope, String detail) {
        LOG.log(System.Logger.Level.ERROR, detail);
        if (LISTENERS.isEmpty()) {
            return;
        }
        ScopeSnapshot snapshot = Introspection.snapshotOf(scope);
        for (SkeinListener listener : LISTENERS) {
            try {
                listener.onUnclosedScope(snapshot, detail);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SkeinListener " + listener + " threw", e);
            }
        }
    }

    /** Exceptions that cancelled branches threw while the owner's join had nothing to attach them to. */
    static void lostAfterCancel(ScopeCore scope, List<Throwable> late) {
        for (Throwable t : late) {
            LOG.log(System.Logger.Level.WARNING, "a branch of scope '" + scope.name
                    + "' threw after it had been cancelled (the scope was cancelled by its owner, so join() returned)", t);
        }
    }

    static void stuckBranch(ScopeCore scope, BranchCore<?> branch) {
        Thread thread = branch.thread;
        StackTraceElement[] stack = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
        Duration age = Duration.ofNanos(System.nanoTime() - branch.startNanos);
        LOG.log(System.Logger.Level.WARNING, () -> "branch '" + branch.name() + "' of scope '" + scope.name
                + "' still runs after cancellation (" + branch.cancellation().map(c -> c.describe()).orElse("?")
                + ", age " + age.toMillis() + " ms); it ignores interrupts or does not poll"
                + " SkeinContext.isCancelled(). It is at:\n\tat "
                + Arrays.stream(stack).map(String::valueOf).collect(Collectors.joining("\n\tat ")));
        if (LISTENERS.isEmpty()) {
            return;
        }
        ScopeSnapshot scopeSnapshot = Introspection.snapshotOf(scope);
        BranchSnapshot branchSnapshot = Introspection.snapshotOf(branch);
        for (SkeinListener listener : LISTENERS) {
            try {
                listener.onStuckBranch(scopeSnapshot, branchSnapshot, stack.clone());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SkeinListener " + listener + " threw", e);
            }
        }
    }

    static void telemetryFailed(Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "OpenTelemetry failed; the scope goes on without it", e);
    }
}
