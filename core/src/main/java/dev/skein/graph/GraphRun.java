package dev.skein.graph;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.OwnerLostException;
import dev.skein.SkeinException;
import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import dev.skein.context.SkeinContext;
import dev.skein.internal.Callbacks;
import dev.skein.internal.Plumbing;
import dev.skein.internal.Text;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One run of a graph: a scope whose branches are the tasks. A task is forked by whichever task settles
 * its last dependency, so it starts the moment it can. The arrays are written by each task's own thread
 * before it releases its dependents (an atomic decrement) and read after that, or after {@code join}.
 */
final class GraphRun<I> {

    final Graph<I> graph;
    final I input;
    private final AtomicIntegerArray waitingFor;
    final Object[] values;
    private final Throwable[] optionalFailures;
    private final boolean[] skippedByCondition;
    final boolean[] started;
    final long[] startNanos;
    final long[] endNanos;
    private final Branch<?>[] branches;
    final TaskOutcome[] outcomes;
    final Throwable[] failures;

    /** The journal's entry of a durable run (written before the tasks fork, read by them); null otherwise. */
    Journal.Entry journal;
    /** Tasks a recovered run found compensated already: not again. */
    final boolean[] compensatedBefore;
    /** Whether another instance ran the tasks ({@link #recorded}): when they ran is not known here. */
    boolean recovered;
    private volatile Scope scope;
    private volatile boolean cancelRequested;
    /** The caller left while the run was compensated: the compensations' thread tells the listeners it ended. */
    private boolean endReportedLater;

    long runStartNanos;
    Instant runStartInstant;

