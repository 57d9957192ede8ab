package dev.skein.quarkus.runtime;

import dev.skein.BranchFailedException;
import dev.skein.DeadlineExceededException;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import dev.skein.scope.ScopeBody;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call of a {@code @SkeinScope} method (or of an endpoint whose request came with a time budget): a scope
 * opened on the caller's thread, the method run in it as one branch on that same thread ({@code Scope.runHere}:
 * interrupted when the scope is cancelled, the interrupt cleared once it has ended), then the scope joined, and
 * the outcome given back as the method's own.
 */
public final class ScopeCall {

    /** The scope of the {@code @SkeinScope} method running on this thread; bound while the method runs only. */
    private static final ScopedValue<Scope> CURRENT = ScopedValue.newInstance();

    private ScopeCall() {
    }

    /** {@return the scope of the {@code @SkeinScope} method running on this thread} */
    public static Scope current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("no @SkeinScope method runs on this thread: call SkeinScopes.current() "
                    + "from the method itself (a branch it forks, or a scope it opens, runs on a thread of its own)");
        }
        return CURRENT.get();
    }

    /**
     * Runs {@code method} as a branch of a new scope and waits for the scope to end. {@return what the
     * method returned} Throws what the method threw when that is all that failed; otherwise what the
     * scope's {@code join} threw (a deadline, a cancellation from above, the failures of several branches).
     */
    static Object call(ScopeSettings settings, Callable<Object> method) throws Exception {
        return call(settings, method, true);
    }

    /**
     * As {@link #call}, for a scope the application did not ask for (an endpoint's time budget): {@link #current()}
     * does not see it, so that what the method may do does not depend on the request.
     */
    public static Object callUnseen(ScopeSettings settings, Callable<Object> method) throws Exception {
        return call(settings, method, false);
    }

    private static Object call(ScopeSettings settings, Callable<Object> method, boolean seen) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ScopeBody<Object> body = scope -> {
            Branch<Object> branch = scope.runHere(settings.branch(), () -> {
                try {
                    return seen ? ScopedValue.where(CURRENT, scope).call(method::call) : method.call();
                } catch (Throwable t) {
                    thrown.set(t);
                    throw t;
                }
            });
            scope.join();
            return branch.resultNow();
        };
        try {
            return settings.supervisor() ? Scope.runSupervisor(settings::configure, body)
                    : Scope.run(settings::configure, body);
        } catch (BranchFailedException e) {
            Throwable own = thrown.get();
            if (own != null && e.getCause() == own && e.failures().size() == 1 && e.getSuppressed().length == 0) {
                switch (own) { // the method alone failed: the caller gets what it threw, untouched
                    case Exception x -> throw x;
                    case Error x -> throw x;
                    default -> throw e;
                }
            }
            throw e;
        } catch (DeadlineExceededException e) {
            // a scope the method opened reported the same deadline first: it names the branches cut short
            if (thrown.get() instanceof DeadlineExceededException nested
                    && nested.cancellation().equals(e.cancellation()) && e.getSuppressed().length == 0) {
                throw nested;
            }
            throw e;
        }
    }
}
