package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.OwnerLostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An owner dies mid-run, and another instance recovers the run from its journal: random DAGs of 3 to 8
 * tasks, each with a compensation and an uncertain compensation. The record comes either from a real run
 * whose journal is read back while one of its tasks hangs (the moment of the kill; the run is then cut
 * without compensating, its graph having nothing to undo), or is a random consistent prefix of a run:
 * tasks started once their dependencies succeeded, some ended, some failed, and some already compensated
 * in reverse dependency order. For every record, {@link Graph#recover} on a fresh graph: every recorded
 * success is compensated exactly once with its recorded result, every task started without a success by
 * its uncertain compensation exactly once (given an {@link OwnerLostException} naming it, and its
 * dependencies' recorded results), nothing else; a task's compensation starts after those of every task
 * depending on it have ended; each compensation's end and the run's end go to the entry. Each seed
 * reproduces its case; run more with {@code -Dskein.randomRecoveries=N}.
 */
class RandomRecoveryTest {

    static LongStream seeds() {
        return LongStream.range(0, Long.getLong("skein.randomRecoveries", 200));
    }

    /** What the recovering instance did, from every thread: sequence numbers order events across threads. */
    static final class Trace {
        final AtomicLong clock = new AtomicLong();
        final AtomicIntegerArray compensations;
        final AtomicIntegerArray uncertainCompensations;
        final AtomicReferenceArray<Object> compensatedResult;
        final AtomicLongArray start;
        final AtomicLongArray end;
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        Trace(int n) {
            compensations = new AtomicIntegerArray(n);
            uncertainCompensations = new AtomicIntegerArray(n);
            compensatedResult = new AtomicReferenceArray<>(n);
            start = new AtomicLongArray(n);
            end = new AtomicLongArray(n);
        }
    }

    static int result(int task) {
        return 1000 + task;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRecoveredRunUndoesExactlyWhatTheJournalSawInReverseDependencyOrder(long seed) throws Exception {
        Random random = new Random(seed);
        int n = 3 + random.nextInt(6);
        List<List<Integer>> dependencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> after = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    after.add(j);
                }
            }
            dependencies.add(after);
        }
        boolean killed = random.nextBoolean();
        Journal.RecordedRun<Long> recorded = killed ? killedRun(seed, random, dependencies)
                : syntheticRun(seed, random, dependencies);
        String context = "seed " + seed + (killed ? ", killed run" : ", synthetic record") + ", dependencies "
                + dependencies + ", record " + new TreeMap<>(recorded.tasks());
        for (var task : recorded.tasks().entrySet()) { // a consistent record: what started had its dependencies done
            if (task.getValue().outcome() != TaskOutcome.COMPENSATED) {
                for (int d : dependencies.get(Integer.parseInt(task.getKey().substring(1)))) {
                    assertThat(recorded.tasks().get("t" + d)).as("%s: t%d recorded", context, d).isNotNull()
                            .extracting(Journal.RecordedTask::outcome).isIn(TaskOutcome.SUCCEEDED, TaskOutcome.COMPENSATED);
                }
            }
        }

        String name = "recovered-" + seed;
        Trace trace = new Trace(n);
        Graph<Long> fresh = recovering(name, seed, dependencies, recorded, trace);
        RecordingJournal journal = new RecordingJournal();
        RunReport report = fresh.recover(recorded, journal.entry());
        context += "\n" + report;

        assertThat(trace.problems).as(context).isEmpty();
        assertThat(report.outcome()).as(context).isEqualTo(RunOutcome.OWNER_LOST);
        assertThat(journal.runsEnded).as(context).containsExactly(report);
        Set<String> compensatedNow = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Journal.RecordedTask task = recorded.tasks().get("t" + i);
            TaskOutcome was = task == null ? TaskOutcome.SKIPPED : task.outcome();
            boolean undo = was == TaskOutcome.SUCCEEDED;
            boolean undoUncertain = was == TaskOutcome.FAILED || was == TaskOutcome.CANCELLED;
            assertThat(trace.compensations.get(i)).as("%s\nt%d compensations", context, i).isEqualTo(undo ? 1 : 0);
            assertThat(trace.uncertainCompensations.get(i)).as("%s\nt%d uncertain compensations", context, i)
                    .isEqualTo(undoUncertain ? 1 : 0);
            if (undo) {
                assertThat(trace.compensatedResult.get(i)).as(context).isEqualTo(result(i));
            }
            if (undo || undoUncertain) {
                compensatedNow.add("t" + i);
            }
            assertThat(report.task("t" + i).outcome()).as("%s\nt%d reported", context, i)
                    .isEqualTo(was == TaskOutcome.SKIPPED ? TaskOutcome.SKIPPED : TaskOutcome.COMPENSATED);
        }
        assertThat(journal.byTask("compensation ended").keySet()).as(context).isEqualTo(compensatedNow);
        List<Set<Integer>> downstream = downstream(dependencies);
        for (int x = 0; x < n; x++) {
            if (trace.start.get(x) == 0) {
                continue;
            }
            for (int y : downstream.get(x)) {
                if (trace.start.get(y) != 0) {
                    assertThat(trace.end.get(y)).as("%s\nt%d (depends on t%d) undone before t%d", context, y, x, x)
                            .isLessThan(trace.start.get(x));
                }
            }
        }
    }

    /**
     * {@return the record of a real run, read back at the moment one of its tasks hangs} The run is then
     * cut (its caller interrupted); its graph has no compensations, so nothing is undone by it.
     */
    private static Journal.RecordedRun<Long> killedRun(long seed, Random random, List<List<Integer>> dependencies)
            throws Exception {
        int n = dependencies.size();
        int hang = random.nextInt(n);
        CountDownLatch hanging = new CountDownLatch(1);
        RecordingJournal journal = new RecordingJournal();
        var builder = Graph.builder("killed-" + seed, Long.class);
        for (int i = 0; i < n; i++) {
            int task = i;
            builder.task(TaskKey.of("t" + i, Integer.class), keys(dependencies.get(i)), in -> {
                if (task == hang) {
                    hanging.countDown();
                    new CountDownLatch(1).await(); // the owner is killed here
                }
                return result(task);
            });
        }
        Graph<Long> graph = builder.journal(journal).build();
        Thread owner = Thread.ofVirtual().start(() -> {
            try {
                graph.runForReport(seed);
            } catch (InterruptedException expected) {
                // the owner is gone
            }
        });
        assertThat(hanging.await(10, TimeUnit.SECONDS)).as("seed %d: t%d hangs", seed, hang).isTrue();
        List<RecordingJournal.Event> atTheKill = journal.log();
        owner.interrupt();
        assertThat(owner.join(Duration.ofSeconds(10))).as("seed %d: the owner stopped", seed).isTrue();
        return RecordingJournal.readBack(seed, atTheKill);
    }

    /**
     * {@return a random consistent prefix of a run's record} Tasks start once their dependencies
     * succeeded; a started task succeeds, fails (after which nothing starts) or has no end yet; then, in
     * some records, tasks are compensated from the sinks up.
     */
    private static Journal.RecordedRun<Long> syntheticRun(long seed, Random random, List<List<Integer>> dependencies) {
        int n = dependencies.size();
        TaskOutcome[] state = new TaskOutcome[n]; // null: not started; CANCELLED: started, no end yet
        boolean failed = false;
        for (int step = random.nextInt(2 * n + 1); step > 0; step--) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean startable = !failed && state[i] == null
                        && dependencies.get(i).stream().allMatch(d -> state[d] == TaskOutcome.SUCCEEDED);
                if (startable || state[i] == TaskOutcome.CANCELLED) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            int i = candidates.get(random.nextInt(candidates.size()));
            if (state[i] == null) {
                state[i] = TaskOutcome.CANCELLED;
            } else if (random.nextInt(5) == 0) {
                state[i] = TaskOutcome.FAILED;
                failed = true;
            } else {
                state[i] = TaskOutcome.SUCCEEDED;
            }
        }
        if (random.nextInt(3) == 0) { // a recovery that died too, part way: compensated from the sinks up
            for (int i = n - 1; i >= 0; i--) {
                int task = i;
                boolean dependentsUndone = true;
                for (int j = i + 1; j < n; j++) {
                    if (dependencies.get(j).contains(task) && state[j] != null && state[j] != TaskOutcome.COMPENSATED) {
                        dependentsUndone = false;
                    }
                }
                if (state[i] != null && dependentsUndone && random.nextBoolean()) {
                    state[i] = TaskOutcome.COMPENSATED;
                }
            }
        }
        Map<String, Journal.RecordedTask> tasks = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (state[i] != null) {
                tasks.put("t" + i, new Journal.RecordedTask(state[i], state[i] == TaskOutcome.SUCCEEDED ? result(i) : null,
                        state[i] == TaskOutcome.FAILED ? "planned failure of t" + i : null));
            }
        }
        return new Journal.RecordedRun<>(seed, tasks);
    }

    /** {@return the graph on the recovering instance: its tasks never run; its compensations check and count} */
    private static Graph<Long> recovering(String name, long seed, List<List<Integer>> dependencies,
            Journal.RecordedRun<Long> recorded, Trace trace) {
        var builder = Graph.builder(name, Long.class).compensationBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
        for (int i = 0; i < dependencies.size(); i++) {
            int task = i;
            List<TaskKey<?>> after = keys(dependencies.get(i));
            builder.task(TaskKey.of("t" + i, Integer.class), after, in -> {
                trace.problems.add("t" + task + " ran");
                return 0;
            }, t -> t.withCompensation(result -> {
                undo(trace, task, () -> {
                    trace.compensations.incrementAndGet(task);
                    trace.compensatedResult.set(task, result);
                });
            }).withUncertainCompensation((in, failure) -> {
                undo(trace, task, () -> {
                    trace.uncertainCompensations.incrementAndGet(task);
                    if (!(failure instanceof OwnerLostException lost) || !lost.graph().equals(name)
                            || !lost.task().equals(java.util.Optional.of("t" + task))) {
                        trace.problems.add("t" + task + " given " + failure);
                    }
                    if (!Long.valueOf(seed).equals(in.input())) {
                        trace.problems.add("t" + task + " read input " + in.input());
                    }
                    for (TaskKey<?> dependency : after) {
                        Object value = in.get(dependency);
                        int d = Integer.parseInt(dependency.name().substring(1));
                        if (!Integer.valueOf(result(d)).equals(value)) {
                            trace.problems.add("t" + task + " read " + dependency.name() + " = " + value);
                        }
                    }
                });
            }));
        }
        return builder.build();
    }

    private static void undo(Trace trace, int task, Runnable count) {
        trace.start.compareAndSet(task, 0, trace.clock.incrementAndGet());
        count.run();
        trace.end.set(task, trace.clock.incrementAndGet());
    }

    private static List<TaskKey<?>> keys(List<Integer> tasks) {
        return tasks.stream().<TaskKey<?>>map(d -> TaskKey.of("t" + d, Integer.class)).toList();
    }

    /** {@return for each task, every task that depends on it, directly or not} */
    private static List<Set<Integer>> downstream(List<List<Integer>> dependencies) {
        List<Set<Integer>> result = new ArrayList<>();
        for (int i = 0; i < dependencies.size(); i++) {
            result.add(new HashSet<>());
        }
        for (int i = dependencies.size() - 1; i >= 0; i--) { // dependencies point to lower indices
            for (int j = i + 1; j < dependencies.size(); j++) {
                if (dependencies.get(j).contains(i)) {
                    result.get(i).add(j);
                    result.get(i).addAll(result.get(j));
                }
            }
        }
        return result;
    }
}