    GraphRun(Graph<I> graph, I input) {
        this.graph = graph;
        this.input = input;
        int n = graph.nodes.size();
        this.waitingFor = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            waitingFor.set(i, graph.nodes.get(i).dependencies.length);
        }
        this.values = new Object[n];
        this.optionalFailures = new Throwable[n];
        this.skippedByCondition = new boolean[n];
        this.started = new boolean[n];
        this.startNanos = new long[n];
        this.endNanos = new long[n];
        this.branches = new Branch<?>[n];
        this.outcomes = new TaskOutcome[n];
        this.failures = new Throwable[n];
        this.compensatedBefore = new boolean[n];
    }

    /**
     * A run that another instance started, as its journal recorded it, to be compensated here
     * ({@link #recover}); {@code entry} records the compensations.
     */
    static <I> GraphRun<I> recorded(Graph<I> graph, Journal.RecordedRun<I> recorded, Journal.Entry entry) {
        List<String> unknown = recorded.tasks().keySet().stream().filter(t -> !graph.indexByName.containsKey(t))
                .sorted().limit(20).map(Text::name).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the recorded run has tasks that graph '" + Text.name(graph.name)
                    + "' does not declare: " + unknown + "; the graph changed since the run started, so this instance "
                    + "cannot compensate it: do it with the version of the graph that ran it, or by hand");
        }
        GraphRun<I> run = new GraphRun<>(graph, recorded.input());
        run.journal = entry;
        run.recovered = true;
        for (Node<I> node : graph.nodes) {
            int i = node.index;
            Journal.RecordedTask task = recorded.tasks().get(node.name);
            run.outcomes[i] = task == null ? TaskOutcome.SKIPPED : task.outcome();
            run.started[i] = task != null && task.outcome() != TaskOutcome.SKIPPED;
            if (task == null) {
                continue;
            }
            switch (task.outcome()) {
                case SUCCEEDED -> run.values[i] = recordedResult(node, task);
                case FAILED, CANCELLED -> run.failures[i] = new OwnerLostException(graph.name, node.name, task.failure());
                case COMPENSATED -> {
                    run.outcomes[i] = TaskOutcome.CANCELLED;
                    run.compensatedBefore[i] = true;
                    // not undone again, but the uncertain compensations of its dependents take it
                    run.values[i] = recordedResult(node, task);
                }
                default -> {
                }
            }
        }
        return run;
    }

    private static Object recordedResult(Node<?> node, Journal.RecordedTask task) {
        if (task.result() != null && !node.key.type().isInstance(task.result())) {
            throw new IllegalArgumentException("the recorded result of task '" + Text.name(node.name) + "' is a "
                    + task.result().getClass().getName() + ", but the task produces " + node.key.type().getName());
        }
        return task.result();
    }

    /** Compensates a {@linkplain #recorded recorded} run. {@return the report, outcome {@code OWNER_LOST}} */
    RunReport recover() {
        runStartInstant = Instant.now();
        runStartNanos = System.nanoTime();
        OwnerLostException failure = new OwnerLostException(graph.name, null, null);
        Compensator compensator = Compensator.compensate(this,
                c -> new RunReport(this, RunOutcome.OWNER_LOST, failure, null, List.of(), runStartNanos, c));
        RunReport report = new RunReport(this, RunOutcome.OWNER_LOST, failure, null, List.of(), runStartNanos, compensator);
        if (compensator == null || !compensator.callerLeft) {
            ended(report); // else the compensations' thread reports the end
        }
        if (compensator != null && compensator.callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    /** Cancels the run from any thread; a no-op once it has ended. */
    void cancel() {
        cancelRequested = true;
        Scope s = scope;
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * Runs the graph, then, unless it succeeded, its compensations. {@return the report}
     * @throws InterruptedException if the caller was interrupted; the run was cancelled and compensated (or,
     * interrupted while compensating, its compensations go on without it: {@link TaskOutcome#COMPENSATING}),
     * and the report is attached as a suppressed {@link dev.skein.GraphFailedException}
     */
    RunReport execute() throws InterruptedException {
        runStartInstant = Instant.now();
        runStartNanos = System.nanoTime();
        if (!GraphListeners.none()) {
            GraphListener.RunStarted started = new GraphListener.RunStarted(graph.name, input);
            GraphListeners.each("onRunStarted", l -> l.onRunStarted(started));
        }
        RunReport report = null;
        try {
            if (graph.journal != null) {
                try {
                    journal = Objects.requireNonNull(graph.journal.runStarting(graph, input), "the journal's entry");
                } catch (Throwable t) {
                    report = notStarted(t);
                    if (t instanceof InterruptedException interrupted) { // the caller's interrupt, as for any run
                        interrupted.addSuppressed(new GraphFailedException(report));
                        throw interrupted;
                    }
                    return report;
                }
            }
            report = runAndCompensate();
            return report;
        } catch (InterruptedException e) {
            for (Throwable attached : e.getSuppressed()) {
                if (attached instanceof GraphFailedException failed) {
                    report = failed.report();
                }
            }
            throw e;
        } finally {
            if (report != null && !endReportedLater) {
                ended(report);
            }
        }
    }

    /** Tells the journal and the listeners that the run ended, as {@code report} says. */
    void ended(RunReport report) {
        Journal.Entry entry = journal;
        if (entry != null) {
            record("recording the end of a run", () -> entry.runEnded(report));
        }
        if (!GraphListeners.none()) {
            GraphListeners.each("onRunEnded", l -> l.onRunEnded(report));
        }
    }

    /**
     * The report of a durable run whose start the journal could not record: no task ran. Cancelled if the
     * caller was interrupted meanwhile, failed otherwise.
     */
    private RunReport notStarted(Throwable t) {
        settleOutcomes();
        if (t instanceof InterruptedException) {
            CancelledException failure = new CancelledException(new Cancellation(CancellationReason.OWNER_INTERRUPTED,
                    graph.name, null));
            return new RunReport(this, RunOutcome.CANCELLED, failure, null, List.of(), System.nanoTime(), null);
        }
        IllegalStateException failure = new IllegalStateException("the journal could not record the start of a run of graph '"
                + Text.name(graph.name) + "', so no task ran: " + Text.describe(t), t);
        return new RunReport(this, RunOutcome.FAILED, failure, null, List.of(), System.nanoTime(), null);
    }

    /** Calls the journal where its failure changes nothing: logged. */
    static void record(String what, Recording recording) {
        try {
            recording.write();
        } catch (Throwable t) {
            Callbacks.failed(what, t);
        }
    }

    @FunctionalInterface
    interface Recording {
        void write() throws Exception;
    }

    private RunReport runAndCompensate() throws InterruptedException {
        Throwable stopped = null;
        InterruptedException interrupted = null;
        try (Scope s = Scope.open(cfg -> graph.scopeConfig.apply(cfg).withName(graph.name))) {
            scope = s;
            if (cancelRequested) {
                s.cancel();
            }
            for (int root : graph.roots) {
                branches[root] = s.fork(graph.nodes.get(root).name, () -> runTask(root));
            }
            try {
                s.join();
            } catch (InterruptedException e) {
                interrupted = e;
            } catch (SkeinException e) {
                stopped = e;
            }
        }
        long runEndNanos = System.nanoTime();
        settleOutcomes();
        if (everyTaskSettled()) { // the deadline, a cancellation or an interrupt came after the work was done
            if (interrupted != null) {
                Thread.currentThread().interrupt();
            }
            return new RunReport(this, RunOutcome.SUCCEEDED, null, null, List.of(), runEndNanos, null);
        }
        RunOutcome outcome = runOutcome(interrupted, stopped);
        Throwable failure = runFailure(stopped);
        String failedTask = stopped instanceof BranchFailedException b ? b.branchName() : null;
        List<Throwable> otherFailures = stopped == null ? List.of()
                : Arrays.stream(stopped.getSuppressed()).filter(t -> t != failure).toList();
        Compensator compensator = Compensator.compensate(this,
                c -> new RunReport(this, outcome, failure, failedTask, otherFailures, runEndNanos, c));
        RunReport report = new RunReport(this, outcome, failure, failedTask, otherFailures, runEndNanos, compensator);
        if (compensator != null && compensator.callerLeft) {
            endReportedLater = true;
        }
        if (interrupted == null && compensator != null && compensator.callerInterrupted) {
            interrupted = new InterruptedException("interrupted while the run of graph '" + Text.name(graph.name)
                    + "' was being compensated" + (endReportedLater ? ": the compensations go on to their end without the caller" : ""));
        }
        if (interrupted != null) {
            interrupted.addSuppressed(new GraphFailedException(report));
            throw interrupted;
        }
        return report;
    }

    private Object runTask(int i) throws Exception {
        Node<I> node = graph.nodes.get(i);
        Inputs inputs = new Inputs(node);
        Journal.Entry entry = journal;
        if (entry != null) {
            try {
                entry.taskStarting(node.key);
            } catch (Throwable t) { // the task does not run: SKIPPED, and the run fails with this
                throw new IllegalStateException("the journal could not record the start of task '" + Text.name(node.name)
                        + "', so it did not run: " + Text.describe(t), t);
            }
        }
        started[i] = true;
        startNanos[i] = System.nanoTime();
        boolean unrecorded = false; // its function succeeded, the journal has not recorded it yet
        try {
            if (node.options.condition != null && !node.options.condition.test(inputs)) {
                skippedByCondition[i] = true;
            } else {
                values[i] = invoke(node, inputs);
                if (entry != null) {
                    unrecorded = true;
                    recordSuccess(entry, node, values[i]);
                    unrecorded = false;
                }
            }
        } catch (Throwable t) {
            endNanos[i] = System.nanoTime();
            boolean cancelled = SkeinContext.current().isCancelled();
            // a success the journal lost fails the run even for an optional task: its effect is uncertain
            if (!node.options.optional || unrecorded || t instanceof Error || cancelled) {
                taskEnded(node, cancelled && !(t instanceof Error) ? TaskOutcome.CANCELLED : TaskOutcome.FAILED, t);
                throw rethrow(t);
            }
            optionalFailures[i] = t;
            taskEnded(node, TaskOutcome.FAILED, t);
            release(node);
            return null;
        }
        endNanos[i] = System.nanoTime();
        taskEnded(node, skippedByCondition[i] ? TaskOutcome.SKIPPED : TaskOutcome.SUCCEEDED, null);
        release(node);
        return null;
    }

    /** Records a success; a failure to record it fails the task, whose effect is then uncertain. */
    private static void recordSuccess(Journal.Entry entry, Node<?> node, Object value) {
        try {
            entry.taskSucceeded(node.key, value);
        } catch (Throwable t) {
            throw new IllegalStateException("task '" + Text.name(node.name) + "' succeeded, but the journal could not "
                    + "record its result, so the run fails and compensates it as uncertain: " + Text.describe(t), t);
        }
    }

    private void taskEnded(Node<I> node, TaskOutcome outcome, Throwable failure) {
        Journal.Entry entry = journal;
        if (entry != null && outcome != TaskOutcome.SUCCEEDED) {
            record("recording the end of task '" + Text.name(node.name) + "'", () -> entry.taskEnded(node.key, outcome, failure));
        }
        if (GraphListeners.none()) {
            return;
        }
        int i = node.index;
        GraphListener.TaskEnded event = new GraphListener.TaskEnded(graph.name, node.name, outcome,
                Duration.ofNanos(endNanos[i] - startNanos[i]), Optional.ofNullable(failure));
        GraphListeners.each("onTaskEnded", l -> l.onTaskEnded(event));
    }

    /**
     * Runs the task's function through its policy, inside its own timeout if it has one, and falls back
     * around all of that if it has a fallback (so a task cut by its own timeout falls back too). The
     * timeout is a scope of Skein's plumbing named after the task.
     */
    private Object invoke(Node<I> node, Inputs inputs) throws Exception {
        Duration timeout = node.options.timeout;
        return node.withFallback(timeout == null ? () -> node.callThroughPolicy(inputs)
                : () -> Plumbing.callWithTimeout(node.name, timeout, () -> node.callThroughPolicy(inputs)), inputs);
    }

    /** Starts each dependent whose last dependency this was. */
    private void release(Node<I> node) {
        for (int d : node.dependents) {
            if (waitingFor.decrementAndGet(d) == 0) {
                branches[d] = scope.fork(graph.nodes.get(d).name, () -> runTask(d));
            }
        }
    }

    static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new UndeclaredThrowableException(t);
    }

    private void settleOutcomes() {
        for (int i = 0; i < outcomes.length; i++) {
            Branch<?> branch = branches[i];
            if (!started[i] || skippedByCondition[i]) {
                outcomes[i] = TaskOutcome.SKIPPED;
            } else if (optionalFailures[i] != null) {
                outcomes[i] = TaskOutcome.FAILED;
                failures[i] = optionalFailures[i];
            } else {
                switch (branch.state()) {
                    case SUCCEEDED -> outcomes[i] = TaskOutcome.SUCCEEDED;
                    case FAILED -> {
                        outcomes[i] = TaskOutcome.FAILED;
                        failures[i] = branch.failureNow();
                    }
                    default -> outcomes[i] = TaskOutcome.CANCELLED;
                }
            }
        }
    }

    private static RunOutcome runOutcome(InterruptedException interrupted, Throwable stopped) {
        if (interrupted != null) {
            return RunOutcome.CANCELLED;
        }
        return switch (stopped) {
            case DeadlineExceededException d -> RunOutcome.DEADLINE_EXCEEDED;
            case CancelledException c -> RunOutcome.CANCELLED;
            case null -> RunOutcome.CANCELLED; // join returned, yet tasks were cut: cancelled on request
            default -> RunOutcome.FAILED;
        };
    }

    /** {@return whether every task succeeded, was skipped by its condition, or was optional and failed} */
    private boolean everyTaskSettled() {
        for (int i = 0; i < outcomes.length; i++) {
            boolean settled = switch (outcomes[i]) {
                case SUCCEEDED -> true;
                case SKIPPED -> skippedByCondition[i];
                case FAILED -> optionalFailures[i] != null;
                default -> false;
            };
            if (!settled) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return why the run stopped} The first task failure, the scope's cancellation or deadline; for an
     * interrupted caller a {@code CancelledException} (OWNER_INTERRUPTED), since the
     * {@code InterruptedException} itself is what the caller gets.
     */
    private Throwable runFailure(Throwable stopped) {
        if (stopped instanceof BranchFailedException b) {
            return b.getCause();
        }
        if (stopped != null) {
            return stopped;
        }
        Cancellation why = scope.context().cancellation()
                .orElse(new Cancellation(CancellationReason.REQUESTED, graph.name, null));
        return new CancelledException(why);
    }

    /** {@return what a compensation of an unsuccessful task is told about why it did not succeed} */
    Throwable whyNotSucceeded(int i) {
        if (failures[i] != null) {
            return failures[i];
        }
        Optional<Cancellation> why = branches[i].cancellation();
        return new CancelledException(why.orElse(new Cancellation(CancellationReason.REQUESTED, graph.name, null)));
    }

    TaskInputs<I> inputsOf(int i) {
        return new Inputs(graph.nodes.get(i));
    }

    private boolean hasValue(int i) {
        return started[i] && !skippedByCondition[i] && optionalFailures[i] == null;
    }

    /** The inputs of one task: the run's input and its dependencies' results, checked against its keys. */
    private final class Inputs implements TaskInputs<I> {

        private final Node<I> node;

        Inputs(Node<I> node) {
            this.node = node;
        }

        @Override
        public I input() {
            return input;
        }

        @Override
        public <T> T get(TaskKey<T> key) {
            int d = dependencyIndex(key);
            if (!hasValue(d)) {
                String why = optionalFailures[d] != null
                        ? "it is optional and failed (" + Text.describe(optionalFailures[d]) + ")"
                        : "it was skipped";
                throw new IllegalStateException("task '" + Text.name(node.name) + "' reads '" + Text.name(key.name())
                        + "', which has no result: " + why + "; read it with find(...) to handle its absence");
            }
            return key.type().cast(values[d]);
        }

        @Override
        public <T> Optional<T> find(TaskKey<T> key) {
            int d = dependencyIndex(key);
            return hasValue(d) ? Optional.ofNullable(key.type().cast(values[d])) : Optional.empty();
        }

        private int dependencyIndex(TaskKey<?> key) {
            Integer d = graph.indexByName.get(key.name());
            if (d == null || Arrays.binarySearch(node.dependencies, d) < 0) {
                throw new IllegalArgumentException("task '" + Text.name(node.name) + "' reads '" + Text.name(key.name())
                        + "', which is not one of its dependencies " + node.declaredDependencies.stream()
                                .limit(20).map(k -> Text.name(k.name())).toList()
                        + ": add it to the tasks '" + Text.name(node.name) + "' runs after");
            }
            Class<?> produced = graph.nodes.get(d).key.type();
            if (!key.type().isAssignableFrom(produced)) {
                throw new IllegalArgumentException("task '" + Text.name(node.name) + "' reads '" + Text.name(key.name()) + "' as "
                        + key.type().getName() + ", but it produces " + produced.getName());
            }
            return d;
        }
    }
}
