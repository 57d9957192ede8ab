package dev.skein.internal;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Delivers leak and stuck-branch reports to the log and to registered listeners. Callers act first (cancel,
 * close, interrupt) and report afterwards; a report never throws, whatever a listener does (see
 * {@link Callbacks}).
 */
final class Events {

    private static final System.Logger LOG = System.getLogger("dev.skein");
    static final List<SkeinListener> LISTENERS = new CopyOnWriteArrayList<>();

    private Events() {
    }

    static void unclosedScope(ScopeCore scope, String detail) {
        Callbacks.run("logging an unclosed scope", () -> LOG.log(System.Logger.Level.ERROR, detail));
        if (LISTENERS.isEmpty()) {
            return;
        }
        ScopeSnapshot snapshot;
        try {
            snapshot = Introspection.snapshotOf(scope);
        } catch (Throwable t) {
            Callbacks.failed("a snapshot of scope '" + Text.name(scope.name) + "' for SkeinListener.onUnclosedScope", t);
            return;
        }
        for (SkeinListener listener : LISTENERS) {
            Callbacks.run("SkeinListener.onUnclosedScope of " + listener.getClass().getName(),
                    () -> listener.onUnclosedScope(snapshot, detail));
        }
    }

    /** Throwables of branches that the owner cannot be given: logged, so that none is silent. */
    static void lost(ScopeCore scope, String why, List<Throwable> lost) {
        for (Throwable t : lost) {
            Callbacks.run("logging what a branch threw", () -> LOG.log(System.Logger.Level.WARNING,
                    "a branch of scope '" + Text.name(scope.name) + "' threw " + why, t));
        }
    }

    /** {@code stack}: where the branch was when it was found stuck, taken before it was interrupted again. */
    static void stuckBranch(ScopeCore scope, BranchCore<?> branch, StackTraceElement[] stack) {
        Duration age = Duration.ofNanos(System.nanoTime() - branch.startNanos);
        Callbacks.run("logging a stuck branch", () -> LOG.log(System.Logger.Level.WARNING, () -> "branch '"
                + Text.name(branch.name()) + "' of scope '" + Text.name(scope.name) + "' still runs after cancellation ("
                + branch.cancellation().map(c -> c.describe()).orElse("?") + ", age " + age.toMillis()
                + " ms); it ignores interrupts or does not poll SkeinContext.isCancelled(). It is at:\n\tat "
                + Arrays.stream(stack).map(String::valueOf).collect(Collectors.joining("\n\tat "))));
        if (LISTENERS.isEmpty()) {
            return;
        }
        ScopeSnapshot scopeSnapshot;
        BranchSnapshot branchSnapshot;
        try {
            scopeSnapshot = Introspection.snapshotOf(scope);
            branchSnapshot = Introspection.snapshotOf(branch);
        } catch (Throwable t) {
            Callbacks.failed("a snapshot of scope '" + Text.name(scope.name) + "' for SkeinListener.onStuckBranch", t);
            return;
        }
        for (SkeinListener listener : LISTENERS) {
            Callbacks.run("SkeinListener.onStuckBranch of " + listener.getClass().getName(),
                    () -> listener.onStuckBranch(scopeSnapshot, branchSnapshot, stack.clone()));
        }
    }

    static void telemetryFailed(Throwable e) {
        Callbacks.failed("OpenTelemetry (an SDK, span processor, exporter, carrier or span-name function)", e);
    }
}
