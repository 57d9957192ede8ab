package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.diagnostics.Diagnostics;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random DAGs whose tasks succeed, fail, block until cancelled, time out, are optional or skipped, and
 * whose compensations succeed, fail or hang for a while, with or without a run deadline. For every run:
 * it ends; every task reaches a terminal outcome; no task starts before its dependencies end; exactly
 * the tasks that should be compensated are, each once, never before the compensation of a task that
 * depends on it; no thread outlives the run and no scope stays live. In a third of the runs the caller is
 * interrupted during the compensations (at a seeded attempt): it returns, and the compensations still run
 * to their end, the run's end reported once, to the listeners. Each seed reproduces its graph; run
 * more with {@code -Dskein.randomGraphs=N}. (Seeded JUnit rather than jqwik: see docs/graphs.md.)
 */
class RandomGraphTest {

    static LongStream seeds() {
        return LongStream.range(0, Long.getLong("skein.randomGraphs", 150));
    }

    enum Kind { SUCCEED, SUCCEED_SLOWLY, FAIL, BLOCK, TIME_OUT }

    /** What a task will do: decided from the seed before the run. */
    record Plan(Kind kind, boolean optional, boolean skipped, boolean compensation, boolean uncertain,
            int compensationFailures, boolean compensationHangs, int retries, List<Integer> dependencies) {
    }

