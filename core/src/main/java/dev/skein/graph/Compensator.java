package dev.skein.graph;

import dev.skein.internal.Callbacks;
import dev.skein.internal.Plumbing;
import dev.skein.internal.Telemetry;
import dev.skein.internal.Text;
import dev.skein.internal.Threads;
import dev.skein.scope.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * The saga half of a run: undoes what a failed run did, in reverse dependency order. A task's
 * compensation starts once every task that depends on it (directly or through tasks with nothing to undo)
 * has been compensated; independent compensations run in parallel.
 *
 * <p>It is detached, like Kotlin's {@code NonCancellable}: a root scope on a thread of its own, so neither
 * the run's cancellation, nor an enclosing scope's, nor its expired deadline can cut it short (Temporal's
 * {@code Saga} once skipped compensations on cancellation: temporalio/sdk-java#305). Each attempt runs
 * detached too, on a thread of its own, bounded by the task's compensation timeout. A failed attempt is
 * retried by a policy's retry (SmallRye's), with a backoff that grows between attempts; each failure but
 * the last is logged, the last is reported.
 *
 * <p>The caller waits for the end. If it is interrupted meanwhile, it stops waiting and gets its
 * {@link InterruptedException} at once, with a report in which the compensations not yet ended are
 * {@link TaskOutcome#COMPENSATING}; the compensations themselves go on to their end, retries included (an
 * interrupt of the caller never gives up an undo), and the final report then goes to the listeners'
 * {@code onRunEnded}.
 */
final class Compensator {

    private static final System.Logger LOG = System.getLogger("dev.skein");

    private final GraphRun<?> run;
    private final boolean[] compensable;
    private final AtomicIntegerArray dependentsLeft;
    final long[] startNanos;
    final long[] endNanos;
    final int[] attempts;
    final Throwable[] failures;
    /** Per task: 1 once its compensation has ended (its attempts, failure and end time are then final). */
    private final AtomicIntegerArray ended;
    private volatile Scope scope;
    /**
     * RUNNING, then FINISHED (all ended while the caller waited), or CALLER_GONE (the caller stopped waiting)
     * and then FINISHED_WITHOUT_CALLER.
     */
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int CALLER_GONE = 2;
    private static final int FINISHED_WITHOUT_CALLER = 3;
    /** Makes the run's report from this compensator's records (called again for the final one). */
    private final Function<Compensator, RunReport> reporter;
    /** Whether the caller was interrupted while it waited. */
    boolean callerInterrupted;
    /** Whether the caller left before the end: the compensations' thread then tells the listeners the run ended. */
    boolean callerLeft;
    /** Anything that escaped the compensation scope itself (it should not): kept, never lost. */
    volatile Throwable escaped;

