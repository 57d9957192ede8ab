package dev.skein.junit;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.scope.Branch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for branches to reach a state, instead of sleeping and hoping. Every wait gives up after its
 * timeout (10 seconds unless given) with an {@link AssertionError} that holds the live tree.
 * {@snippet :
 * Branch<Receipt> payment = scope.fork("payment", () -> gateway.charge(order));
 * kit.awaitBlocked("payment");   // the branch now waits inside the gateway call
 * scope.cancel();
 * kit.awaitState(payment, Branch.State.CANCELLED);
 * }
 */
public final class SkeinTestKit {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Scopes with an id above this were opened during the test the kit was made for. */
    private final long openedAfter;

    SkeinTestKit(long openedAfter) {
        this.openedAfter = openedAfter;
    }

    /** Waits until {@code branch} is in {@code state}. {@return the branch} */
    public <T> Branch<T> awaitState(Branch<T> branch, Branch.State state) {
        return awaitState(branch, state, DEFAULT_TIMEOUT);
    }

    /** Waits until {@code branch} is in {@code state}, at most {@code timeout}. {@return the branch} */
    public <T> Branch<T> awaitState(Branch<T> branch, Branch.State state, Duration timeout) {
        awaitCondition(() -> branch.state() == state, timeout,
                () -> "branch '" + branch.name() + "' to be " + state + " (it is " + branch.state() + ")");
        return branch;
    }

    /**
     * Waits until a running branch named {@code branchName}, in a scope opened during the current test (at
     * any depth), is blocked: parked, sleeping, waiting or blocked on a monitor. A branch of an older scope,
     * left behind by an earlier test or run by another thread, never matches. {@return its snapshot,
     * showing where it waits}
     */
    public BranchSnapshot awaitBlocked(String branchName) {
        return awaitBlocked(branchName, DEFAULT_TIMEOUT);
    }

    /** Like {@link #awaitBlocked(String)}, at most {@code timeout}. */
    public BranchSnapshot awaitBlocked(String branchName, Duration timeout) {
        BranchSnapshot[] found = new BranchSnapshot[1];
        awaitCondition(() -> {
            found[0] = findBlocked(Diagnostics.snapshot(), branchName).orElse(null);
            return found[0] != null;
        }, timeout, () -> "a running branch named '" + branchName + "', in a scope opened during this test, to block");
        return found[0];
    }

    /** Waits until {@code condition} holds, at most {@code timeout}. */
    public void await(BooleanSupplier condition, Duration timeout) {
        awaitCondition(condition, timeout, () -> "the condition to hold");
    }

    /** {@return the live tree of scopes as text} */
    public String dump() {
        return Diagnostics.dumpText();
    }

    private static void awaitCondition(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what.get()
                        + "; live tree:\n" + Diagnostics.dumpText());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Searches with an explicit stack: a tree can be thousands of levels deep. */
    private Optional<BranchSnapshot> findBlocked(List<ScopeSnapshot> roots, String branchName) {
        Deque<ScopeSnapshot> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            ScopeSnapshot scope = todo.pop();
            for (BranchSnapshot branch : scope.branches()) {
                if (scope.id() > openedAfter && branch.name().equals(branchName)
                        && branch.state() == Branch.State.RUNNING && !branch.waitingAt().isEmpty()) {
                    return Optional.of(branch);
                }
                branch.scopes().forEach(todo::push);
            }
        }
        return Optional.empty();
    }
}
