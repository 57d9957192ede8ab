package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.context.ContextKey;
import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Running graphs: parallelism, results, optional and conditional tasks, timeouts, failure, nesting. */
class GraphRunTest {

    static final TaskKey<Integer> A = TaskKey.of("a", Integer.class);
    static final TaskKey<Integer> B = TaskKey.of("b", Integer.class);
    static final TaskKey<Integer> C = TaskKey.of("c", Integer.class);
    static final TaskKey<Integer> D = TaskKey.of("d", Integer.class);

    static final class Planned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Planned(String message) {
            super(message);
        }
    }

    private static void blockUntilCancelled() throws InterruptedException {
        Thread.sleep(Duration.ofMinutes(5));
    }

    @Test
    void aDiamondRunsItsMiddleInParallelAndPassesResultsDown() throws Exception {
        CyclicBarrier bothMiddleTasks = new CyclicBarrier(2);
        Graph<Integer> diamond = Graph.builder("diamond", Integer.class)
                .task(A, in -> in.input() + 1)
                .task(B, List.of(A), in -> {
                    bothMiddleTasks.await(10, TimeUnit.SECONDS); // only passes if c runs at the same time
                    return in.get(A) * 10;
                })
                .task(C, List.of(A), in -> {
                    bothMiddleTasks.await(10, TimeUnit.SECONDS);
                    return in.get(A) * 100;
                })
                .task(D, List.of(B, C), in -> in.get(B) + in.get(C))
                .build();
        RunReport report = diamond.run(1);
        assertThat(report.get(D)).isEqualTo(220);
        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsOnly(TaskOutcome.SUCCEEDED);
        assertThat(report.task(B).startedAt().orElseThrow()).isAfterOrEqualTo(report.task(A).endedAt().orElseThrow());
        assertThat(report.task(D).startedAt().orElseThrow()).isAfterOrEqualTo(report.task(C).endedAt().orElseThrow());
    }

    @Test
    void aTaskStartsWhenItsOwnDependenciesAreDoneNotWhenItsLevelIs() throws Exception {
        CountDownLatch secondLevelDone = new CountDownLatch(1);
        Graph<Void> graph = Graph.builder("uneven", Void.class)
                .task(A, in -> 1)
                .task(B, in -> { // first level, slow: ends only once c, on the second level, has ended
                    assertThat(secondLevelDone.await(10, TimeUnit.SECONDS)).isTrue();
                    return 2;
                })
                .task(C, List.of(A), in -> {
                    secondLevelDone.countDown();
                    return in.get(A) + 1;
                })
                .task(D, List.of(B, C), in -> in.get(B) + in.get(C))
                .build();
        assertThat(graph.run(null).get(D)).isEqualTo(4);
    }

    @Test
    void everyTaskRunsOnItsOwnVirtualThreadAsABranchOfTheRunsScope() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch seen = new CountDownLatch(1);
        TaskFunction<Void, Integer> body = in -> {
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            threads.add(Thread.currentThread());
            bothRunning.countDown();
            seen.await();
            return 0;
        };
        Graph<Void> graph = Graph.builder("branches", Void.class).task(A, body).task(B, body).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                graph.run(null);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        ScopeSnapshot run = Diagnostics.snapshot().stream().filter(s -> s.name().equals("branches"))
                .findFirst().orElseThrow();
        assertThat(run.branches()).extracting(b -> b.name()).containsExactlyInAnyOrder("a", "b");
        seen.countDown();
        caller.join();
        assertThat(failure.get()).isNull();
        assertThat(threads).hasSize(2);
    }

    @Test
    void aWideGraphOfAThousandIndependentTasks() throws Exception {
        TaskKey<Integer> sum = TaskKey.of("sum", Integer.class);
        List<TaskKey<Integer>> keys = new ArrayList<>();
        var builder = Graph.builder("wide", Void.class);
        for (int i = 0; i < 1000; i++) {
            TaskKey<Integer> key = TaskKey.of("t" + i, Integer.class);
            int value = i;
            keys.add(key);
            builder.task(key, in -> value);
        }
        builder.task(sum, keys, in -> keys.stream().mapToInt(in::get).sum());
        assertThat(builder.build().run(null).get(sum)).isEqualTo(999 * 1000 / 2);
    }

    @Test
    void aDeepChainOfAThousandTasks() throws Exception {
        var builder = Graph.builder("deep", Integer.class);
        TaskKey<Integer> previous = TaskKey.of("t0", Integer.class);
        builder.task(previous, TaskInputs::input);
        for (int i = 1; i < 1000; i++) {
            TaskKey<Integer> before = previous;
            TaskKey<Integer> key = TaskKey.of("t" + i, Integer.class);
            builder.task(key, List.of(before), in -> in.get(before) + 1);
            previous = key;
        }
        assertThat(builder.build().run(5).get(previous)).isEqualTo(1004);
    }

    @Test
    void oneGraphRunsAThousandTimesConcurrently() throws Exception {
        Graph<Integer> diamond = Graph.builder("shared", Integer.class)
                .task(A, in -> in.input() + 1)
                .task(B, List.of(A), in -> in.get(A) * 2)
                .task(C, List.of(A), in -> in.get(A) * 3)
                .task(D, List.of(B, C), in -> in.get(B) + in.get(C))
                .build();
        Integer[] results = Scope.run(scope -> {
            List<Branch<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int input = i;
                runs.add(scope.fork("run" + i, () -> diamond.run(input).get(D)));
            }
            scope.join();
            return runs.stream().map(Branch::resultNow).toArray(Integer[]::new);
        });
        for (int i = 0; i < 1000; i++) {
            assertThat(results[i]).isEqualTo((i + 1) * 5);
        }
    }

    @Test
    void anOptionalTaskThatFailsLeavesTheRunSucceedingAndItsDependentsFindNothing() throws Exception {
        Graph<Void> graph = Graph.builder("optional", Void.class)
                .task(A, in -> {
                    throw new Planned("recommendations down");
                }, t -> t.asOptional())
                .task(B, List.of(A), in -> in.find(A).orElse(-1))
                .build();
        RunReport report = graph.run(null);
        assertThat(report.get(B)).isEqualTo(-1);
        assertThat(report.task(A).outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report.task(A).failure()).get().isInstanceOf(Planned.class);
        assertThatThrownBy(() -> report.get(A)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("task 'a' has no result: it ended FAILED");
    }

    @Test
    void readingTheAbsentResultWithGetFailsSayingToUseFind() {
        Graph<Void> graph = Graph.builder("absent", Void.class)
                .task(A, in -> 1, t -> t.onlyIf(in -> false))
                .task(B, List.of(A), in -> in.get(A))
                .build();
        assertThatThrownBy(() -> graph.run(null)).isInstanceOf(GraphFailedException.class).cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("task 'b' reads 'a', which has no result: it was skipped; read it with find(...) to handle its absence");
    }

    @Test
    void aConditionSkipsItsTaskAndItsDependentsStillRun() throws Exception {
        Graph<Integer> graph = Graph.builder("conditional", Integer.class)
                .task(A, in -> in.input(), t -> t.onlyIf(in -> in.input() > 10))
                .task(B, List.of(A), in -> in.find(A).map(a -> a * 2).orElse(0))
                .build();
        RunReport small = graph.run(3);
        assertThat(small.task(A).outcome()).isEqualTo(TaskOutcome.SKIPPED);
        assertThat(small.get(B)).isZero();
        assertThat(graph.run(30).get(B)).isEqualTo(60);
    }

    @Test
    void theFirstFailureCancelsRunningTasksAndSkipsThoseNotStarted() throws Exception {
        CountDownLatch bRunning = new CountDownLatch(1);
        Planned boom = new Planned("payment declined");
        Graph<Void> graph = Graph.builder("fails", Void.class)
                .task(A, in -> {
                    bRunning.await();
                    throw boom;
                })
                .task(B, in -> {
                    bRunning.countDown();
                    blockUntilCancelled();
                    return 2;
                })
                .task(C, List.of(A), in -> 3)
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e).hasCause(boom).hasMessage("run of graph 'fails' failed at task 'a': " + boom);
        assertThat(e.failedTask()).contains("a");
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.task(A).outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report.task(B).outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(report.task(C).outcome()).isEqualTo(TaskOutcome.SKIPPED);
        assertThat(report.task(C).startedAt()).isEmpty();
    }

    @Test
    void runForReportReturnsTheReportOfAFailedRun() throws Exception {
        Graph<Void> graph = Graph.builder("report", Void.class).task(A, in -> {
            throw new Planned("no");
        }).build();
        RunReport report = graph.runForReport(null);
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).get().isInstanceOf(Planned.class);
        assertThat(report.failedTask()).contains("a");
    }

    @Test
    void aTaskTimeoutFailsTheTaskWithADeadlineExceeded() throws Exception {
        Graph<Void> graph = Graph.builder("slow", Void.class)
                .task(A, in -> {
                    blockUntilCancelled();
                    return 1;
                }, t -> t.withTimeout(Duration.ofMillis(50)))
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e.report().outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(e.report().task(A).outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void theRunsDeadlineWinsOverALongerTaskTimeout() throws Exception {
        AtomicReference<java.time.Instant> taskDeadline = new AtomicReference<>();
        Graph<Void> graph = Graph.builder("bounded", Void.class)
                .task(A, in -> {
                    taskDeadline.set(SkeinContext.current().deadline().orElseThrow());
                    blockUntilCancelled();
                    return 1;
                }, t -> t.withTimeout(Duration.ofMinutes(10)))
                .scope(cfg -> cfg.withTimeout(Duration.ofMillis(100)))
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e.report().outcome()).isEqualTo(RunOutcome.DEADLINE_EXCEEDED);
        assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
        assertThat(e.report().task(A).outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(taskDeadline.get()).isBefore(e.report().startedAt().plusSeconds(5));
    }

    @Test
    void aRunInsideABranchNestsUnderItAndIsCancelledWithIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Graph<Void> graph = Graph.builder("nested", Void.class).task(A, in -> {
            running.countDown();
            blockUntilCancelled();
            return 1;
        }).build();
        AtomicReference<RunReport> report = new AtomicReference<>();
        try (Scope outer = Scope.open(cfg -> cfg.withName("request"))) {
            outer.fork("handler", () -> report.set(graph.runForReport(null)));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            outer.cancel();
            outer.join();
        }
        assertThat(report.get().outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(report.get().failure()).get().isInstanceOf(CancelledException.class);
        assertThat(report.get().task(A).outcome()).isEqualTo(TaskOutcome.CANCELLED);
    }

    @Test
    void anErrorInATaskFailsTheRun() throws Exception {
        Graph<Void> graph = Graph.builder("error", Void.class).task(A, in -> {
            throw new AssertionError("broken invariant");
        }).build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e.getCause()).isInstanceOf(AssertionError.class).hasMessage("broken invariant");
    }

    @Test
    void anInterruptedCallerGetsInterruptedExceptionAfterTheRunIsCancelledAndCompensated() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Trail trail = new Trail();
        Graph<Void> graph = Graph.builder("interrupted", Void.class)
                .task(A, in -> 1, t -> t.withCompensation(a -> trail.add("undo a")))
                .task(B, List.of(A), in -> {
                    running.countDown();
                    blockUntilCancelled();
                    return 2;
                })
                .build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                graph.run(null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(thrown.get().getSuppressed()).singleElement().isInstanceOfSatisfying(GraphFailedException.class,
                g -> assertThat(g.report().outcome()).isEqualTo(RunOutcome.CANCELLED));
        assertThat(trail.events()).containsExactly("undo a");
    }

    @Test
    void aTaskMayReturnNull() throws Exception {
        TaskKey<Void> effect = TaskKey.of("effect", Void.class);
        Graph<Void> graph = Graph.builder("void", Void.class)
                .task(effect, in -> null)
                .task(A, List.of(effect), in -> in.find(effect).isPresent() ? 1 : 0)
                .build();
        RunReport report = graph.run(null);
        assertThat(report.get(effect)).isNull();
        assertThat(report.get(A)).isZero();
    }

    @Test
    void noThreadOfARunOutlivesIt() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Graph<Void> graph = Graph.builder("threads", Void.class)
                .task(A, in -> {
                    threads.add(Thread.currentThread());
                    return 1;
                })
                .task(B, List.of(A), in -> {
                    threads.add(Thread.currentThread());
                    throw new Planned("b");
                }, t -> t.withTimeout(Duration.ofSeconds(5)))
                .build();
        catchFailure(() -> graph.run(null));
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.stream().noneMatch(Thread::isAlive));
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("threads"));
    }

    @Test
    void aRunWhoseWorkIsDoneIsNotUndoneByALateInterruptOfItsCaller() throws Exception {
        AtomicInteger undone = new AtomicInteger();
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<RunReport> report = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Graph<Void> graph = Graph.builder("done", Void.class)
                .task(A, in -> {
                    caller.get().interrupt(); // the interrupt arrives, then the task returns: all work is done
                    return 1;
                }, t -> t.withCompensation(a -> undone.incrementAndGet()))
                .build();
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            try {
                report.set(graph.run(null));
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                throw new AssertionError("the run should have succeeded", e);
            }
        });
        caller.set(thread);
        thread.start();
        thread.join();
        assertThat(report.get().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(interruptKept).hasValue(true);
        assertThat(undone).hasValue(0);
    }

    @Test
    void theRunsScopeIsNamedAfterTheGraphAndConfiguredByEveryScopeCall() throws Exception {
        ContextKey<String> tenant = ContextKey.of("tenant", String.class);
        AtomicReference<String> seen = new AtomicReference<>();
        Graph<Void> graph = Graph.builder("configured", Void.class)
                .task(A, in -> {
                    boolean named = Diagnostics.snapshot().stream().anyMatch(s -> s.name().equals("configured"));
                    seen.set(SkeinContext.current().get(tenant).orElseThrow() + " "
                            + SkeinContext.current().deadline().isPresent() + " " + named);
                    return 1;
                })
                .scope(cfg -> cfg.withName("renamed").withValue(tenant, "acme"))
                .scope(cfg -> cfg.withTimeout(Duration.ofSeconds(30)))
                .build();
        graph.run(null);
        assertThat(seen).hasValue("acme true true");
    }

    interface Run {
        void run() throws Exception;
    }

    @Test
    void aRunIsReportedAsOpenedWhereTheGraphWasRunNotInsideSkein() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Graph<Void> graph = Graph.builder("opened where run", Void.class).task(A, in -> {
            running.countDown();
            release.await();
            return 1;
        }).build();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                graph.run(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        try {
            ScopeSnapshot run = Diagnostics.snapshot().stream().filter(s -> s.name().equals("opened where run"))
                    .findFirst().orElseThrow();
            assertThat(run.openedAt()).hasValueSatisfying(site -> assertThat(site.getClassName())
                    .startsWith(GraphRunTest.class.getName()));
        } finally {
            release.countDown();
            runner.join();
        }
    }

    static GraphFailedException catchFailure(Run run) throws Exception {
        try {
            run.run();
        } catch (GraphFailedException e) {
            return e;
        }
        throw new AssertionError("the run should have failed");
    }
}
