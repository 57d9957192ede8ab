package dev.skein.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The branches of a scope: a lock-free stack linked through {@link BranchCore#next}, newest first. The
 * head's index is the number of forks so far. It sits on a cache line of its own: the owner pushes
 * constantly while it forks, and every branch reads the scope's other fields (its cancellation) when it
 * starts; sharing one line made each of those reads a miss (measured).
 *
 * <p>Ended branches are unlinked from time to time so that a long-lived scope does not hold on to every
 * branch it ever ran. Pushes only touch the head and unlinking never removes the head, so one unlinker
 * at a time (under the lock) is safe against any number of pushers and readers.
 */
final class BranchStack extends BranchStackPadAfter {

    private static final int UNLINK_EVERY = 4096;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(BranchStackHead.class, "head", BranchCore.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set (under the lock) when the scope is cancelled; guarded by {@code this}. */
    private boolean frozen;

    /**
     * Pushes and numbers the branch; every few thousand pushes, unlinks ended branches.
     * {@return its index: the count of forks before it}
     */
    int push(BranchCore<?> branch) {
        BranchCore<?> h;
        do {
            h = head;
            branch.next = h;
            branch.index = h == null ? 0 : h.index + 1;
        } while (!HEAD.compareAndSet(this, h, branch));
        if ((branch.index & (UNLINK_EVERY - 1)) == UNLINK_EVERY - 1) {
            unlinkEnded();
        }
        return branch.index;
    }

    /** {@return the newest branch, from which {@link BranchCore#next} leads to older ones} */
    BranchCore<?> head() {
        return head;
    }

    /** {@return how many branches were forked, including those born cancelled} */
    int count() {
        BranchCore<?> h = head;
        return h == null ? 0 : h.index + 1;
    }

    /**
     * Stops unlinking for good: the scope was cancelled, and its cancellation walk must also see the
     * branches that stopped just before it reached them. Returns once no unlinking is under way.
     */
    synchronized void freeze() {
        frozen = true;
    }

    private void unlinkEnded() {
        synchronized (this) {
            if (frozen) {
                return;
            }
            BranchCore<?> previous = head;
            for (BranchCore<?> b = previous.next; b != null; b = b.next) {
                if (b.isRunning()) {
                    previous = b;
                } else {
                    previous.next = b.next;
                }
            }
        }
    }
}

@SuppressWarnings("unused")
abstract class BranchStackPadBefore {
    long p1, p2, p3, p4, p5, p6, p7, p8;
}

abstract class BranchStackHead extends BranchStackPadBefore {
    volatile BranchCore<?> head;
}

@SuppressWarnings("unused")
abstract class BranchStackPadAfter extends BranchStackHead {
    long q1, q2, q3, q4, q5, q6, q7, q8;
}
