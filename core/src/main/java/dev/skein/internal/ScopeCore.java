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
import java.util.ArrayList;
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
 * {@link BranchCore#run()} counts itself {@code ended} in a {@code finally} after its outcome is
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
     * deadline the branches it cut short (newest first; filled under this record's lock).
     */
    private record CancelState(Cancellation cancellation, boolean fromAbove, List<BranchCore<?>> runningThen) {
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
        LiveScopes.reportCollectedLeaks();
        BranchCore<?> enclosing = Current.branchOrNull();
        ScopeCore scope = new ScopeCore(config, supervisor, enclosing, OpenSites.capture());
        scope.tracing = config.tracing() && (enclosing == null || enclosing.scope.tracing);
        scope.trace = Telemetry.scopeOpened(scope, scope.tracing);
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
        return forkBody(branchName, body, wait);
    }

    /** Forks a branch that returns nothing. */
    public BranchCore<Void> fork(String branchName, CheckedRunnable body, boolean wait) {
        return forkBody(branchName, body, wait);
    }

    private <T> BranchCore<T> forkBody(String branchName, Object body, boolean wait) {
        boolean fromOwnBranch = checkCanFork();
        if (limit != null && !limit.acquire(this, wait, fromOwnBranch)) {
            return null;
        }
        BranchCore<T> branch;
        Thread thread;
        try {
            branch = new BranchCore<>(this, branchName, body);
            thread = VIRTUAL.newThread(branch);
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

    /** {@return whether the caller is one of this scope's branches (rather than its owner)} */
    private boolean checkCanFork() {
        int p = phase;
        if (p == CLOSED) {
            throw new IllegalStateException("scope '" + name + "' is closed: fork before close, or open a new scope");
        }
        Thread caller = Thread.currentThread();
        BranchCore<?> current = Current.branchOrNull();
        boolean ownBranch = current != null && current.scope == this;
        if (caller != owner && !ownBranch) {
            throw new WrongThreadException("fork into scope '" + name + "' from thread " + caller
                    + ", which is neither its owner (" + owner + ") nor one of its branches");
        }
        if (p == JOINED && !ownBranch) {
            throw new IllegalStateException("scope '" + name + "' was already joined: fork before join()");
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

    /**
     * Fires the deadline where it belongs: the scope that set it, so that its whole subtree learns at once.
     * Then this scope is cancelled for sure, even when the owner of the deadline had already been cancelled
     * for another reason and that cancellation is still on its way down.
     */
    void fireOwnOrInheritedDeadline() {
        deadlineOwner.fireDeadline();
        fireDeadline();
    }

    /** Called exactly once per branch, after its outcome is published. */
    void branchDone(BranchCore<?> branch) {
        try {
            if (branch.isFailed()) {
                recordFailure(branch);
            } else if (branch.failure() != null) { // cancelled, and threw more than its way of stopping
                failures.recordLate(branch.failure());
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

    private void recordFailure(BranchCore<?> branch) {
        Throwable failure = branch.failure();
        failures.recordFailed(branch.name(), failure);
        if (!supervisor || failure instanceof Error) {
            cancel(new Cancellation(CancellationReason.SIBLING_FAILED, name + "/" + branch.name(), failure), false);
        }
    }

    // ---- cancellation --------------------------------------------------------------------------------

    /** Cancels on the owner's request. */
    public void cancel() {
        cancel(new Cancellation(CancellationReason.REQUESTED, name, null), false);
    }

    void cancelFromAbove(Cancellation why) {
        cancel(why, true);
    }

    void fireDeadline() {
        cancel(new Cancellation(CancellationReason.DEADLINE_EXCEEDED, name, null), false);
    }

    /**
     * Cancels: publishes the cancellation, then interrupts every running branch (and cancels the scopes
     * nested in them) in one walk. For a deadline the same walk records the branches it cut short, under
     * the cancel state's lock, which {@code join} takes before it reads them.
     */
    private boolean cancel(Cancellation why, boolean fromAbove) {
        if (cancelState != null) {
            return false;
        }
        boolean deadline = why.reason() == CancellationReason.DEADLINE_EXCEEDED;
        CancelState state = new CancelState(why, fromAbove, deadline ? new ArrayList<>() : List.of());
        // The lock is taken before the state is published: whoever sees the state and takes the lock to
        // read the branches the deadline cut short finds the walk finished.
        synchronized (state) {
            if (!CANCEL_STATE.compareAndSet(this, null, state)) {
                return false;
            }
            stack.freeze(); // no more unlinking: the walk must see branches that stopped just now
            for (BranchCore<?> b = stack.head(); b != null; b = b.next) {
                if (b.isRunning()) {
                    if (deadline) {
                        state.runningThen().add(b);
                    }
                    b.onScopeCancelled(why);
                } else if (deadline && b.endedByScopeCancellation()) {
                    state.runningThen().add(b); // it polled, saw the deadline and stopped before we got here
                }
            }
        }
        if (limit != null) {
            limit.wakeAll();
        }
        Thread j = joiner;
        if (j != null) {
            LockSupport.unpark(j);
        }
        return true;
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
            throw new IllegalStateException("scope '" + name + "' was already " + (phase == CLOSED ? "closed" : "joined")
                    + ": join() once, before close()");
        }
        phase = JOINING;
        boolean interrupted = awaitBranches(true);
        phase = JOINED;
        throwOutcome(interrupted);
    }

    /**
     * Closes the scope: if it was not joined, cancels what still runs and waits for it (uninterruptibly:
     * a scope never ends while a branch runs). Failures nobody joined are not dropped: they come with the
     * {@link IllegalStateException} that reports the missing join.
     */
    public void close() {
        checkOwner("close");
        if (phase == CLOSED) {
            return;
        }
        boolean joined = phase == JOINED;
        if (!joined) {
            if (anyRunning()) {
                cancel(new Cancellation(CancellationReason.SCOPE_CLOSED, name, null), false);
            }
            awaitBranches(false);
        }
        phase = CLOSED;
        unregister();
        if (!joined && forkCount() > 0) {
            IllegalStateException missingJoin = new IllegalStateException("scope '" + name + "' was closed without join(): "
                    + "its branches were cancelled; call join() before leaving the try block, or use Scope.run(...)");
            failures.all().forEach(missingJoin::addSuppressed);
            throw missingJoin;
        }
    }

    /** Closes a scope its opener abandoned (leak), returning the failures that nobody joined. */
    List<Throwable> closeLeaked() {
        if (phase != CLOSED) {
            cancel(new Cancellation(CancellationReason.SCOPE_CLOSED, name, null), false);
            awaitBranches(false);
            phase = CLOSED;
            unregister();
        }
        return failures.all();
    }

    private void unregister() {
        cancelDeadline();
        if (trace != null && trace.span() != null) {
            endSpan();
        }
        if (enclosing != null) {
            enclosing.removeChild(this);
        } else {
            LiveScopes.remove(this);
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
            outcome = c != null ? "cancelled" : "succeeded";
        }
        Telemetry.scopeEnded(this, outcome, failure);
    }

    /** {@return {@code "fail-fast"} or {@code "supervisor"}} */
    String kind() {
        return supervisor ? "supervisor" : "fail-fast";
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException(what + "() of scope '" + name + "' called from " + Thread.currentThread()
                    + "; only its owner " + owner + " may " + what + " it");
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
            while (anyRunning()) {
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
                if (Thread.interrupted()) {
                    CancelState cancelledBy = cancelState;
                    if (cancelledBy != null && cancelledBy.fromAbove()) {
                        cancellationDelivered = true; // the interrupt only delivered the enclosing cancellation
                    } else {
                        interrupted = true;
                        cancel(new Cancellation(CancellationReason.OWNER_INTERRUPTED, name, null), false);
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
                Events.stuckBranch(this, b);
                b.interrupt();
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
                Events.lostAfterCancel(this, late);
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
            return new InterruptedException("interrupted while joining scope '" + name
                    + "'; its branches were cancelled and have ended");
        }
        CancelState c = cancelState;
        if (c != null && c.cancellation().reason() == CancellationReason.DEADLINE_EXCEEDED) {
            List<BranchCore<?>> cutShort;
            synchronized (c) {
                cutShort = c.runningThen().stream().filter(b -> !b.isBornCancelled()).toList().reversed();
            }
            return new DeadlineExceededException(name, c.cancellation(), namesOf(cutShort));
        }
        if (c != null && c.fromAbove()) {
            return new CancelledException(c.cancellation());
        }
        return failed.isEmpty() ? null : new BranchFailedException(name, failed);
    }

    // ---- SkeinContext of the scope itself ---------------------------------------------------------------

    @Override
    public boolean isCancelled() {
        return cancelState != null;
    }

    @Override
    public Optional<Cancellation> cancellation() {
        CancelState c = cancelState;
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
        return openedAt == null ? "(unknown: open sites are not recorded, see -Dskein.openSites)" : openedAt.toString();
    }

    @Override
    public String toString() {
        return "Scope[" + name + ", " + phaseName() + "]";
    }
}
