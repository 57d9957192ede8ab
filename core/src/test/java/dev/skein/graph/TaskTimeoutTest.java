package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A task's own timeout: a task it cuts falls back like any failed task, and everything a user sees of it
 * (messages, {@code stillRunning()}, the live tree) names the task, not Skein's plumbing.
 */
class TaskTimeoutTest {

    static final TaskKey<String> QUOTE = TaskKey.of("fetch quote", String.class);

    @Test
    void aTaskCutByItsOwnTimeoutFallsBack() throws Exception {
        AtomicReference<Throwable> fellBackFrom = new AtomicReference<>();
        Graph<Void> graph = Graph.builder("quotes", Void.class)
                .task(QUOTE, in -> {
                    Thread.sleep(Duration.ofMinutes(5));
                    return "live quote";
                }, t -> t.withTimeout(Duration.ofMillis(50)).withFallback(failure -> {
                    fellBackFrom.set(failure);
                    return "cached quote";
                }))
                .build();
        RunReport report = graph.run(null);
        assertThat(report.get(QUOTE)).isEqualTo("cached quote");
        assertThat(fellBackFrom.get()).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void aTimedOutTaskIsNamedAsTheTaskInItsFailure() throws Exception {
        Graph<Void> graph = Graph.builder("quotes", Void.class)
                .task(QUOTE, in -> {
                    Thread.sleep(Duration.ofMinutes(5));
                    return "never";
                }, t -> t.withTimeout(Duration.ofMillis(50)))
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e.getCause()).isInstanceOfSatisfying(DeadlineExceededException.class, d -> {
            assertThat(d.scopeName()).isEqualTo("fetch quote");
            assertThat(d.stillRunning()).containsExactly("fetch quote");
            assertThat(d.getMessage()).doesNotContain("timeout fetch quote", "run fetch quote");
        });
        assertThat(e.getMessage()).doesNotContain("timeout fetch quote", "run fetch quote");
    }

    @Test
    void theLiveTreeShowsATimedTaskByItsNameOnly() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Graph<Void> graph = Graph.builder("quotes", Void.class)
                .task(QUOTE, in -> {
                    running.countDown();
                    release.await();
                    return "q";
                }, t -> t.withTimeout(Duration.ofSeconds(30)))
                .build();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                graph.run(null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        running.await();
        List<String> names = new ArrayList<>();
        try {
            Deque<ScopeSnapshot> scopes = new ArrayDeque<>(Diagnostics.snapshot());
            while (!scopes.isEmpty()) {
                ScopeSnapshot scope = scopes.pop();
                names.add(scope.name());
                for (BranchSnapshot branch : scope.branches()) {
                    names.add(branch.name());
                    scopes.addAll(branch.scopes());
                }
            }
        } finally {
            release.countDown();
            runner.join();
        }
        assertThat(names).contains("quotes", "fetch quote").noneMatch(n -> n.startsWith("timeout ") || n.startsWith("run "));
    }

    static final class Shared extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Shared() {
            super("one instance, thrown by every run");
        }
    }

    @Test
    void aSharedExceptionThrownThroughATaskTimeoutIsNeverChanged() throws Exception {
        Shared shared = new Shared();
        Graph<Void> graph = Graph.builder("throws shared", Void.class)
                .task(QUOTE, in -> {
                    throw shared;
                }, t -> t.withTimeout(Duration.ofSeconds(30)))
                .build();
        for (int run = 0; run < 200; run++) {
            GraphFailedException e = catchFailure(() -> graph.run(null));
            assertThat(e.getCause()).isSameAs(shared);
        }
        assertThat(shared.getSuppressed()).isEmpty();
    }
}
