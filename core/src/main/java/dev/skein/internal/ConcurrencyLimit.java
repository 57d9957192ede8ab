package dev.skein.internal;

import dev.skein.CancelledException;
import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cap on how many branches of one scope run at once ({@code errgroup.SetLimit}). A fork takes a
 * slot before its branch exists; the branch gives it back when it ends. Waiting for a slot ends when one
 * frees, when the scope is cancelled, or at the deadline (which it then fires).
 */
final class ConcurrencyLimit {

    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private int inUse; // guarded by lock

    ConcurrencyLimit(int max) {
        this.max = max;
    }

    /**
     * Takes a slot. {@return false if none is free and {@code wait} is false; true otherwise, also when the
     * wait ended by cancellation or the deadline (the branch is then born cancelled)}
     */
    boolean acquire(ScopeCore scope, boolean wait) {
        lock.lock();
        try {
            while (inUse >= max) {
                if (!wait) {
                    return false;
                }
                if (scope.isCancelled()) {
                    break;
                }
                long left = scope.nanosToDeadline();
                if (left <= 0) {
                    scope.fireOwnOrInheritedDeadline();
                    break;
                }
                try {
                    slotFreed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException(new Cancellation(CancellationReason.OWNER_INTERRUPTED, scope.name,
                            new InterruptedException("interrupted while waiting for a free slot to fork into '"
                                    + scope.name + "'")));
                }
            }
            inUse++;
            return true;
        } finally {
            lock.unlock();
        }
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
