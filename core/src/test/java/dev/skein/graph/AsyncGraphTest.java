package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.GraphFailedException;
import dev.skein.graph.GraphRunTest.Planned;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Mutiny and CompletionStage: runs as a Uni, tasks that return a Uni or a stage, and cancellation both ways. */
class AsyncGraphTest {

    static final TaskKey<Integer> A = TaskKey.of("a", Integer.class);
    static final TaskKey<Integer> B = TaskKey.of("b", Integer.class);

    @Test
    void aRunAsUniStartsOnSubscriptionAndEmitsTheReport() {
        AtomicInteger runs = new AtomicInteger();
        Graph<Integer> graph = Graph.builder("uni", Integer.class)
                .task(A, in -> runs.incrementAndGet() + in.input())
                .build();
        Uni<RunReport> uni = graph.runAsUni(10);
        assertThat(runs).hasValue(0);
        RunReport report = uni.subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(10)).getItem();
        assertThat(report.get(A)).isEqualTo(11);
        assertThat(uni.await().atMost(Duration.ofSeconds(10)).get(A)).isEqualTo(12); // a new run per subscription
    }

    @Test
    void aFailedRunFailsTheUniWithTheReport() {
        Graph<Void> graph = Graph.builder("uni fails", Void.class).task(A, in -> {
            throw new Planned("no");
        }).build();
        Throwable failure = graph.runAsUni(null).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(Duration.ofSeconds(10)).getFailure();
        assertThat(failure).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.report().outcome()).isEqualTo(RunOutcome.FAILED));
    }

    @Test
    void cancellingTheSubscriptionCancelsTheRunAndCompensates() throws Exception {
        CountDownLatch bRunning = new CountDownLatch(1);
        CountDownLatch bInterrupted = new CountDownLatch(1);
        CountDownLatch undone = new CountDownLatch(1);
        Graph<Void> graph = Graph.builder("uni cancelled", Void.class)
                .task(A, in -> 1, t -> t.withCompensation(a -> undone.countDown()))
                .task(B, List.of(A), in -> {
                    bRunning.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        bInterrupted.countDown();
                        throw e;
                    }
                    return 2;
                })
                .build();
        Cancellable subscription = graph.runAsUni(null).subscribe().with(r -> { }, f -> { });
        assertThat(bRunning.await(10, TimeUnit.SECONDS)).isTrue();
        subscription.cancel();
        assertThat(bInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(undone.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskMayReturnAUniOrACompletionStage() throws Exception {
        Graph<Integer> graph = Graph.builder("async tasks", Integer.class)
                .task(A, TaskFunction.ofUni(in -> Uni.createFrom().item(in.input() * 2)))
                .task(B, List.of(A), TaskFunction.ofStage(in -> CompletableFuture.supplyAsync(() -> in.get(A) + 1)))
                .build();
        assertThat(graph.run(4).get(B)).isEqualTo(9);
    }

    @Test
    void aFailedUniOrStageFailsItsTaskWithTheOriginalException() throws Exception {
        Planned fromUni = new Planned("uni");
        Graph<Void> uniGraph = Graph.builder("uni task fails", Void.class)
                .task(A, TaskFunction.ofUni(in -> Uni.createFrom().failure(fromUni))).build();
        assertThat(catchFailure(() -> uniGraph.run(null))).hasCause(fromUni);
        Planned fromStage = new Planned("stage");
        Graph<Void> stageGraph = Graph.builder("stage task fails", Void.class)
                .task(A, TaskFunction.ofStage(in -> CompletableFuture.<Integer>failedFuture(fromStage))).build();
        assertThat(catchFailure(() -> stageGraph.run(null))).hasCause(fromStage);
    }

    @Test
    void cancellingATaskCancelsTheUniSubscriptionAndTheFutureItWaitsFor() throws Exception {
        CountDownLatch uniCancelled = new CountDownLatch(1);
        CountDownLatch bothWaiting = new CountDownLatch(2);
        CompletableFuture<Integer> never = new CompletableFuture<>();
        TaskKey<Integer> fails = TaskKey.of("fails", Integer.class);
        Graph<Void> graph = Graph.builder("async cancelled", Void.class)
                .task(A, TaskFunction.ofUni(in -> Uni.createFrom().<Integer>nothing()
                        .onSubscription().invoke(bothWaiting::countDown)
                        .onCancellation().invoke(uniCancelled::countDown)))
                .task(B, TaskFunction.ofStage(in -> {
                    bothWaiting.countDown();
                    return never;
                }))
                .task(fails, in -> {
                    bothWaiting.await();
                    throw new Planned("stop");
                })
                .build();
        RunReport report = catchFailure(() -> graph.run(null)).report();
        assertThat(uniCancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(never).isCancelled();
        assertThat(report.task(A).outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(report.task(B).outcome()).isEqualTo(TaskOutcome.CANCELLED);
    }

    @Test
    void aRunAsUniThatFailsIsStillCompensatedBeforeTheFailureArrives() {
        AtomicReference<String> undone = new AtomicReference<>();
        Graph<Void> graph = Graph.builder("uni saga", Void.class)
                .task(A, in -> 1, t -> t.withCompensation(a -> undone.set("undid " + a)))
                .task(B, List.of(A), in -> {
                    throw new Planned("no");
                })
                .build();
        graph.runAsUni(null).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(Duration.ofSeconds(10));
        assertThat(undone).hasValue("undid 1");
    }

    @Test
    void aRunAwaitedInsideABranchIsCutByTheBranchsDeadlineThoughMutinysAwaitIgnoresInterrupts() throws Exception {
        CountDownLatch taskInterrupted = new CountDownLatch(1);
        Graph<Void> graph = sleepsUntilInterrupted("awaited", new CountDownLatch(1), taskInterrupted);
        try (var scope = dev.skein.scope.Scope.open(cfg -> cfg.withName("outer").withTimeout(Duration.ofMillis(200)))) {
            scope.fork("awaits the run", () -> graph.runAsUni(null).await().indefinitely());
            org.assertj.core.api.Assertions.assertThatThrownBy(scope::join)
                    .isInstanceOf(dev.skein.DeadlineExceededException.class);
        }
        assertThat(taskInterrupted.getCount()).as("the run's task was cut before the scope closed").isZero();
    }

    @Test
    void aBranchThatEndsBeforeTheRunItSubscribedToFailsAfterTheRunWasCancelled() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch taskInterrupted = new CountDownLatch(1);
        Graph<Void> graph = sleepsUntilInterrupted("forgotten", running, taskInterrupted);
        dev.skein.scope.Branch<Void> sloppy;
        try (var scope = dev.skein.scope.Scope.openSupervisor()) {
            sloppy = scope.fork("fire and forget", () -> {
                graph.runAsUni(null).subscribe().with(report -> { }, failure -> { });
                running.await();
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(scope::join)
                    .isInstanceOf(dev.skein.BranchFailedException.class);
        }
        assertThat(sloppy.failureNow()).hasMessageContaining("'forgotten'").hasMessageContaining("was not closed");
        assertThat(taskInterrupted.getCount()).isZero();
    }

    /** A graph of one task that says when it runs, then sleeps until interrupted, and says so. */
    private static Graph<Void> sleepsUntilInterrupted(String name, CountDownLatch running, CountDownLatch interrupted) {
        return Graph.builder(name, Void.class).task(A, in -> {
            running.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return 1;
        }).build();
    }
}
