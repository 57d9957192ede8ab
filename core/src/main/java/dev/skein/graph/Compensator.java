package dev.skein.graph;

import dev.skein.BranchFailedException;
import dev.skein.internal.Telemetry;
import dev.skein.internal.Threads;
import dev.skein.scope.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The saga half of a run: undoes what a failed run did, in reverse dependency order. A task's
 * compensation starts once every task that depends on it (directly or through tasks with nothing to undo)
 * has been compensated; independent compensations run in parallel.
 *
 * <p>It is detached, like Kotlin's {@code NonCancellable}: a root scope on a thread of its own, so neither
 * the run's cancellation, nor an enclosing scope's, nor its expired deadline can cut it short (Temporal's
 * {@code Saga} once skipped compensations on cancellation: temporalio/sdk-java#305). Each attempt is
 * bounded by the task's compensation timeout instead, and the caller waits for the end, uninterruptibly.
 */
final class Compensator {

    private final GraphRun<?> run;
    private final boolean[] compensable;
    private final AtomicIntegerArray dependentsLeft;
    final long[] startNanos;
    final long[] endNanos;
    final int[] attempts;
    final Throwable[] failures;
    private Scope scope;
    /** Anything that escaped the compensation scope itself (it should not): kept, never lost. */
    Throwable escaped;

    private Compensator(GraphRun<?> run, boolean[] compensable) {
        this.run = run;
        this.compensable = compensable;
        int n = compensable.length;
        this.dependentsLeft = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            dependentsLeft.set(i, run.graph.nodes.get(i).dependents.length);
        }
        this.startNanos = new long[n];
        this.endNanos = new long[n];
        this.attempts = new int[n];
        this.failures = new Throwable[n];
    }

    /** Runs the compensations of {@code run}; {@return what they did} (null if there was nothing to undo). */
    static Compensator compensate(GraphRun<?> run) {
        int n = run.outcomes.length;
        boolean[] compensable = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            TaskOptions<?, ?> options = run.graph.nodes.get(i).options;
            compensable[i] = switch (run.outcomes[i]) {
                case SUCCEEDED -> options.compensation != null;
                case FAILED, CANCELLED -> options.uncertainCompensation != null;
                default -> false;
            };
            any |= compensable[i];
        }
        if (!any) {
            return null; // nothing to undo: no detached section
        }
        Compensator compensator = new Compensator(run, compensable);
        // the caller's OpenTelemetry context (and MDC) goes along: compensation spans join the caller's trace
        Threads.joinUninterruptibly(Thread.ofVirtual().name("skein-compensation " + run.graph.name)
                .start(Telemetry.wrap(compensator::runAll)));
        return compensator;
    }

    private void runAll() {
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

    /** Attempts the compensation of task {@code i} up to 1 + retries times; records the last failure. */
    private void compensate(int i) {
        Node<?> node = run.graph.nodes.get(i);
        startNanos[i] = System.nanoTime();
        List<Throwable> failed = new ArrayList<>();
        for (int attempt = 0; attempt <= node.compensationRetries; attempt++) {
            attempts[i]++;
            try {
                attempt(node);
                failed.clear();
                break;
            } catch (Throwable t) { // an Error too: it is recorded, and the other compensations go on
                failed.add(t);
                if (t instanceof Error) {
                    break;
                }
            }
        }
        endNanos[i] = System.nanoTime();
        if (!failed.isEmpty()) {
            Throwable last = failed.getLast();
            for (Throwable earlier : failed.subList(0, failed.size() - 1)) {
                if (earlier != last) { // an undo may throw the same instance every time
                    last.addSuppressed(earlier);
                }
            }
            failures[i] = last;
        }
    }

    private void attempt(Node<?> node) throws Exception {
        try {
            Scope.run(cfg -> cfg.withName("compensation attempt").withTimeout(node.compensationTimeout), s -> {
                s.fork("undo " + node.name, () -> undo(node));
                s.join();
                return null;
            });
        } catch (BranchFailedException e) {
            throw GraphRun.rethrow(GraphRun.unwrap(e));
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
                + run.graph.nodes.get(i).name + "' did not run");
        if (escaped != null) {
            notRun.initCause(escaped);
        }
        return notRun;
    }
}
