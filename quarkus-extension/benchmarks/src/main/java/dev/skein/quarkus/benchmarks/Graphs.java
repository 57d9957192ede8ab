package dev.skein.quarkus.benchmarks;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.benchmarks.Diamond.Left;
import dev.skein.quarkus.benchmarks.Diamond.Right;
import dev.skein.quarkus.benchmarks.Diamond.Sum;
import java.util.List;

/** The two graphs measured, set by {@link BenchmarkMain} before JMH runs (in this JVM: JMH does not fork here). */
final class Graphs {

    static final TaskKey<Integer> START = TaskKey.of("start", Integer.class);
    static final TaskKey<Left> LEFT = TaskKey.of("left", Left.class);
    static final TaskKey<Right> RIGHT = TaskKey.of("right", Right.class);
    static final TaskKey<Sum> SUM = TaskKey.of("sum", Sum.class);

    static volatile SkeinGraph<Integer, Sum> annotated;
    static volatile Graph<Integer> byHand;

    private Graphs() {
    }

    /** The same diamond built by hand on the same bean (its client proxy, as the extension's invokers use). */
    static Graph<Integer> byHand(Diamond bean) {
        return Graph.builder("diamond by hand", Integer.class)
                .task(START, in -> bean.start(in.input()))
                .task(LEFT, List.of(START), in -> bean.left(in.get(START)))
                .task(RIGHT, List.of(START), in -> bean.right(in.get(START)))
                .task(SUM, List.of(LEFT, RIGHT), in -> bean.sum(in.get(LEFT), in.get(RIGHT)))
                .build();
    }
}
