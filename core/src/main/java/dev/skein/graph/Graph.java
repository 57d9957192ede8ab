package dev.skein.graph;

import dev.skein.GraphDefinitionException;
import dev.skein.GraphFailedException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.scope.ScopeConfig;
import dev.skein.internal.Current;
import dev.skein.internal.Telemetry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A declared set of tasks with dependencies, built once and run any number of times, concurrently.
 * {@snippet :
 * static final TaskKey<Order> CREATE_ORDER = TaskKey.of("create order", Order.class);
 * static final TaskKey<Reservation> RESERVE_STOCK = TaskKey.of("reserve stock", Reservation.class);
 * static final TaskKey<Payment> AUTHORISE_PAYMENT = TaskKey.of("authorise payment", Payment.class);
 * static final TaskKey<Confirmation> CONFIRM = TaskKey.of("confirm order", Confirmation.class);
 *
 * Graph<OrderRequest> placeOrder = Graph.builder("place order", OrderRequest.class)
 *     .task(CREATE_ORDER, in -> orders.create(in.input()),
 *           task -> task.withCompensation(orders::cancel))
 *     .task(RESERVE_STOCK, List.of(CREATE_ORDER), in -> inventory.reserve(in.get(CREATE_ORDER)),
 *           task -> task.withCompensation(inventory::release))
 *     .task(AUTHORISE_PAYMENT, List.of(CREATE_ORDER), in -> payments.authorise(in.get(CREATE_ORDER)),
 *           task -> task.withTimeout(Duration.ofSeconds(2)).withCompensation(payments::refund))
 *     .task(CONFIRM, List.of(RESERVE_STOCK, AUTHORISE_PAYMENT),
 *           in -> orders.confirm(in.get(RESERVE_STOCK), in.get(AUTHORISE_PAYMENT)))
 *     .scope(cfg -> cfg.withTimeout(Duration.ofSeconds(5)))
 *     .build();
 *
 * Confirmation confirmation = placeOrder.run(request).get(CONFIRM);
 * }
 *
 * <h2>A run</h2>
 * A run is a {@link dev.skein.scope.Scope} named after the graph, and every task a branch of it, on its
 * own virtual thread. Opened inside a branch, the run nests under it and inherits its deadline and
 * cancellation. A task starts the moment its last dependency has settled (succeeded, been skipped, or,
 * if optional, failed), not level by level.
 * <pre>
 * task:  waiting --(dependencies settled)--> running --+--> SUCCEEDED --(run fails)--> COMPENSATED
 *           |                                          |                          \--> COMPENSATION_FAILED
 *           |                                          |                          (COMPENSATING while it goes on after an interrupted caller left)
 *           |                                          +--> FAILED    (uncertain compensation: as above)
 *           |                                          +--> CANCELLED (uncertain compensation: as above)
 *           \--(condition false, or the run stopped)-----> SKIPPED
 * </pre>
 * The first failure of a task that is not optional cancels the tasks still running and skips those not
 * started. Then, for any outcome but success (a failure, cancellation, the deadline, an interrupt of the
 * caller), the compensations run: see {@link TaskOptions#withCompensation}. They run in reverse
 * dependency order, independent ones in parallel, each at most once, each attempt bounded by its
 * compensation timeout and retried up to its compensation retries, in a detached section that the run's
 * cancellation and expired deadline cannot cut short, and that an interrupt of the caller does not stop
 * either: the caller then stops waiting, the compensations go on to their end. A compensation that keeps
 * failing is recorded; the ones it depends on still run.
 *
 * @implSpec Immutable and thread-safe. Memory consistency: everything a task did happens-before the tasks
 * that depend on it start, before its compensation runs, and before the run returns.
 * @param <I> the type of the graph's input
 */
public final class Graph<I> {

    final String name;
    private final Class<I> inputType;
    final List<Node<I>> nodes;
    final Map<String, Integer> indexByName;
    final int[] roots;
    final UnaryOperator<ScopeConfig> scopeConfig;
    /** Whether runs make spans; compensations, which run detached, follow it. */
    final boolean tracing;
    /** Records the runs of a durable graph; null for an ordinary one. */
    final Journal journal;

    private Graph(Builder<I> builder, List<Node<I>> nodes) {
        this.name = builder.name;
        this.inputType = builder.inputType;
        this.nodes = List.copyOf(nodes);
        this.scopeConfig = builder.scopeConfig;
        this.tracing = builder.scopeConfig.apply(ScopeConfig.defaults()).tracing();
        this.journal = builder.journal;
        Map<String, Integer> index = new HashMap<>();
        for (Node<I> node : nodes) {
            index.put(node.name, node.index);
        }
        this.indexByName = Map.copyOf(index);
        List<List<Integer>> dependents = new ArrayList<>();
        nodes.forEach(n -> dependents.add(new ArrayList<>()));
        List<Integer> rootList = new ArrayList<>();
        for (Node<I> node : nodes) {
            LinkedHashSet<Integer> deps = new LinkedHashSet<>();
            node.declaredDependencies.forEach(k -> deps.add(index.get(k.name())));
            node.dependencies = deps.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int d : node.dependencies) {
                dependents.get(d).add(node.index);
            }
            if (node.dependencies.length == 0) {
                rootList.add(node.index);
            }
        }
        for (Node<I> node : nodes) {
            node.dependents = dependents.get(node.index).stream().mapToInt(Integer::intValue).toArray();
        }
        this.roots = rootList.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@return a builder for a graph called {@code name} whose runs take an {@code inputType}} */
    public static <I> Builder<I> builder(String name, Class<I> inputType) {
        return new Builder<>(name, inputType);
    }

    /** {@return the graph's name, which is also the name of each run's scope} */
    public String name() {
        return name;
    }

    /** {@return the type of the input a run takes} */
    public Class<I> inputType() {
        return inputType;
    }

    /** {@return the keys of the tasks, in the order they were declared} */
    public List<TaskKey<?>> tasks() {
        return nodes.stream().<TaskKey<?>>map(n -> n.key).toList();
    }

    /**
     * {@return the tasks {@code task} runs after, each once, in the order the graph declares its tasks}
     * @throws IllegalArgumentException if the graph has no such task
     */
    public List<TaskKey<?>> dependenciesOf(TaskKey<?> task) {
        Objects.requireNonNull(task, "task");
        Integer index = indexByName.get(task.name());
        if (index == null) {
            throw new IllegalArgumentException("graph '" + name + "' has no task '" + task.name() + "'; its tasks are "
                    + nodes.stream().map(n -> n.name).toList());
        }
        List<TaskKey<?>> dependencies = new ArrayList<>();
        for (int d : nodes.get(index).dependencies) {
            dependencies.add(nodes.get(d).key);
        }
        return List.copyOf(dependencies);
    }

    /**
     * Runs the graph on {@code input} and waits for the end, compensations included.
     * {@return the report of a run that succeeded}
     * @throws GraphFailedException if the run did not succeed; it carries the report
     * @throws InterruptedException if the caller was interrupted: the run was cancelled and compensated,
     * and a {@code GraphFailedException} with the report is attached as suppressed. Interrupted while
     * compensating, the caller returns at once: the compensations not yet ended are
     * {@link TaskOutcome#COMPENSATING} in that report, go on to their end, and the final report goes to
     * {@link GraphListener#onRunEnded}
     */
    public RunReport run(I input) throws InterruptedException {
        RunReport report = new GraphRun<>(this, input).execute();
        if (!report.succeeded()) {
            throw new GraphFailedException(report);
        }
        return report;
    }

    /**
     * Like {@link #run}, but returns the report whatever the outcome, for callers that branch on
     * {@link RunReport#outcome()} rather than catch. {@return the report}
     * @throws InterruptedException as {@link #run} does
     */
    public RunReport runForReport(I input) throws InterruptedException {
        return new GraphRun<>(this, input).execute();
    }

    /**
     * {@return a {@link Uni} that runs the graph on {@code input} when subscribed to} The run goes on a
     * virtual thread of its own, in the subscriber's OpenTelemetry context (and MDC). Subscribed to inside
     * a branch, the run nests under that branch, as {@link #run} called there would: it has the branch's
     * deadline and is cancelled with it (so {@code await().indefinitely()}, which ignores interrupts, still
     * returns when the branch is cancelled), and a branch that ends before the run has, fails as for any
     * scope it leaves open, after Skein has cancelled the run and waited for it. Elsewhere the run is a root
     * scope. The {@code Uni} emits the report of a run that succeeded and fails with a
     * {@link GraphFailedException} otherwise; cancelling the subscription cancels the run (whose
     * compensations still run to their end). Each subscription starts a new run.
     */
    public Uni<RunReport> runAsUni(I input) {
        return Uni.createFrom().emitter(emitter -> {
            GraphRun<I> run = new GraphRun<>(this, input);
            emitter.onTermination(run::cancel);
            Object subscriber = Current.enclosingBranch();
            Thread.ofVirtual().name("skein-graph").start(Telemetry.wrap(() -> {
                try {
                    RunReport report = Current.callInside(subscriber, run::execute);
                    if (report.succeeded()) {
                        emitter.complete(report);
                    } else {
                        emitter.fail(new GraphFailedException(report));
                    }
                } catch (Throwable t) {
                    emitter.fail(t);
                }
            }));
        });
    }

    /** {@return the journal that records this durable graph's runs, if it has one} */
    public Optional<Journal> journal() {
        return Optional.ofNullable(journal);
    }

    /**
     * Compensates a run of this graph that another instance started and could not finish (it was killed,
     * its node lost), from what the journal recorded of it: each task recorded as succeeded by its
     * compensation with its recorded result, each task that started and did not succeed (or has no recorded
     * end) by its uncertain compensation, given an {@link dev.skein.OwnerLostException}; tasks recorded as
     * compensated are not undone again. As for any run, in reverse dependency order, detached, with retries;
     * each compensation's end goes to {@code entry} and the run's end to {@code entry} and the listeners.
     * Called by whatever detects that a run's owner is gone (the module {@code skein-durable} does it).
     * {@return the report, outcome {@link RunOutcome#OWNER_LOST}} If the calling thread is interrupted
     * meanwhile, it returns at once with the interrupt flag set, and the compensations go on to their end.
     * @throws IllegalArgumentException if the record names tasks this graph does not declare, or a result of
     * another type than its task's: the graph changed since the run started
     */
    public RunReport recover(Journal.RecordedRun<I> recorded, Journal.Entry entry) {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(entry, "entry");
        return GraphRun.recorded(this, recorded, entry).recover();
    }

    /**
     * Registers {@code listener} for the runs of every graph, from now on. {@return what removes it}
     * @see GraphListener
     */
    public static Diagnostics.Registration addListener(GraphListener listener) {
        Objects.requireNonNull(listener, "listener");
        GraphListeners.ALL.add(listener);
        return () -> GraphListeners.ALL.remove(listener);
    }

    /** {@return the graph as a Mermaid flowchart, arrows from each task to those that run after it} */
    public String toMermaid() {
        return Pictures.mermaid(this);
    }

    /** {@return the graph in Graphviz DOT, arrows from each task to those that run after it} */
    public String toDot() {
        return Pictures.dot(this);
    }

    @Override
    public String toString() {
        return "graph '" + name + "' (" + nodes.size() + " tasks)";
    }

    /**
     * Declares the tasks of a graph. Declarations are checked together by {@link #build()}, so one
     * {@link GraphDefinitionException} lists every problem. Not thread-safe; the graph it builds is.
     *
     * @param <I> the type of the graph's input
     */
    public static final class Builder<I> {

        /** Compensation attempts after the first, unless configured. */
        public static final int DEFAULT_COMPENSATION_RETRIES = 2;
        /** The bound on each compensation attempt, unless configured. */
        public static final Duration DEFAULT_COMPENSATION_TIMEOUT = Duration.ofSeconds(30);
        /** The wait before the first retry of a failed compensation, unless configured. */
        public static final Duration DEFAULT_COMPENSATION_BACKOFF = Duration.ofMillis(100);
        /** The longest wait between retries of a failed compensation, unless configured. */
        public static final Duration DEFAULT_COMPENSATION_MAX_BACKOFF = Duration.ofSeconds(10);

        private final String name;
        private final Class<I> inputType;
        private final List<Declared<I>> declared = new ArrayList<>();
        private UnaryOperator<ScopeConfig> scopeConfig = UnaryOperator.identity();
        private int compensationRetries = DEFAULT_COMPENSATION_RETRIES;
        private Duration compensationTimeout = DEFAULT_COMPENSATION_TIMEOUT;
        private Duration compensationBackoff = DEFAULT_COMPENSATION_BACKOFF;
        private Duration compensationMaxBackoff = DEFAULT_COMPENSATION_MAX_BACKOFF;
        private Journal journal;

        private record Declared<I>(TaskKey<?> key, List<TaskKey<?>> after, TaskFunction<I, ?> function,
                TaskOptions<I, ?> options) {
        }

        private Builder(String name, Class<I> inputType) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("graph name must not be blank");
            }
            this.name = name;
            this.inputType = Objects.requireNonNull(inputType, "inputType");
        }

        /** Declares a task that depends on nothing: it starts as soon as the run does. {@return this} */
        public <T> Builder<I> task(TaskKey<T> key, TaskFunction<I, ? extends T> function) {
            return task(key, List.of(), function, UnaryOperator.identity());
        }

        /** Declares a task that depends on nothing, with options. {@return this} */
        public <T> Builder<I> task(TaskKey<T> key, TaskFunction<I, ? extends T> function,
                UnaryOperator<TaskOptions<I, T>> options) {
            return task(key, List.of(), function, options);
        }

        /** Declares a task that runs after the tasks {@code after} name. {@return this} */
        public <T> Builder<I> task(TaskKey<T> key, List<? extends TaskKey<?>> after,
                TaskFunction<I, ? extends T> function) {
            return task(key, after, function, UnaryOperator.identity());
        }

        /**
         * Declares a task that runs after the tasks {@code after} name, with options.
         * @param key the task's name and result type
         * @param after the tasks whose results it needs (or that must simply end first)
         * @param function its work
         * @param options its options, from the defaults: e.g. {@code t -> t.withTimeout(..).withCompensation(..)}
         * {@return this}
         */
        public <T> Builder<I> task(TaskKey<T> key, List<? extends TaskKey<?>> after,
                TaskFunction<I, ? extends T> function, UnaryOperator<TaskOptions<I, T>> options) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(options, "options");
            TaskOptions<I, T> configured = Objects.requireNonNull(options.apply(TaskOptions.defaults()),
                    "the options function of task '" + key.name() + "' returned null");
            List<TaskKey<?>> dependencies = List.copyOf(after);
            declared.add(new Declared<>(key, dependencies, function, configured));
            return this;
        }

        /**
         * Configures the scope every run opens: a timeout, context values, the grace for stuck tasks; its
         * name is the graph's. Applied after earlier calls. A concurrency cap is refused by
         * {@link #build()}: tasks start their dependents from their own threads, so a cap could deadlock.
         * {@return this}
         */
        public Builder<I> scope(UnaryOperator<ScopeConfig> configure) {
            Objects.requireNonNull(configure, "configure");
            UnaryOperator<ScopeConfig> earlier = scopeConfig;
            this.scopeConfig = cfg -> Objects.requireNonNull(configure.apply(earlier.apply(cfg)),
                    "the scope configuration of graph '" + name + "' returned null");
            return this;
        }

        /**
         * Sets how often a failing compensation is retried, for tasks that do not set it themselves
         * (default {@value #DEFAULT_COMPENSATION_RETRIES}). {@return this}
         */
        public Builder<I> compensationRetries(int retries) {
            TaskOptions.requireRetries(retries);
            this.compensationRetries = retries;
            return this;
        }

        /** Sets the bound on each compensation attempt, for tasks that do not set it (default 30 s). {@return this} */
        public Builder<I> compensationTimeout(Duration timeout) {
            TaskOptions.requirePositive(timeout, "compensation timeout");
            this.compensationTimeout = timeout;
            return this;
        }

        /**
         * Sets the wait between retries of a failed compensation: {@code first} before the first retry,
         * doubling after each, up to {@code max} (defaults 100 ms and 10 s). Retries are SmallRye Fault
         * Tolerance's, as for a policy's retry. {@return this}
         */
        public Builder<I> compensationBackoff(Duration first, Duration max) {
            TaskOptions.requirePositive(first, "compensation backoff");
            TaskOptions.requirePositive(max, "compensation max backoff");
            if (first.toMillis() < 1) {
                throw new IllegalArgumentException("compensation backoff must be at least 1 ms (SmallRye counts in "
                        + "milliseconds), was " + first);
            }
            if (first.compareTo(max) >= 0) {
                throw new IllegalArgumentException("compensation backoff " + first + " must be shorter than its maximum " + max);
            }
            if (max.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("compensation max backoff must be at most an hour, was " + max);
            }
            this.compensationBackoff = first;
            this.compensationMaxBackoff = max;
            return this;
        }

        /**
         * Makes the graph durable: {@code journal} records each run, each task before it starts and after it
         * ends, and each compensation, so that when this instance dies mid-run another can compensate the
         * run ({@link Graph#recover}). Task results and the input must be what the journal can store (the
         * module {@code skein-durable} writes them as JSON), and compensations must be idempotent: a
         * compensation cut short by a crash runs again. See {@link Journal} for what a failed write does.
         * {@return this}
         */
        public Builder<I> journal(Journal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * {@return the graph}
         * @throws GraphDefinitionException listing every problem: cycles (one example path per group of tasks in a loop), missing
         * dependencies, duplicate names, type mismatches, no tasks at all, an uncertain compensation
         * without a compensation, a concurrency cap on the run's scope
         */
        public Graph<I> build() {
            List<Node<I>> nodes = new ArrayList<>();
            for (Declared<I> d : declared) {
                nodes.add(new Node<>(nodes.size(), d.key(), d.function(), d.options(), d.after(),
                        compensationRetries, compensationTimeout, compensationBackoff, compensationMaxBackoff));
            }
            List<String> problems = Validation.problems(name, nodes, scopeConfig.apply(ScopeConfig.defaults()));
            if (!problems.isEmpty()) {
                throw new GraphDefinitionException(name, problems);
            }
            return new Graph<>(this, nodes);
        }
    }
}
