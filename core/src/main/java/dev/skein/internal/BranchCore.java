package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import dev.skein.context.ContextKey;
import dev.skein.context.SkeinContext;
import dev.skein.scope.Branch;
import dev.skein.scope.CheckedRunnable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A branch: the handle the owner keeps and the context its body sees (one object). What its virtual
 * thread runs is a {@link Start} of its own, which nobody else can reach: a handle or a context that a
 * user holds has no way to run the body again.
 *
 * <h2>Errors and other throwables: the policy</h2>
 * {@link Start#run} catches every {@link Throwable} the body throws, records it, and always signals the end
 * of the branch to its scope in a {@code finally}: a branch can never make {@code join} hang, whatever it
 * throws. Then:
 * <ul>
 * <li>An {@link Error} ({@code StackOverflowError}, {@code OutOfMemoryError}, an assertion, a
 * {@code ThreadDeath}-like error of the user's) is always a <em>failure</em>, even when the branch was
 * cancelled: an Error is never mistaken for cancellation.</li>
 * <li>An Error cancels the scope at once, also a supervisor: a supervisor supervises failures of the
 * work, not a broken JVM or a bug. Go's errgroup learned the other half of this in 2025: it deferred
 * panics until {@code Wait}, which "can delay the propagation of panics arbitrarily far into the future,
 * making mistakes that used to be promptly discovered latent" (golang/go#53757, reverted). Cancelling
 * the siblings brings the Error to the owner as soon as the tree has stopped.</li>
 * <li>The owner receives it wrapped, as the cause of a {@code BranchFailedException} (like the JDK's
 * {@code StructuredTaskScope.FailedException}): the owner's stack and the branch's stack both survive,
 * and {@code getCause()} is the very Error. It is not re-thrown raw in the owner's thread, where it would
 * look as if the owner itself had overflowed its stack or run out of memory.</li>
 * <li>Any other throwable of a branch that had been cancelled ends it {@code CANCELLED}, not failed: it
 * stopped because it was asked to. If the throwable is more than a way of stopping (not an
 * {@code InterruptedException}, {@code CancelledException} or the like anywhere in its causes, or it
 * carries suppressed failures of nested scopes), it is kept and attached, suppressed, to what the owner's
 * {@code join} throws (see {@link Failures}). A branch that was not cancelled and throws is
 * {@code FAILED}.</li>
 * <li>If classifying what the body threw throws in turn (a hostile {@code getCause()}, no memory left),
 * or the branch's thread cannot even be started, the branch still ends, as {@code FAILED}.</li>
 * <li>A body that swallows the interrupt and returns a value has succeeded. A body that swallows it and
 * goes on running is reported, with its stack, after the scope's cancellation grace, and interrupted
 * again each time it is reported; {@code SkeinContext.isCancelled()} stays true for code that polls.</li>
 * </ul>
 */
final class BranchCore<T> implements Branch<T>, SkeinContext {

    private static final int RUNNING = 0;
    private static final int SUCCEEDED = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;
    /** Cancelled before its thread started: its scope was cancelled already. */
    private static final int BORN_CANCELLED = 4;
    private static final State[] STATES = {State.RUNNING, State.SUCCEEDED, State.FAILED, State.CANCELLED, State.CANCELLED};
    private static final String[] OUTCOMES = {"running", Telemetry.SUCCEEDED, "failed", "cancelled", "cancelled"};

    private static final VarHandle CANCEL_REQUEST;
    private static final VarHandle STATE;

    static {
        try {
            CANCEL_REQUEST = MethodHandles.lookup().findVarHandle(BranchCore.class, "cancelRequest", CancelRequest.class);
            STATE = MethodHandles.lookup().findVarHandle(BranchCore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ScopeCore scope;
    private final String explicitName;
    /** Set once, by the scope's push, before the branch is published. */
    int index;
    /** A {@link Callable} or a {@link CheckedRunnable}; taken as it is, so that no adapter adds a frame. */
    private Object body;
    final long startNanos;
    /**
     * Set before the branch is pushed; the push (a CAS) publishes it to every reader. Null once the branch has
     * ended: a handle kept after the end (or a branch not yet unlinked) does not keep its terminated thread.
     */
    Thread thread;
    /** Next older branch of the same scope; see {@link BranchStack}. Published like {@link #thread}. */
    BranchCore<?> next;

    private volatile int state;
    private T result;
    private Throwable failure;
    /** Set once, by the branch's own {@link #cancel}; rare, so its time is not a field of every branch. */
    private volatile CancelRequest cancelRequest;
    /** Scopes opened inside this branch and not yet closed; guarded by {@code this}. */
    private volatile List<ScopeCore> children;

    /** A cancellation of the branch by its own handle, and when it was made ({@link System#nanoTime()}). */
    private record CancelRequest(Cancellation why, long atNanos) {
    }

    BranchCore(ScopeCore scope, String name, Object body) {
        this.scope = scope;
        this.explicitName = name;
        this.body = body;
        this.startNanos = System.nanoTime();
    }

    @Override
    public String name() {
        return explicitName != null ? explicitName : "branch-" + index;
    }

    /**
     * What the branch's thread runs: the branch's whole life in {@link #run}, and, bound to
     * {@link Current#BRANCH}, its body in {@link #call}; used once. The two are these methods themselves,
     * not calls from them into the branch: every frame between the thread's start and the body stays in
     * the stack of a parked branch, which is on the heap.
     */
    static final class Start implements Runnable, ScopedValue.CallableOp<Object, RuntimeException> {
        private final BranchCore<?> branch;

        Start(BranchCore<?> branch) {
            this.branch = branch;
        }

        @Override
        public void run() {
            BranchCore<?> b = branch; // b and traced are all that live across the body: each is a slot in a parked stack
            int outcome = FAILED;
            Telemetry.BranchTrace traced = null;
            try {
                if (b.scope.trace != null) { // inside the try: whatever telemetry throws, the branch still ends
                    traced = Telemetry.branchStarted(b);
                    traced.throwIfStartFailed();
                }
                Throwable thrown;
                try {
                    if (b.isCancelled()) {
                        thrown = null;
                        outcome = CANCELLED;
                    } else {
                        thrown = (Throwable) ScopedValue.where(Current.BRANCH, b).call(this);
                        outcome = thrown == null ? SUCCEEDED : FAILED;
                    }
                } catch (Throwable t) { // thrown by Skein's own frames, e.g. a StackOverflowError while binding
                    thrown = t;
                }
                if (thrown != null) {
                    b.failure = thrown; // kept until it is known to be a mere way of stopping
                    outcome = (thrown instanceof Error || !b.isCancelled()) ? FAILED : CANCELLED;
                    if (outcome == CANCELLED && !Failures.carriesFailure(thrown)) {
                        b.failure = null;
                    }
                }
                outcome = b.closeLeakedChildren(outcome);
            } catch (Throwable t) { // even classifying can throw (a hostile getCause(), no memory): still end
                if (b.failure == null) {
                    b.failure = t;
                } else if (b.failure != t) {
                    b.scope.reportAlso(b, t); // beside the failure, which is the user's and is not touched
                }
                outcome = FAILED;
            } finally {
                b.body = null;
                if (traced != null) { // the span ends before the scope can learn that the branch has; never throws
                    Telemetry.branchEnded(b, traced, OUTCOMES[outcome], outcome == FAILED ? b.failure : null);
                }
                STATE.setRelease(b, outcome); // publishes result and failure to whoever reads the state
                b.thread = null; // after the state: whoever reads null finds nothing to interrupt
                b.scope.branchDone(b);
            }
        }

        /**
         * Runs the body, inside the binding of {@link Current#BRANCH}, and keeps its result. {@return what the
         * body threw, or null} (typed {@code Object}: a covariant {@code Throwable} would add a bridge method's
         * frame) It is handed back rather than thrown on through the {@code ScopedValue} frames:
         * unwinding through them cost 1.5 us per branch (measured: 10,000 cancelled branches closed in 26 ms
         * instead of 11 ms).
         */
        @Override
        @SuppressWarnings("unchecked")
        public Object call() {
            BranchCore<Object> b = (BranchCore<Object>) branch;
            try {
                if (b.body instanceof CheckedRunnable runnable) {
                    runnable.run();
                } else {
                    b.result = ((Callable<?>) b.body).call();
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        }
    }

    /** {@return the span's name: the branch's name, or {@code "branch"} for an unnamed one (no ids in names)} */
    String spanName() {
        return explicitName != null ? explicitName : "branch";
    }

    boolean isNamed() {
        return explicitName != null;
    }

    /**
     * Ends a branch whose thread never started: born cancelled (its scope was already cancelled), or,
     * with {@code startFailure}, failed because the thread could not be started.
     */
    void endUnstarted(Throwable startFailure) {
        body = null;
        if (startFailure == null) {
            state = BORN_CANCELLED;
        } else {
            failure = startFailure;
            state = FAILED;
        }
        thread = null;
    }

    boolean isBornCancelled() {
        return state == BORN_CANCELLED;
    }

    /** {@return whether it ended cancelled because its scope was cancelled (not by its own handle) after it had started} */
    boolean endedByScopeCancellation() {
        return state == CANCELLED && cancelRequest == null;
    }

    boolean isFailed() {
        return state == FAILED;
    }

    boolean isRunning() {
        return state == RUNNING;
    }

    Throwable failure() {
        return failure;
    }

    // ---- Branch -------------------------------------------------------------------------------------

    @Override
    public State state() {
        return STATES[state];
    }

    @Override
    public T resultNow() {
        int s = state;
        if (s != SUCCEEDED) {
            throw new IllegalStateException("branch '" + Text.name(name()) + "' has no result: it is " + STATES[s]
                    + (s == FAILED ? " (see failureNow())" : ""));
        }
        return result;
    }

    @Override
    public Throwable failureNow() {
        int s = state;
        if (s != FAILED) {
            throw new IllegalStateException("branch '" + Text.name(name()) + "' did not fail: it is " + STATES[s]);
        }
        return failure;
    }

    @Override
    public void cancel() {
        cancel(new Cancellation(CancellationReason.REQUESTED, Text.name(scope.name) + "/" + Text.name(name()), null));
    }

    /** Asks the branch to stop: sets the request, cancels the nested scopes, interrupts the thread. */
    void cancel(Cancellation why) {
        if (state != RUNNING || !CANCEL_REQUEST.compareAndSet(this, null, new CancelRequest(why, System.nanoTime()))) {
            return;
        }
        ScopeCore.walkAll(cancelNestedThenInterrupt(why, null));
    }

    /**
     * {@return when the branch was cancelled ({@link System#nanoTime()}): the earlier of its own cancellation
     * and its scope's, or 0 if neither was}
     */
    long cancelledAtNanos() {
        CancelRequest request = cancelRequest;
        long own = request == null ? 0 : request.atNanos();
        long ofScope = scope.cancelledAtNanos();
        if (own == 0 || ofScope == 0) {
            return own == 0 ? ofScope : own;
        }
        return own - ofScope <= 0 ? own : ofScope;
    }

    void interrupt() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        if (t != scope.owner) {
            if (state == RUNNING) {
                t.interrupt();
            }
            return;
        }
        synchronized (this) { // the owner's thread goes on after the branch: see runOnOwner
            if (state == RUNNING) {
                t.interrupt();
            }
        }
    }

    /**
     * Runs the branch on the calling thread, its scope's owner (see {@code ScopeCore.runHere}). Once it has
     * ended, no interrupt of it reaches the thread any more (they are delivered under the branch's lock, while
     * it runs), and the one its cancellation delivered is cleared: the owner's code goes on after the branch.
     * When an enclosing scope's cancellation reached it, the thread stays interrupted instead: that cancellation
     * is the enclosing branch's too (whose thread this is), as it would be after a {@code join}.
     */
    void runOnOwner() {
        new Start(this).run();
        settleOwnersInterrupt();
    }

    /**
     * After a branch on its owner's thread has ended (or was born cancelled, its scope's walk having maybe
     * interrupted it between its push and its end): clears the interrupt its cancellation delivered, or keeps
     * the thread interrupted for a cancellation from above, as {@link #runOnOwner} says.
     */
    void settleOwnersInterrupt() {
        synchronized (this) {
            // an interrupt in flight has been delivered; none comes after this
        }
        if (scope.cancelledFromAbove()) {
            Thread.currentThread().interrupt(); // the enclosing branch's too, even if the body consumed it
        } else if (isCancelled()) {
            Thread.interrupted();
        }
    }

    /**
     * Nested scopes first, then the interrupt: a branch waiting in a nested {@code join} must find that
     * scope already cancelled when the interrupt wakes it, so it reports the cancellation and its cause.
     * The nested scopes are only published here; their walks are added to {@code pending} (see
     * {@link ScopeCore#walkAll}), so that no depth of nesting makes this recursive. {@return pending}
     */
    ArrayDeque<ScopeCore> cancelNestedThenInterrupt(Cancellation why, ArrayDeque<ScopeCore> pending) {
        for (ScopeCore child : children()) {
            pending = child.publishFromAbove(why, pending);
        }
        interrupt();
        return pending;
    }

    // ---- nested scopes --------------------------------------------------------------------------------

    // Copy-on-write: scopes open and close in a branch rarely, while cancellation and the end of every
    // branch read the list. A volatile list read after the volatile write of a cancellation (and the
    // opener's read of the cancellation after adding) guarantees a nested scope is never missed.

    void addChild(ScopeCore child) {
        synchronized (this) {
            List<ScopeCore> now = children;
            List<ScopeCore> next = new ArrayList<>(now == null ? List.of() : now);
            next.add(child);
            children = List.copyOf(next);
        }
    }

    void removeChild(ScopeCore child) {
        synchronized (this) {
            List<ScopeCore> now = children;
            if (now != null && now.contains(child)) {
                List<ScopeCore> next = new ArrayList<>(now);
                next.remove(child);
                children = next.isEmpty() ? null : List.copyOf(next);
            }
        }
    }

    List<ScopeCore> children() {
        List<ScopeCore> now = children;
        return now == null ? List.of() : now;
    }

    /**
     * A branch may not end while a scope it opened still runs: close each such scope (cancelling what it
     * still runs), report it, and fail the branch with the open site, so the leak is not silent.
     */
    private int closeLeakedChildren(int outcome) {
        List<ScopeCore> leaked = children();
        if (leaked.isEmpty()) {
            return outcome;
        }
        IllegalStateException violation = null;
        for (ScopeCore child : leaked) {
            List<Throwable> lost = child.closeLeaked(); // first: a listener cannot keep the scope open
            String detail = "scope '" + Text.name(child.name) + "' opened in branch '" + Text.name(name()) + "' at "
                    + child.openedAtText() + " was not closed before the branch ended; Skein cancelled and closed it";
            Events.unclosedScope(child, detail);
            IllegalStateException e = new IllegalStateException(detail);
            lost.forEach(e::addSuppressed);
            if (violation == null) {
                violation = e;
            } else {
                violation.addSuppressed(e);
            }
        }
        if (failure != null) { // the user's failure stays first and untouched; the violation goes beside it
            scope.reportAlso(this, violation);
        } else {
            failure = violation;
        }
        return FAILED;
    }

    // ---- SkeinContext ------------------------------------------------------------------------------------

    @Override
    public boolean isCancelled() {
        return cancelRequest != null || scope.isCancelled();
    }

    @Override
    public Optional<Cancellation> cancellation() {
        CancelRequest own = cancelRequest;
        return own != null ? Optional.of(own.why()) : scope.cancellation();
    }

    @Override
    public Optional<Instant> deadline() {
        return scope.deadline();
    }

    @Override
    public Optional<Duration> remaining() {
        return scope.remaining();
    }

    @Override
    public <V> Optional<V> get(ContextKey<V> key) {
        return scope.get(key);
    }

    @Override
    public String toString() {
        return "Branch[" + Text.name(scope.name) + "/" + Text.name(name()) + ", " + state() + "]";
    }
}