    private Compensator(GraphRun<?> run, boolean[] compensable, Function<Compensator, RunReport> reporter) {
        this.run = run;
        this.compensable = compensable;
        this.reporter = reporter;
        int n = compensable.length;
        this.ended = new AtomicIntegerArray(n);
        this.dependentsLeft = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            dependentsLeft.set(i, run.graph.nodes.get(i).dependents.length);
        }
        this.startNanos = new long[n];
        this.endNanos = new long[n];
        this.attempts = new int[n];
        this.failures = new Throwable[n];
    }

    /**
     * Runs the compensations of {@code run}; {@return what they did} (null if there was nothing to undo).
     * {@code reporter} makes the run's report from it; when the caller stops waiting (interrupted), it is
     * called again once the compensations have ended, and that final report goes to the listeners.
     */
    static Compensator compensate(GraphRun<?> run, Function<Compensator, RunReport> reporter) {
        int n = run.outcomes.length;
        boolean[] compensable = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            TaskOptions<?, ?> options = run.graph.nodes.get(i).options;
            compensable[i] = !run.compensatedBefore[i] && switch (run.outcomes[i]) {
                case SUCCEEDED -> options.compensation != null;
                case FAILED, CANCELLED -> options.uncertainCompensation != null;
                default -> false;
            };
            any |= compensable[i];
        }
        if (!any) {
            return null; // nothing to undo: no detached section
        }
        Compensator compensator = new Compensator(run, compensable, reporter);
        // the caller's OpenTelemetry context (and MDC) goes along: compensation spans join the caller's trace
        Thread thread = Thread.ofVirtual().name("skein-compensation").start(Telemetry.wrap(compensator::runAll));
        try {
            thread.join();
        } catch (InterruptedException e) {
            // the caller stops waiting; the compensations do not stop (unless they ended meanwhile)
            compensator.callerInterrupted = true;
            compensator.callerLeft = compensator.state.compareAndSet(RUNNING, CALLER_GONE);
        }
        return compensator;
    }

    /** Whether the compensations go on without the caller: a report made now is not the final one. */
    boolean continuesWithoutCaller() {
        return state.get() == CALLER_GONE;
    }

    /** Whether task {@code i}'s compensation has ended. */
    boolean ended(int i) {
        return ended.get(i) == 1;
    }

    private void runAll() {
        try {
            runInScope();
        } finally {
            if (!state.compareAndSet(RUNNING, FINISHED)) { // the caller left: the final report is ours to give
                state.set(FINISHED_WITHOUT_CALLER);
                Callbacks.run("reporting a run compensated after its caller left", () -> {
                    run.ended(reporter.apply(this));
                });
            }
        }
    }

    private void runInScope() {
        try {
            Scope.runSupervisor(cfg -> run.graph.tracing ? cfg.withName(run.graph.name + " compensation")
                    : cfg.withName(run.graph.name + " compensation").withoutTracing(), s -> {
                scope = s;
                List<Integer> sinks = new ArrayList<>();
                for (int i = 0; i < compensable.length; i++) {
                    if (dependentsLeft.get(i) == 0) {
                        sinks.add(i);
                    }
                }
                for (int sink : sinks) {
                    if (compensable[sink]) {
                        fork(sink);
                    } else {
                        settled(sink);
                    }
                }
                return null;
            });
        } catch (Throwable t) {
            escaped = t;
        }
    }

    private void fork(int i) {
        scope.fork("compensate " + run.graph.nodes.get(i).name, () -> {
            try {
                compensate(i);
            } finally { // whatever happened here, the compensations this one waited on must still run
                settled(i);
            }
        });
    }

    /** Task {@code i} needs no more undoing: release the tasks it depends on, walking through idle ones. */
    private void settled(int first) {
        Deque<Integer> work = new ArrayDeque<>();
        work.push(first);
        while (!work.isEmpty()) {
            int i = work.pop();
            for (int dependency : run.graph.nodes.get(i).dependencies) {
                if (dependentsLeft.decrementAndGet(dependency) == 0) {
                    if (compensable[dependency]) {
                        fork(dependency);
                    } else {
                        work.push(dependency);
                    }
                }
            }
        }
    }

    /**
     * Attempts the compensation of task {@code i} up to 1 + retries times, through the node's compensation
     * policy (a retry with backoff); records the last failure, and logs the ones before it.
     */
    private void compensate(int i) {
        Node<?> node = run.graph.nodes.get(i);
        startNanos[i] = System.nanoTime();
        Throwable[] last = new Throwable[1];
        try {
            node.compensationPolicy().call(() -> {
                if (last[0] != null) {
                    logRetried(node, attempts[i], last[0]);
                }
                attempts[i]++;
                try {
                    attemptDetached(node);
                } catch (Throwable t) {
                    last[0] = t;
                    throw t;
                }
                return null;
            });
        } catch (Throwable t) { // the last attempt's failure; an Error is not retried
            failures[i] = t;
        }
        endNanos[i] = System.nanoTime();
        TaskOutcome outcome = failures[i] == null ? TaskOutcome.COMPENSATED : TaskOutcome.COMPENSATION_FAILED;
        Journal.Entry entry = run.journal;
        if (entry != null) { // before the end shows in a report: a recovered run is recorded compensated first
            GraphRun.record("recording the compensation of task '" + Text.name(node.name) + "'",
                    () -> entry.compensationEnded(node.key, outcome, failures[i]));
        }
        ended.set(i, 1);
        if (!GraphListeners.none()) {
            GraphListener.CompensationEnded event = new GraphListener.CompensationEnded(run.graph.name, node.name,
                    outcome, attempts[i], Optional.ofNullable(failures[i]));
            GraphListeners.each("onCompensationEnded", l -> l.onCompensationEnded(event));
        }
    }

    private static void logRetried(Node<?> node, int attempt, Throwable failure) {
        Callbacks.run("logging a retried compensation", () -> LOG.log(System.Logger.Level.WARNING,
                "the compensation of task '" + Text.name(node.name) + "' failed (attempt " + attempt
                        + "), retrying: " + Text.describe(failure), failure));
    }

    /** One attempt, on a thread of its own in a scope of its own, bounded by the compensation timeout. */
    private void attemptDetached(Node<?> node) throws Exception {
        Object[] failure = new Object[1];
        Thread attempt = Thread.ofVirtual().name("skein-compensation-attempt").start(Telemetry.wrap(() -> {
            try {
                Plumbing.callWithTimeout("compensate " + node.name, node.compensationTimeout, () -> {
                    undo(node);
                    return null;
                });
            } catch (Throwable t) {
                failure[0] = t;
            }
        }));
        Threads.joinUninterruptibly(attempt);
        if (failure[0] != null) {
            throw GraphRun.rethrow((Throwable) failure[0]);
        }
    }

    @SuppressWarnings("unchecked")
    private <I, T> void undo(Node<?> node) throws Exception {
        int i = node.index;
        TaskOptions<I, T> options = (TaskOptions<I, T>) node.options;
        GraphRun<I> typedRun = (GraphRun<I>) run;
        if (run.outcomes[i] == TaskOutcome.SUCCEEDED) {
            ((Compensation<Object>) options.compensation).undo(run.values[i]);
        } else {
            options.uncertainCompensation.undo(typedRun.inputsOf(i), run.whyNotSucceeded(i));
        }
    }

    boolean compensated(int i) {
        return compensable[i];
    }

    /**
     * {@return why task {@code i}'s compensation failed, if it did} A compensation that should have run
     * but never did (its thread could not start, say) is a failure too, so the report never claims an
     * undo that did not happen.
     */
    Throwable failure(int i) {
        if (failures[i] != null || attempts[i] > 0) {
            return failures[i];
        }
        IllegalStateException notRun = new IllegalStateException("the compensation of '"
                + Text.name(run.graph.nodes.get(i).name) + "' did not run");
        if (escaped != null) {
            notRun.initCause(escaped);
        }
        return notRun;
    }
}
