package dev.skein.samples.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The bounded store of the last runs' reports, without Quarkus. */
class RecentRunsTest {

    private static final TaskKey<String> ECHO = TaskKey.of("echo", String.class);
    private static final Graph<String> GRAPH = Graph.builder("echo", String.class).task(ECHO, in -> in.input()).build();

    @Test
    void keepsTheLastRunsAndForgetsTheOldest() throws Exception {
        RecentRuns runs = new RecentRuns(2);
        RunReport first = GRAPH.run("first");
        RunReport second = GRAPH.run("second");
        RunReport third = GRAPH.run("third");

        runs.keep("o1", first);
        runs.keep("o2", second);
        runs.keep("o3", third);

        assertThat(runs.of("o1")).isEmpty();
        assertThat(runs.of("o2")).containsSame(second);
        assertThat(runs.of("o3")).containsSame(third);
        assertThat(runs.of("unknown")).isEmpty();
    }

    @Test
    void manyWritersAtOnceNeverExceedTheCapacity() throws Exception {
        RecentRuns runs = new RecentRuns(10);
        RunReport report = GRAPH.run("x");
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                String id = "o" + i;
                pool.submit(() -> {
                    start.await();
                    runs.keep(id, report);
                    return null;
                });
            }
            start.countDown();
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (runs.of("o" + i).isPresent()) {
                kept.add("o" + i);
            }
        }
        assertThat(kept).hasSize(10);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new RecentRuns(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be 1 or more, not 0");
    }
}
