package dev.skein.internal;

import dev.skein.CancelledException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cap on how many branches of one scope run at once ({@code errgroup.SetLimit}). A fork takes a
 * slot before its branch exists; the branch gives it back when it ends. Waiting for a slot ends when one
 * frees, when the scope is cancelled, or at the deadline (which it then fires).
 *
 * <p>A branch of the scope forking into it holds a slot while it waits for another. When every slot is
 * held by a branch that waits like that, none can ever free: instead of hanging (as Go's errgroup does),
 * the fork that would complete the deadlock fails with an {@link IllegalStateException}.
 *
 * <p>An interrupt of a thread waiting here cancels what that thread runs, as an interrupt of the owner
 * in {@code join} does: the owner's cancels the scope ({@code OWNER_INTERRUPTED}), a branch's cancels the
 * branch. The fork then throws that {@link CancelledException}, and the interrupt stays set.
 */
final class ConcurrencyLimit {

    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private int inUse; // guarded by lock
    private int holdersWaiting; // branches of the scope waiting in fork; guarded by lock

    ConcurrencyLimit(int max) {
        this.max = max;
    }

    /**
     * Takes a slot. {@code callerHoldsSlot}: the caller is a running branch of the scope.
     * {@return false if none is free and {@code wait} is false; true otherwise, also when the wait ended by
     * cancellation or the deadline (the branch is then born cancelled)}
     */
    boolean acquire(ScopeCore scope, boolean wait, boolean callerHoldsSlot) {
        boolean deadlinePassed = false;
        boolean interrupted = false;
        lock.lock();
        try {
            while (inUse >= max) {
                if (!wait) {
                    return false;
                }
                if (callerHoldsSlot && holdersWaiting + 1 >= inUse) {
                    throw new IllegalStateException("fork into scope '" + Text.name(scope.name) + "' would deadlock: all "
                            + inUse + " slots of its concurrency cap are held by branches waiting to fork into it;"
                            + " raise withMaxConcurrency, use tryFork, or fork from a nested scope");
                }
                if (scope.cancelPublished()) {
                    break;
                }
                long left = scope.nanosToDeadline();
                if (left <= 0) {
                    deadlinePassed = true;
                    break;
                }
                if (callerHoldsSlot) {
                    holdersWaiting++;
                }
                try {
                    slotFreed.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                } finally {
                    if (callerHoldsSlot) {
                        holdersWaiting--;
                    }
                }
            }
            if (!interrupted) {
                inUse++;
            }
        } finally {
            lock.unlock();
        }
        // cancelling walks down the tree and wakes the forks waiting in nested scopes, taking their locks:
        // never with this one held, or two forks waiting in an outer and an inner scope could deadlock
        if (deadlinePassed) {
            scope.fireOwnOrInheritedDeadline(); // the branch is then born cancelled
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // kept: the owner's join() then throws InterruptedException
            throw new CancelledException(scope.cancelledByInterruptInFork(callerHoldsSlot));
        }
        return true;
    }

    void release() {
        lock.lock();
        try {
            inUse--;
            slotFreed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting fork: the scope was cancelled. */
    void wakeAll() {
        lock.lock();
        try {
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