    static final class Planned extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Planned(String where) {
            super("planned failure of " + where, null, false, false);
        }
    }

    /** What the run did, written from every thread: sequence numbers order events across threads. */
    static final class Trace {
        final AtomicLong clock = new AtomicLong();
        final AtomicLongArray bodyStart;
        final AtomicLongArray bodyEnd;
        /** 1 once the task's body returned normally. */
        final AtomicLongArray returned;
        final AtomicLongArray compensationFirstStart;
        final AtomicLongArray compensationLastEnd;
        final AtomicInteger[] compensationAttempts;
        final AtomicInteger[] compensationSuccesses;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        /** Every compensation attempt of the run, counted to interrupt the caller at one of them. */
        final AtomicInteger allAttempts = new AtomicInteger();
        volatile int interruptCallerAtAttempt;
        volatile Thread caller;

        Trace(int n) {
            bodyStart = new AtomicLongArray(n);
            bodyEnd = new AtomicLongArray(n);
            returned = new AtomicLongArray(n);
            compensationFirstStart = new AtomicLongArray(n);
            compensationLastEnd = new AtomicLongArray(n);
            compensationAttempts = new AtomicInteger[n];
            compensationSuccesses = new AtomicInteger[n];
            for (int i = 0; i < n; i++) {
                compensationAttempts[i] = new AtomicInteger();
                compensationSuccesses[i] = new AtomicInteger();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRandomRunEndsCleanlyAndCompensatesExactlyWhatItShould(long seed) throws Exception {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(30);
        boolean deadline = random.nextBoolean();
        double edgeChance = 0.05 + random.nextDouble() * 0.3;
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> dependencies = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextDouble() < edgeChance) {
                    dependencies.add(j);
                }
            }
            Kind kind = switch (random.nextInt(12)) {
                case 0, 1 -> Kind.SUCCEED_SLOWLY;
                case 2 -> Kind.FAIL;
                case 3 -> deadline ? Kind.BLOCK : Kind.SUCCEED;
                case 4 -> Kind.TIME_OUT;
                default -> Kind.SUCCEED;
            };
            boolean compensation = random.nextInt(2) == 0;
            plans.add(new Plan(kind, random.nextInt(8) == 0, random.nextInt(10) == 0, compensation,
                    compensation && random.nextInt(3) == 0, compensation && random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0,
                    random.nextInt(3) == 0, random.nextInt(3), dependencies));
        }
        List<Integer> declarationOrder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            declarationOrder.add(i);
        }
        Collections.shuffle(declarationOrder, random); // declaration order must not matter
        String name = "random-graph-" + seed;
        Trace trace = new Trace(n);
        Graph<Void> graph = build(name, plans, declarationOrder, trace, deadline ? 20 + random.nextInt(60) : 0);

        trace.interruptCallerAtAttempt = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;

        AtomicReference<RunReport> reported = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<RunReport> ended = Collections.synchronizedList(new ArrayList<>());
        RunReport report;
        try (var listening = Graph.addListener(new GraphListener() {
            @Override
            public void onRunEnded(RunReport r) {
                if (r.graphName().equals(name)) {
                    ended.add(r);
                }
            }
        })) {
            Thread caller = Thread.ofVirtual().unstarted(() -> {
                try {
                    reported.set(graph.runForReport(null));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            trace.caller = caller;
            caller.start();
            if (!caller.join(Duration.ofSeconds(30))) {
                throw new AssertionError("seed " + seed + ": the run did not end; live tree:\n" + Diagnostics.dumpText());
            }
            if (thrown.get() instanceof InterruptedException interrupted) { // the caller left while compensating
                assertThat(trace.interruptCallerAtAttempt).as("seed %d: interrupted", seed).isPositive();
                assertThat(interrupted.getSuppressed()).as("seed %d", seed).hasSize(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> !ended.isEmpty());
                report = ended.getFirst();
            } else {
                assertThat(thrown.get()).as("seed %d: runForReport threw", seed).isNull();
                report = reported.get();
                assertThat(ended).as("seed %d: the run's end reported", seed).containsExactly(report);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> trace.threads.stream().noneMatch(Thread::isAlive));
            assertThat(ended).as("seed %d: the run's end reported once", seed).hasSize(1);
        }
        String context = "seed " + seed + ", plans " + plans + "\n" + report;

        for (int i = 0; i < n; i++) {
            TaskReport task = report.task("t" + i);
            assertThat(task.outcome()).as(context).isNotNull().isNotEqualTo(TaskOutcome.COMPENSATING);
            if (trace.bodyStart.get(i) != 0) {
                for (int d : plans.get(i).dependencies()) {
                    if (trace.bodyStart.get(d) == 0) {
                        continue; // skipped by its condition
                    }
                    assertThat(trace.bodyEnd.get(d)).as("%s\nt%d started after its dependency t%d ended", context, i, d)
                            .isBetween(1L, trace.bodyStart.get(i));
                }
            }
            assertThat(trace.compensationSuccesses[i].get()).as("%s\nt%d compensated at most once", context, i)
                    .isLessThanOrEqualTo(1);
        }

        if (report.outcome() == RunOutcome.SUCCEEDED) {
            for (int i = 0; i < n; i++) {
                assertThat(trace.compensationAttempts[i].get()).as("%s\nnothing undone after success", context).isZero();
                assertThat(report.task("t" + i).outcome()).as(context)
                        .isIn(TaskOutcome.SUCCEEDED, TaskOutcome.SKIPPED, TaskOutcome.FAILED);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            Plan plan = plans.get(i);
            TaskReport task = report.task("t" + i);
            boolean compensated = EnumSet.of(TaskOutcome.COMPENSATED, TaskOutcome.COMPENSATION_FAILED).contains(task.outcome());
            switch (task.outcome()) {
                case SUCCEEDED -> assertThat(plan.compensation()).as("%s\nt%d succeeded in a failed run, so had nothing to undo", context, i).isFalse();
                case FAILED, CANCELLED -> assertThat(plan.uncertain()).as("%s\nt%d did not succeed, so had no uncertain compensation", context, i).isFalse();
                case COMPENSATED, COMPENSATION_FAILED -> assertThat(trace.returned.get(i) == 1 ? plan.compensation() : plan.uncertain())
                        .as("%s\nt%d was undone by the compensation for how it ended", context, i).isTrue();
                case SKIPPED -> assertThat(trace.returned.get(i)).as(context).isZero();
            }
            assertThat(trace.compensationAttempts[i].get()).as("%s\nt%d attempts", context, i)
                    .isEqualTo(compensated ? task.compensationAttempts() : 0);
            if (task.outcome() == TaskOutcome.COMPENSATED) {
                assertThat(trace.compensationSuccesses[i].get()).as(context).isEqualTo(1);
            }
            if (task.outcome() == TaskOutcome.COMPENSATION_FAILED) {
                assertThat(task.compensationAttempts()).as(context).isEqualTo(plan.retries() + 1);
            }
        }
        List<Set<Integer>> downstream = downstream(plans);
        for (int x = 0; x < n; x++) {
            if (trace.compensationAttempts[x].get() == 0) {
                continue;
            }
            for (int y : downstream.get(x)) {
                if (trace.compensationAttempts[y].get() > 0) {
                    assertThat(trace.compensationLastEnd.get(y))
                            .as("%s\nt%d (depends on t%d) undone before t%d", context, y, x, x)
                            .isLessThan(trace.compensationFirstStart.get(x));
                }
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> trace.threads.stream().noneMatch(Thread::isAlive));
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().startsWith(name));
    }

    private static Graph<Void> build(String name, List<Plan> plans, List<Integer> order, Trace trace, int deadlineMillis) {
        List<TaskKey<Integer>> keys = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            keys.add(TaskKey.of("t" + i, Integer.class));
        }
        var builder = Graph.builder(name, Void.class).compensationBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
        for (int i : order) {
            Plan plan = plans.get(i);
            List<TaskKey<?>> after = plan.dependencies().stream().<TaskKey<?>>map(keys::get).toList();
            builder.task(keys.get(i), after, in -> {
                trace.threads.add(Thread.currentThread());
                trace.bodyStart.set(i, trace.clock.incrementAndGet());
                try {
                    for (TaskKey<?> dependency : after) {
                        in.find(dependency); // reading a settled dependency never fails
                    }
                    switch (plan.kind()) {
                        case SUCCEED_SLOWLY -> Thread.sleep(1 + i % 5); // work, not synchronisation
                        case FAIL -> throw new Planned("t" + i);
                        case BLOCK, TIME_OUT -> Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                        default -> { }
                    }
                    trace.returned.set(i, 1);
                    return i;
                } finally {
                    trace.bodyEnd.set(i, trace.clock.incrementAndGet());
                }
            }, t -> options(t, i, plan, trace));
        }
        if (deadlineMillis > 0) {
            builder.scope(cfg -> cfg.withTimeout(Duration.ofMillis(deadlineMillis)));
        }
        return builder.compensationTimeout(Duration.ofMillis(20)).build();
    }

    private static TaskOptions<Void, Integer> options(TaskOptions<Void, Integer> t, int i, Plan plan, Trace trace) {
        if (plan.optional()) {
            t = t.asOptional();
        }
        if (plan.skipped()) {
            t = t.onlyIf(in -> false);
        }
        if (plan.kind() == Kind.TIME_OUT) {
            t = t.withTimeout(Duration.ofMillis(5 + i % 20));
        }
        t = t.withCompensationRetries(plan.retries());
        if (plan.compensation()) {
            t = t.withCompensation(result -> compensate(i, plan, trace));
        }
        if (plan.uncertain()) {
            t = t.withUncertainCompensation((in, failure) -> compensate(i, plan, trace));
        }
        return t;
    }

    private static void compensate(int i, Plan plan, Trace trace) throws InterruptedException {
        trace.threads.add(Thread.currentThread());
        long start = trace.clock.incrementAndGet();
        trace.compensationFirstStart.compareAndSet(i, 0, start);
        int attempt = trace.compensationAttempts[i].incrementAndGet();
        if (trace.allAttempts.incrementAndGet() == trace.interruptCallerAtAttempt) {
            trace.caller.interrupt(); // while it waits for the compensations
        }
        try {
            if (attempt <= plan.compensationFailures()) {
                if (plan.compensationHangs()) {
                    Thread.sleep(Duration.ofMinutes(5)); // its compensation timeout ends it
                }
                throw new Planned("compensation of t" + i);
            }
            trace.compensationSuccesses[i].incrementAndGet();
        } finally {
            trace.compensationLastEnd.set(i, trace.clock.incrementAndGet());
        }
    }

    /** {@return for each task, every task that depends on it, directly or not} */
    private static List<Set<Integer>> downstream(List<Plan> plans) {
        List<Set<Integer>> result = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            result.add(new java.util.HashSet<>());
        }
        for (int i = plans.size() - 1; i >= 0; i--) { // dependencies point to lower indices
            for (int j = i + 1; j < plans.size(); j++) {
                if (plans.get(j).dependencies().contains(i)) {
                    result.get(i).add(j);
                    result.get(i).addAll(result.get(j));
                }
            }
        }
        return result;
    }
}
