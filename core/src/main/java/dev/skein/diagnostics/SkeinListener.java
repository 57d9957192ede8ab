package dev.skein.diagnostics;

/**
 * Hears of the things Skein finds wrong at run time. Register one with
 * {@link Diagnostics#addListener(SkeinListener)}; Skein also logs each event through
 * {@link System.Logger} {@code "dev.skein"}. Methods are called on the thread that found the problem,
 * after Skein has acted on it (interrupted the stuck branch again, cancelled and closed the leaked
 * scope), and should return quickly: one that blocks holds that thread. Whatever they throw, an
 * {@code Error} too, is logged and changes nothing.
 */
public interface SkeinListener {

    /**
     * A scope was not closed by the code that opened it: a branch ended while a scope it opened was still
     * open, or the handle of a root scope was garbage collected. Skein has cancelled (and, inside a branch,
     * closed) the scope.
     */
    default void onUnclosedScope(ScopeSnapshot scope, String detail) {
    }

    /**
     * A branch still runs after the cancellation grace period of its scope; {@code branch.waitingAt()}
     * (or its stack) shows where. Skein interrupts it again each time it reports it.
     */
    default void onStuckBranch(ScopeSnapshot scope, BranchSnapshot branch, StackTraceElement[] stack) {
    }
}
