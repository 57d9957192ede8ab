package dev.skein.internal;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import dev.skein.context.ContextKey;
import dev.skein.context.SkeinContext;
import dev.skein.scope.CheckedRunnable;
import dev.skein.scope.ScopeConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The machinery of a scope: branches, the count of running ones, cancellation, deadline and join.
 *
 * <p>Completion works like Go's {@code WaitGroup}, with the counting owned by Skein: {@link #fork}
 * pushes the branch (which numbers it: the head's index is the count of forks) before its thread starts,
 * a branch's {@code run} counts itself {@code ended} in a {@code finally} after its outcome is
 * published, and {@link #awaitBranches} parks until {@code ended} equals the count of forks. A branch
 * forking a sibling pushes it before it counts itself ended, so the two never meet early. Forking and
 * ending touch different fields, so the owner forking and the carriers ending branches do not contend.
 *
 * <p>Branches are kept on a lock-free {@link BranchStack} so that cancellation can reach every thread.
 */
public final class ScopeCore implements SkeinContext {

    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int OPEN = 0;
    private static final int JOINING = 1;
    private static final int JOINED = 2;
    private static final int CLOSED = 3;

    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle CANCEL_STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CANCEL_STATE = lookup.findVarHandle(ScopeCore.class, "cancelState", CancelState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How the scope was cancelled: the cancellation, whether it came from an enclosing scope, and for a
     * deadline the branches it cut short (newest first). The walk that interrupts the branches fills the
     * list under this object's lock and then sets {@code walked}; {@code join} waits for that before it
     * reads the list (the walk may run on another thread, a while after the state was published).
     */
    static final class CancelState {
        final Cancellation cancellation;
        final boolean fromAbove;
        /** When it was published ({@link System#nanoTime()}), for diagnostics. */
        final long atNanos = System.nanoTime();
        /** Null unless the reason is a deadline. */
        final ArrayList<BranchCore<?>> runningThen;
        /** Guarded by {@code this}. */
        private boolean walked;

        CancelState(Cancellation cancellation, boolean fromAbove) {
            this.cancellation = cancellation;
            this.fromAbove = fromAbove;
            this.runningThen = cancellation.reason() == CancellationReason.DEADLINE_EXCEEDED ? new ArrayList<>() : null;
        }

        Cancellation cancellation() {
            return cancellation;
        }

        boolean fromAbove() {
            return fromAbove;
        }
    }

    final long id = IDS.incrementAndGet();
    final String name;
    final boolean supervisor;
    final Thread owner;
    final BranchCore<?> enclosing;
    final long openedNanos = System.nanoTime();
    final StackTraceElement openedAt;
    private final long deadlineNanos;
    /** The scope whose own deadline this scope's deadline is (itself, an ancestor, or null). */
    private final ScopeCore deadlineOwner;
    private final Map<ContextKey<?>, Object> values;
    private final long graceNanos;
    /** Null when the scope has no cap. */
    private final ConcurrencyLimit limit;

    private final EndCounter ended = new EndCounter();
    private final BranchStack stack = new BranchStack();
    private volatile CancelState cancelState;
    /** Set by {@link #open} before the scope is published; read by its branches. */
    Telemetry.ScopeTrace trace;
    /** Whether it may make spans: its configuration's say, and every enclosing scope's. */
    boolean tracing;
    private volatile Thread joiner;
    /** A thread waiting for the owner to close the scope (see {@link #closeLeaked()}). */
    private volatile Thread closeWaiter;
    private volatile int phase = OPEN;
    private volatile ScheduledFuture<?> deadlineTimer;
    LiveScopes.LeakRef leakRef;
    private final Failures failures = new Failures();

    private ScopeCore(ScopeConfig config, boolean supervisor, BranchCore<?> enclosing, StackTraceElement openedAt) {
        this.name = config.name().orElse(supervisor ? "supervisor" : "scope");
        this.supervisor = supervisor;
        this.owner = Thread.currentThread();
        this.enclosing = enclosing;
        this.openedAt = openedAt;
        ScopeCore parent = enclosing == null ? null : enclosing.scope;
        long inherited = parent == null ? NO_DEADLINE : parent.deadlineNanos;
        long own = ownDeadline(config, openedNanos);
        if (own < inherited) {
            this.deadlineNanos = own;
            this.deadlineOwner = this;
        } else {
            this.deadlineNanos = inherited;
            this.deadlineOwner = parent == null ? null : parent.deadlineOwner;
        }
        this.values = mergeValues(parent, config.values());
        this.graceNanos = config.cancellationGrace().toNanos();
        this.limit = config.maxConcurrency() > 0 ? new ConcurrencyLimit(config.maxConcurrency()) : null;
    }

    /**
     * Opens a scope on the calling thread. Inside a branch it nests under that branch (inheriting its
     * context, and closed by Skein if the branch ends first); elsewhere it is a root scope, reported as
     * leaked if {@code owningHandle} is garbage collected before the scope is closed.
     */
    public static ScopeCore open(ScopeConfig config, boolean supervisor, Object owningHandle) {
        return open(config, supervisor, owningHandle, true);
    }

    /**
     * Like {@link #open(ScopeConfig, boolean, Object)}; without {@code spans}, the scope and its branches make
     * no span of their own (Skein's plumbing: see {@link Plumbing}), though scopes nested in them still do.
     */
    static ScopeCore open(ScopeConfig config, boolean supervisor, Object owningHandle, boolean spans) {
        LiveScopes.reportCollectedLeaks();
        BranchCore<?> enclosing = Current.branchOrNull();
        StackTraceElement site = config.openedAt().orElse(null);
        if (site == null) { // called here, not through a lambda: the walk must find the opener's frame first
            site = OpenSites.capture();
        }
        ScopeCore scope = new ScopeCore(config, supervisor, enclosing, site);
        scope.tracing = config.tracing() && (enclosing == null || enclosing.scope.tracing);
        scope.trace = Telemetry.scopeOpened(scope, scope.tracing && spans);
        if (enclosing == null) {
            LiveScopes.add(owningHandle, scope);
        } else {
            enclosing.addChild(scope);
            Optional<Cancellation> inherited = enclosing.cancellation();
            if (inherited.isPresent()) {
                scope.cancelFromAbove(inherited.get());
            }
        }
        if (scope.deadlineOwner == scope) {
            scope.scheduleDeadline();
        }
        return scope;
    }

    /** {@return the id of the scope opened last in this JVM, or 0; ids grow by one per scope opened} */
    static long lastId() {
        return IDS.get();
    }

    private static long ownDeadline(ScopeConfig config, long now) {
        long deadline = NO_DEADLINE;
        if (config.timeout().isPresent()) {
            deadline = saturatedAdd(now, config.timeout().get());
        }
        if (config.deadline().isPresent()) {
            Duration left = Duration.between(Instant.now(), config.deadline().get());
            deadline = Math.min(deadline, saturatedAdd(now, left.isNegative() ? Duration.ZERO : left));
        }
        return deadline;
    }

    private static long saturatedAdd(long now, Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException tooLong) {
            return NO_DEADLINE;
        }
        long sum = now + nanos;
        return sum < now ? NO_DEADLINE - 1 : Math.min(sum, NO_DEADLINE - 1);
    }

    private static Map<ContextKey<?>, Object> mergeValues(ScopeCore parent, Map<ContextKey<?>, Object> own) {
        Map<ContextKey<?>, Object> inherited = parent == null ? Map.of() : parent.values;
        if (own.isEmpty()) {
            return inherited;
        }
        if (inherited.isEmpty()) {
            return own;
        }
        Map<ContextKey<?>, Object> merged = new HashMap<>(inherited);
        merged.putAll(own);
        return Map.copyOf(merged);
    }

    // ---- fork ------------------------------------------------------------------------------------------

    /**
     * Forks a branch. With a concurrency cap, waits for a free slot when {@code wait} is true (until
     * cancellation or the deadline, after which the branch is returned cancelled) or returns null at once.
     */
    public <T> BranchCore<T> fork(String branchName, Callable<? extends T> body, boolean wait) {
        return forkBody(branchName, body, wait, false);
    }

    /** Forks a branch that returns nothing. */
    public BranchCore<Void> fork(String branchName, CheckedRunnable body, boolean wait) {
        return forkBody(branchName, body, wait, false);
    }

    /** Forks a branch onto a new virtual thread, or, {@code here}, runs it on the owner's (see {@link #runHere}). */
    private <T> BranchCore<T> forkBody(String branchName, Object body, boolean wait, boolean here) {
        boolean fromOwnBranch = checkCanFork();
        if (limit != null && !limit.acquire(this, wait, fromOwnBranch)) {
            return null;
        }
        BranchCore<T> branch;
        Thread thread;
        try {
            branch = new BranchCore<>(this, branchName, body);
            thread = here ? owner : VIRTUAL.newThread(new BranchCore.Start(branch));
        } catch (Throwable t) { // nothing was counted yet: give the slot back
            if (limit != null) {
                limit.release();
            }
            throw t;
        }
        branch.thread = thread;
        stack.push(branch);
        if (cancelState != null) {
            branch.endUnstarted(null);
            branchDone(branch);
            if (here && !cancelledFromAbove()) { // a walk that found it pushed and RUNNING may have interrupted the owner
                branch.settleOwnersInterrupt(); // (an enclosing cancellation's interrupt is the owner's own: kept)
            }
            return branch;
        }
        if (here) {
            branch.runOnOwner();
            return branch;
        }
        try {
            thread.start();
        } catch (Throwable t) { // counted as forked, so it must end, or join would wait for it forever
            branch.endUnstarted(t);
            branchDone(branch);
            throw t;
        }
        return branch;
    }

    /**
     * Runs a branch on the owner's thread, now, and returns it once it has ended (see {@code Scope.runHere}).
     * With a concurrency cap, waits for a free slot as {@code fork} does.
     */
    public <T> BranchCore<T> runHere(String branchName, Callable<? extends T> body) {
        checkOwner("runHere");
        return forkBody(branchName, body, true, true);
    }

    /** {@return whether an enclosing scope's cancellation (or deadline) cancelled this one} */
    boolean cancelledFromAbove() {
        CancelState c = cancelState;
        return c != null && c.fromAbove();
    }

    /**
     * {@return whether the caller is one of this scope's branches (rather than its owner)} Only a cap asks: without
     * one, the owner may fork whatever branch its thread runs, and does not look up the current branch.
     */
    private boolean checkCanFork() {
        int p = phase;
        if (p == CLOSED) {
            throw new IllegalStateException("scope '" + Text.name(name) + "' is closed: fork before close, or open a new scope");
        }
        Thread caller = Thread.currentThread();
        if (caller == owner && p != JOINED && limit == null) {
            return false;
        }
        BranchCore<?> current = Current.branchOrNull();
        boolean ownBranch = current != null && current.scope == this;
        if (caller != owner && !ownBranch) {
            throw new WrongThreadException("fork into scope '" + Text.name(name) + "' from thread " + caller
                    + ", which is neither its owner (" + owner + ") nor one of its branches");
        }
        if (p == JOINED && !ownBranch) {
            throw new IllegalStateException("scope '" + Text.name(name) + "' was already joined: fork before join()");
        }
        return ownBranch;
    }

    private int forkCount() {
        return stack.count();
    }

    private boolean anyRunning() {
        return ended.get() != forkCount();
    }

    long nanosToDeadline() {
        return deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }

    /** Called exactly once per branch, after its outcome is published. */
    void branchDone(BranchCore<?> branch) {
        try {
            if (branch.isFailed()) {
                recordFailure(branch);
            } else if (branch.failure() != null) { // cancelled, and threw more than its way of stopping
                failures.recordLate(branch.name(), branch.failure());
            }
        } finally {
            if (limit != null) {
                limit.release();
            }
            int endedNow = ended.increment();
            Thread j = joiner; // read before head: while the owner still forks, nobody waits
            if (j != null && endedNow == forkCount()) {
                LockSupport.unpark(j);
            }
        }
    }

    /** Keeps {@code t}, from {@code branch}, to be attached to what the owner's join or close throws (or logged). */
    void reportAlso(BranchCore<?> branch, Throwable t) {
        failures.recordLate(branch.name(), t);
    }

    private void recordFailure(BranchCore<?> branch) {
        Throwable failure = branch.failure();
        failures.recordFailed(branch.name(), failure);
        if (!supervisor || failure instanceof Error) {
            cancel(new Cancellation(CancellationReason.SIBLING_FAILED, Text.name(name) + "/" + Text.name(branch.name()),
                    failure), false);
        }
    }

    // ---- cancellation ------------------------------------------------------------------------------
    //
    // Two steps, so that no depth of nesting can overflow a stack and no slow interrupt holds anyone up:
    // publish (set the state with a CAS: from then on isCancelled() is true and forks are born cancelled),
    // then walk (interrupt the running branches). A branch's nested scopes are published before the
    // branch is interrupted, so a branch that wakes in a nested join finds that scope already cancelled
    // and reports the cause; their own walks come later in the same loop (walkAll), never by recursion.

    /** Cancels on the owner's request. */
    public void cancel() {
        cancel(new Cancellation(CancellationReason.REQUESTED, Text.name(name), null), false);
    }

    /** Cancels this scope and everything below it, on the calling thread. {@return whether it was not cancelled yet} */
    boolean cancel(Cancellation why, boolean fromAbove) {
        CancelState state = publish(why, fromAbove);
        if (state == null) {
            return false;
        }
        walkAll(walk(state, null));
        return true;
    }

    /** {@return the newly published state, or null when the scope was cancelled already} */
    private CancelState publish(Cancellation why, boolean fromAbove) {
        if (cancelState != null) {
            return null;
        }
        CancelState state = new CancelState(why, fromAbove);
        if (!CANCEL_STATE.compareAndSet(this, null, state)) {
            return null;
        }
        stack.freeze(); // no more unlinking: the walk must see branches that stopped just now
        return state;
    }

    /**
     * Interrupts every running branch, after publishing the cancellation of the scopes nested in it; those
     * are added to {@code pending} for their own walk. For a deadline, records the branches it cut short.
     * {@return {@code pending}, created if it was null and a nested scope needed a walk}
     */
    private ArrayDeque<ScopeCore> walk(CancelState state, ArrayDeque<ScopeCore> pending) {
        ArrayList<BranchCore<?>> cut = state.runningThen;
        synchronized (state) {
            if (cut != null) {
                cut.ensureCapacity(forkCount());
            }
            try {
                for (BranchCore<?> b = stack.head(); b != null; b = b.next) {
                    if (b.isRunning()) {
                        if (cut != null) {
                            cut.add(b);
                        }
                        pending = b.cancelNestedThenInterrupt(state.cancellation, pending);
                    } else if (cut != null && b.endedByScopeCancellation()) {
                        cut.add(b); // it polled, saw the deadline and stopped before we got here
                    }
                }
            } finally {
                state.walked = true;
                state.notifyAll();
            }
        }
        if (limit != null) {
            limit.wakeAll();
        }
        Thread j = joiner;
        if (j != null) {
            LockSupport.unpark(j);
        }
        return pending;
    }

    /** Walks every scope in {@code pending}, and the scopes their walks add, one after the other. */
    static void walkAll(ArrayDeque<ScopeCore> pending) {
        if (pending == null) {
            return;
        }
        ScopeCore next;
        while ((next = pending.poll()) != null) {
            next.walk(next.cancelState, pending);
        }
    }

    /**
     * Publishes the cancellation of this nested scope, from above. {@return {@code pending} with this scope
     * added for its walk (created if null), or as it was when the scope was cancelled already}
     */
    ArrayDeque<ScopeCore> publishFromAbove(Cancellation why, ArrayDeque<ScopeCore> pending) {
        if (publish(why, true) == null) {
            return pending;
        }
        ArrayDeque<ScopeCore> more = pending == null ? new ArrayDeque<>() : pending;
        more.add(this);
        return more;
    }

    void cancelFromAbove(Cancellation why) {
        cancel(why, true);
    }

    /** {@return the cancellation of a deadline of this scope's own} */
    private Cancellation deadlineCancellation() {
        return new Cancellation(CancellationReason.DEADLINE_EXCEEDED, Text.name(name), null);
    }

    /**
     * Fires the deadline where it belongs: the scope that set it, so that its whole subtree learns at once.
     * Then this scope is cancelled for sure, with the same origin, even when the owner of the deadline had
     * already been cancelled for another reason and that cancellation is still on its way down.
     */
    void fireOwnOrInheritedDeadline() {
        ScopeCore owner = deadlineOwner;
        owner.cancel(owner.deadlineCancellation(), false);
        if (owner != this) {
            cancel(new Cancellation(CancellationReason.DEADLINE_EXCEEDED, Text.name(owner.name), null), true);
        }
    }

    /**
     * On the deadline timer's thread: publishes the cancellation, nothing more. The walk, whose interrupts
     * may run slow code (interrupting a thread blocked on an {@code InterruptibleChannel} closes the channel
     * on the interrupting thread), runs on a thread of its own ({@link DeadlineTimer#walk}), so that no scope's
     * walk can delay another scope's deadline. Polling branches see the deadline at once; blocked ones wait for the walk.
     */
    void deadlineFiredByTimer() {
        CancelState state = publish(deadlineCancellation(), false);
        if (state == null) {
            return;
        }
        DeadlineTimer.walk(() -> walkAll(walk(state, null)));
    }

    /** {@return whether the cancellation was published} Unlike {@link #isCancelled()}, never fires a deadline. */
    boolean cancelPublished() {
        return cancelState != null;
    }

    /**
     * A thread waiting in fork for a free slot was interrupted: the owner's interrupt cancels the scope,
     * a branch's cancels the branch, unless they were cancelled already. {@return that cancellation}
     */
    Cancellation cancelledByInterruptInFork(boolean byOwnBranch) {
        SkeinContext waiting = byOwnBranch ? Current.branchOrNull() : this;
        Optional<Cancellation> already = waiting.cancellation();
        if (already.isPresent()) {
            return already.get();
        }
        if (byOwnBranch) {
            Current.branchOrNull().cancel();
        } else {
            cancel(new Cancellation(CancellationReason.OWNER_INTERRUPTED, Text.name(name), null), false);
        }
        return waiting.cancellation().orElseThrow();
    }

    /**
     * {@return the cancel state, after firing the deadline if it has passed and no one fired it yet} Reads
     * never miss a deadline that has passed, whether or not the timer has run.
     */
    private CancelState stateNow() {
        CancelState c = cancelState;
        if (c == null && deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0) {
            fireOwnOrInheritedDeadline();
            c = cancelState;
        }
        return c;
    }

    // ---- deadline ----------------------------------------------------------------------------------------

    private void scheduleDeadline() {
        deadlineTimer = DeadlineTimer.schedule(this, deadlineNanos);
    }

    private void cancelDeadline() {
        ScheduledFuture<?> timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- join and close ---------------------------------------------------------------------------------

    /** Waits for every branch, then throws what the scope's outcome calls for. */
    public void join() throws InterruptedException {
        checkOwner("join");
        if (phase != OPEN) {
            throw new IllegalStateException("scope '" + Text.name(name) + "' was already " + (phase == CLOSED ? "closed" : "joined")
                    + ": join() once, before close()");
        }
        phase = JOINING;
        boolean interrupted = awaitBranches(true);
        if (!interrupted) {
            stateNow(); // a deadline that has passed by now is reported, also with no branch left to cut short
        }
        phase = JOINED;
        throwOutcome(interrupted);
    }

    /**
     * Closes the scope: if it was not joined, cancels what still runs and waits for it (uninterruptibly:
     * a scope never ends while a branch runs). Failures nobody joined are not dropped: they come with the
     * {@link IllegalStateException} that reports the missing join.
     */
    public void close() {
        List<BranchFailedException.Failure> unjoined = closeUnjoined();
        if (unjoined != null) {
            IllegalStateException missingJoin = new IllegalStateException("scope '" + Text.name(name) + "' was closed without join(): "
                    + "its branches were cancelled; call join() before leaving the try block, or use Scope.run(...)");
            unjoined.forEach(f -> missingJoin.addSuppressed(f.exception()));
            throw missingJoin;
        }
    }

    /**
     * Closes; unless joined, cancels what still runs and waits for it. {@return the failures of branches
     * that nobody joined, or null when the scope was joined, already closed, or never forked}
     */
    private List<BranchFailedException.Failure> closeUnjoined() {
        checkOwner("close");
        if (phase == CLOSED) {
            return null;
        }
        boolean joined = phase == JOINED;
        if (!joined) {
            if (anyRunning()) {
                cancel(new Cancellation(CancellationReason.SCOPE_CLOSED, Text.name(name), null), false);
            }
            awaitBranches(false);
        }
        phase = CLOSED;
        unregister();
        return joined || forkCount() == 0 ? null : failures.all();
    }

    /**
     * Closes a scope its opener abandoned (leak), returning the failures that nobody joined. A scope that a
     * thread of Skein's own opened for the branch (a graph run subscribed to as a {@code Uni}) is cancelled
     * and waited for until that thread, its owner, has closed it; the owner reports its outcome.
     */
    List<Throwable> closeLeaked() {
        if (Thread.currentThread() != owner) {
            cancel(new Cancellation(CancellationReason.SCOPE_CLOSED, Text.name(name), null), false);
            awaitClosedByOwner();
            return List.of();
        }
        if (phase != CLOSED) {
            cancel(new Cancellation(CancellationReason.SCOPE_CLOSED, Text.name(name), null), false);
            awaitBranches(false);
            phase = CLOSED;
            unregister();
        }
        return failures.all().stream().map(BranchFailedException.Failure::exception).toList();
    }

    /** Logs the failures of branches that nobody joined, when the body threw an {@link Error} that must stay as it is. */
    public void logLost(List<BranchFailedException.Failure> lost) {
        Events.lost(this, "while the scope's body failed with an Error (thrown as it is)",
                lost.stream().map(BranchFailedException.Failure::exception).toList());
    }

    /**
     * Closes the scope after its body threw (see {@code Scope.run}): cancels what still runs and waits for
     * it. {@return the failures of branches that nobody joined (none if the body joined)}
     */
    public List<BranchFailedException.Failure> closeAfterBodyFailed() {
        List<BranchFailedException.Failure> unjoined = closeUnjoined();
        return unjoined == null ? List.of() : unjoined;
    }

    private void awaitClosedByOwner() {
        boolean interrupted = false;
        closeWaiter = Thread.currentThread();
        try {
            while (phase != CLOSED) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        } finally {
            closeWaiter = null;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void unregister() {
        Thread waiter = closeWaiter; // phase is CLOSED already: a waiter that reads it now stops waiting
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
        cancelDeadline();
        if (enclosing != null) {
            enclosing.removeChild(this);
        } else {
            LiveScopes.remove(this);
        }
        if (trace != null && trace.span() != null) { // last: whatever an exporter does, the scope has left the tree
            endSpan();
        }
    }

    /** A root scope whose handle was collected: its span ends now, as cancelled and leaked. */
    void endSpanOfLeak() {
        if (trace != null && trace.span() != null) {
            trace.span().setAttribute(Telemetry.LEAKED, true);
            Telemetry.scopeEnded(this, "cancelled", null);
        }
    }

    /** Ends the scope's span with the outcome {@code join} reported (or would have). */
    private void endSpan() {
        CancelState c = cancelState;
        List<BranchFailedException.Failure> failed = failures.failed();
        String outcome;
        Throwable failure = null;
        if (c != null && c.cancellation().reason() == CancellationReason.DEADLINE_EXCEEDED) {
            outcome = "deadline_exceeded";
        } else if (c != null && c.fromAbove()) {
            outcome = "cancelled";
        } else if (!failed.isEmpty()) {
            outcome = "failed";
            failure = failed.getFirst().exception();
        } else {
            outcome = c != null ? "cancelled" : Telemetry.SUCCEEDED;
        }
        Telemetry.scopeEnded(this, outcome, failure);
    }

    /** {@return {@code "fail-fast"} or {@code "supervisor"}} */
    String kind() {
        return supervisor ? "supervisor" : "fail-fast";
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException(what + "() of scope '" + Text.name(name) + "' called from " + Thread.currentThread()
                    + "; only its owner " + owner + " may " + what + " it");
        }
        BranchCore<?> current = Current.branchOrNull();
        if (current != null && current.scope == this) { // the owner's thread, inside a branch runHere runs
            throw new IllegalStateException(what + "() of scope '" + Text.name(name) + "' called from its own branch '"
                    + Text.name(current.name()) + "', which runHere runs on the owner's thread: the scope would wait for"
                    + " the very branch that waits; " + what + " it after runHere has returned");
        }
    }

    /**
     * Parks until no branch runs. Enforces the deadline itself, reports branches that outlive the grace
     * period after cancellation (interrupting them again), and turns an interrupt of the waiting thread
     * into cancellation. {@return whether the waiting thread was interrupted}
     */
    private boolean awaitBranches(boolean interruptible) {
        boolean interrupted = false;
        boolean cancellationDelivered = false;
        long cancelSeen = 0;
        joiner = Thread.currentThread();
        try {
            while (true) {
                // first, so that an interrupt already pending when join is called counts as one while waiting
                if (Thread.interrupted()) {
                    CancelState cancelledBy = cancelState;
                    if (cancelledBy != null && cancelledBy.fromAbove()) {
                        cancellationDelivered = true; // the interrupt only delivered the enclosing cancellation
                    } else {
                        interrupted = true;
                        if (interruptible) { // close() cancels anyway, and keeps the interrupt for later
                            cancel(new Cancellation(CancellationReason.OWNER_INTERRUPTED, Text.name(name), null), false);
                        }
                    }
                }
                if (!anyRunning()) {
                    break;
                }
                CancelState c = cancelState;
                if (c == null) {
                    long left = nanosToDeadline();
                    if (left <= 0) {
                        fireOwnOrInheritedDeadline();
                        continue;
                    }
                    if (deadlineNanos == NO_DEADLINE) {
                        LockSupport.park(this); // WAITING in dumps, as a join without a deadline should be
                    } else {
                        LockSupport.parkNanos(this, left);
                    }
                } else {
                    long now = System.nanoTime();
                    if (cancelSeen == 0) {
                        cancelSeen = now;
                    }
                    long waited = now - cancelSeen;
                    if (waited >= graceNanos) {
                        reportStuck();
                        cancelSeen = now;
                    } else {
                        LockSupport.parkNanos(this, graceNanos - waited);
                    }
                }
            }
        } finally {
            joiner = null;
        }
        if ((interrupted && !interruptible) || cancellationDelivered) {
            Thread.currentThread().interrupt(); // keep the interrupt for the code above us
        }
        return interrupted && interruptible;
    }

    private void reportStuck() {
        for (BranchCore<?> b = stack.head(); b != null; b = b.next) {
            if (b.isRunning()) {
                Thread thread = b.thread;
                StackTraceElement[] stack = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
                b.interrupt(); // before the report: a listener cannot keep the interrupt from being delivered
                Events.stuckBranch(this, b, stack);
            }
        }
    }

    /**
     * Throws what {@code join} must report (see {@code Scope}: interrupt, deadline, cancellation from
     * above, failure, in that order), with every other recorded throwable attached, suppressed.
     */
    private void throwOutcome(boolean interrupted) throws InterruptedException {
        List<BranchFailedException.Failure> failed = failures.failed();
        Exception outcome = outcome(interrupted, failed);
        List<Throwable> late = failures.late();
        if (outcome == null) {
            if (!late.isEmpty()) {
                Events.lost(this, "after it had been cancelled (the scope was cancelled by its owner, so join() returned)",
                        late);
            }
            return;
        }
        if (!(outcome instanceof BranchFailedException)) { // that one carries the failures already
            failed.forEach(f -> outcome.addSuppressed(f.exception()));
        }
        late.forEach(outcome::addSuppressed);
        if (outcome instanceof InterruptedException e) {
            throw e;
        }
        throw (RuntimeException) outcome;
    }

    /** {@return the branches the deadline cut short, oldest first, once the walk that recorded them is over} */
    private static List<BranchCore<?>> cutShortBy(CancelState c) {
        boolean interrupted = false;
        try {
            synchronized (c) {
                while (!c.walked) {
                    try {
                        c.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                List<BranchCore<?>> walked = c.runningThen;
                List<BranchCore<?>> cut = new ArrayList<>(walked.size());
                for (int i = walked.size() - 1; i >= 0; i--) { // oldest first
                    if (!walked.get(i).isBornCancelled()) {
                        cut.add(walked.get(i));
                    }
                }
                return Collections.unmodifiableList(cut);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@return the branches' names, each built when it is read} */
    private static List<String> namesOf(List<BranchCore<?>> branches) {
        final class Names extends AbstractList<String> implements RandomAccess {
            @Override
            public String get(int index) {
                return branches.get(index).name();
            }

            @Override
            public int size() {
                return branches.size();
            }
        }
        return new Names();
    }

    /** {@return the exception {@code join} throws, or null when it returns normally} */
    private Exception outcome(boolean interrupted, List<BranchFailedException.Failure> failed) {
        if (interrupted) {
            return new InterruptedException("interrupted while joining scope '" + Text.name(name)
                    + "'; its branches were cancelled and have ended");
        }
        CancelState c = cancelState;
        if (c != null && c.cancellation().reason() == CancellationReason.DEADLINE_EXCEEDED) {
            List<BranchCore<?>> cutShort = cutShortBy(c);
            return new DeadlineExceededException(c.cancellation(), name, namesOf(cutShort));
        }
        if (c != null && c.fromAbove()) {
            return new CancelledException(c.cancellation());
        }
        return failed.isEmpty() ? null : new BranchFailedException(name, failed);
    }

    // ---- SkeinContext of the scope itself ---------------------------------------------------------------

    @Override
    public boolean isCancelled() {
        return cancelState != null || stateNow() != null;
    }

    @Override
    public Optional<Cancellation> cancellation() {
        CancelState c = stateNow();
        return c == null ? Optional.empty() : Optional.of(c.cancellation());
    }

    @Override
    public Optional<Instant> deadline() {
        return remaining().map(left -> Instant.now().plus(left));
    }

    @Override
    public Optional<Duration> remaining() {
        if (deadlineNanos == NO_DEADLINE) {
            return Optional.empty();
        }
        long left = deadlineNanos - System.nanoTime();
        return Optional.of(Duration.ofNanos(Math.max(0, left)));
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(key.cast(value));
    }

    // ---- diagnostics ------------------------------------------------------------------------------------

    /** {@return when this scope was cancelled ({@link System#nanoTime()}), or 0 if it was not (yet)} */
    long cancelledAtNanos() {
        CancelState c = cancelState;
        return c == null ? 0 : c.atNanos;
    }

    /** {@return how long a cancelled branch may run on before it is reported as stuck} */
    long graceNanos() {
        return graceNanos;
    }

    String phaseName() {
        return switch (phase) {
            case OPEN -> cancelState == null ? "OPEN" : "CANCELLED";
            case JOINING -> cancelState == null ? "JOINING" : "JOINING_CANCELLED";
            case JOINED -> "JOINED";
            default -> "CLOSED";
        };
    }

    public String name() {
        return name;
    }

    public boolean isJoined() {
        return phase >= JOINED;
    }

    boolean isClosed() {
        return phase == CLOSED;
    }

    List<BranchCore<?>> branches() {
        List<BranchCore<?>> all = new ArrayList<>();
        for (BranchCore<?> b = stack.head(); b != null; b = b.next) {
            all.add(b);
        }
        return all.reversed();
    }

    String openedAtText() {
        if (openedAt != null) {
            return openedAt.toString();
        }
        return OpenSites.enabled ? "(a thread of Skein's own)" : "(unknown: open sites are not recorded, see -Dskein.openSites)";
    }

    @Override
    public String toString() {
        return "Scope[" + Text.name(name) + ", " + phaseName() + "]";
    }
}
