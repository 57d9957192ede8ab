package dev.skein.internal;

import dev.skein.BranchFailedException;
import dev.skein.scope.ScopeConfig;
import java.lang.ref.Reference;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Scopes that Skein opens for its own mechanics: a graph task's timeout, an attempt of a compensation.
 * Both the scope and its one branch are named after the task, so that messages, {@code stillRunning()}
 * and dumps speak of the task; neither makes a span (the task already has one), though scopes that user
 * code opens inside still do.
 */
public final class Plumbing {

    private Plumbing() {
    }

    /**
     * Calls {@code body} on a branch named {@code name}, in a scope named {@code name} that gives it at most
     * {@code timeout}, and waits for it. {@return what it returned}
     * @throws Exception what it threw, as it is (the scope's wrapper only when it carries more than that
     *     one failure, e.g. a scope the body left open); {@code DeadlineExceededException} when the time ran out
     */
    public static <T> T callWithTimeout(String name, Duration timeout, Callable<? extends T> body) throws Exception {
        Object handle = new Object(); // a root scope (a compensation attempt) is reported as leaked if this is collected
        ScopeCore scope = ScopeCore.open(ScopeConfig.defaults().withName(name).withTimeout(timeout), false, handle, false);
        try {
            BranchCore<T> branch = scope.fork(name, body, true);
            try {
                scope.join();
            } catch (BranchFailedException e) {
                throw asException(e.getSuppressed().length == 0 ? e.getCause() : e);
            }
            return branch.resultNow();
        } finally {
            scope.close();
            Reference.reachabilityFence(handle);
        }
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new UndeclaredThrowableException(t);
    }
}
