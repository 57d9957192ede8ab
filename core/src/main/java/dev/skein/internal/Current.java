package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.context.ContextKey;
import dev.skein.context.SkeinContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one {@link ScopedValue} Skein binds: the running branch. Its scope holds the deadline, the
 * cancellation state and the values, so a single binding per branch carries the whole context.
 */
public final class Current {

    static final ScopedValue<BranchCore<?>> BRANCH = ScopedValue.newInstance();

    private Current() {
    }

    /** {@return the context of the calling thread} */
    public static SkeinContext context() {
        return BRANCH.isBound() ? BRANCH.get() : Root.INSTANCE;
    }

    /**
     * {@return the branch the calling thread runs, as an opaque token for {@link #callInside}, or null
     * outside any branch} For work that Skein starts on a thread of its own on behalf of a branch.
     */
    public static Object enclosingBranch() {
        return branchOrNull();
    }

    /**
     * Calls {@code op} on the calling thread as if inside {@code enclosingBranch} (a token from
     * {@link #enclosingBranch()}; null: outside any branch). Its context is that branch's, and scopes it
     * opens nest under that branch: cancelled with it, and closed before it ends.
     */
    public static <T, X extends Throwable> T callInside(Object enclosingBranch, ScopedValue.CallableOp<T, X> op) throws X {
        if (enclosingBranch == null) {
            return op.call();
        }
        return ScopedValue.where(BRANCH, (BranchCore<?>) enclosingBranch).call(op);
    }

    static BranchCore<?> branchOrNull() {
        return BRANCH.isBound() ? BRANCH.get() : null;
    }

    /** The context outside every branch: no deadline, never cancelled, no values. */
    private enum Root implements SkeinContext {
        INSTANCE;

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> remaining() {
            return Optional.empty();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Optional<Cancellation> cancellation() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> get(ContextKey<T> key) {
            return Optional.empty();
        }
    }
}
