package dev.skein.benchmarks;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of running a graph. {@code randomDag}: 10,000 trivial tasks, each depending on up to three
 * random earlier ones, against {@code bareForks}: the same number of trivial branches forked into one
 * scope; the difference per task is the graph's scheduling overhead. {@code wideSleepingGraph}: 1,000
 * independent tasks of 10 ms each, whose critical path is 10 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphBenchmark {

    static final int TASKS = 10_000;
    static final int WIDE_TASKS = 1_000;
    static final Duration WIDE_TASK_TIME = Duration.ofMillis(10);
    static final Callable<Integer> TRIVIAL = () -> 1;

    private Graph<Void> randomDag;
    private Graph<Void> wide;

    @Setup
    public void build() {
        Random random = new Random(42);
        List<TaskKey<Integer>> keys = new ArrayList<>();
        var dag = Graph.builder("random dag", Void.class);
        for (int i = 0; i < TASKS; i++) {
            TaskKey<Integer> key = TaskKey.of("t" + i, Integer.class);
            List<TaskKey<Integer>> after = new ArrayList<>();
            int dependencies = i == 0 ? 0 : random.nextInt(4);
            for (int d = 0; d < dependencies; d++) {
                TaskKey<Integer> dependency = keys.get(Math.max(0, i - 1 - random.nextInt(100)));
                if (!after.contains(dependency)) {
                    after.add(dependency);
                }
            }
            dag.task(key, after, in -> {
                int sum = 1;
                for (TaskKey<Integer> dependency : after) {
                    sum += in.get(dependency);
                }
                return sum;
            });
            keys.add(key);
        }
        randomDag = dag.build();

        var wideBuilder = Graph.builder("wide", Void.class);
        for (int i = 0; i < WIDE_TASKS; i++) {
            wideBuilder.task(TaskKey.of("t" + i, Integer.class), in -> {
                Thread.sleep(WIDE_TASK_TIME);
                return 1;
            });
        }
        wide = wideBuilder.build();
    }

    @Benchmark
    public Object randomDag() throws InterruptedException {
        return randomDag.run(null);
    }

    @Benchmark
    public void bareForks() throws InterruptedException {
        try (var scope = dev.skein.scope.Scope.open()) {
            for (int i = 0; i < TASKS; i++) {
                scope.fork(TRIVIAL);
            }
            scope.join();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object wideSleepingGraph() throws InterruptedException {
        return wide.run(null);
    }
}
