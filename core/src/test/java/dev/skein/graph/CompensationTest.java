package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.context.SkeinContext;
import dev.skein.graph.GraphRunTest.Planned;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Saga compensation: what is undone, in which order, how often, and what cannot stop it. */
class CompensationTest {

    static final TaskKey<String> ORDER = TaskKey.of("create order", String.class);
    static final TaskKey<String> STOCK = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> PAYMENT = TaskKey.of("authorise payment", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm order", String.class);

    @Test
    void aFailedRunUndoesWhatSucceededInReverseDependencyOrderEachGivenItsResult() throws Exception {
        Trail trail = new Trail();
        CyclicBarrier stockAndPaymentTogether = new CyclicBarrier(2);
        Planned declined = new Planned("confirmation refused");
        Graph<String> saga = Graph.builder("place order", String.class)
                .task(ORDER, in -> "order-" + in.input(), t -> t.withCompensation(o -> trail.add("cancel " + o)))
                .task(STOCK, List.of(ORDER), in -> "stock-for-" + in.get(ORDER), t -> t.withCompensation(s -> {
                    trail.add("release " + s);
                    stockAndPaymentTogether.await(10, TimeUnit.SECONDS); // independent compensations run in parallel
                }))
                .task(PAYMENT, List.of(ORDER), in -> "payment-for-" + in.get(ORDER), t -> t.withCompensation(p -> {
                    trail.add("refund " + p);
                    stockAndPaymentTogether.await(10, TimeUnit.SECONDS);
                }))
                .task(CONFIRM, List.of(STOCK, PAYMENT), in -> {
                    throw declined;
                })
                .build();
        GraphFailedException e = catchFailure(() -> saga.run("42"));
        assertThat(e).hasCause(declined);
        assertThat(trail.events()).hasSize(3).endsWith("cancel order-42")
                .contains("release stock-for-order-42", "refund payment-for-order-42");
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsExactly(TaskOutcome.COMPENSATED,
                TaskOutcome.COMPENSATED, TaskOutcome.COMPENSATED, TaskOutcome.FAILED);
        assertThat(report.task(ORDER).compensationStartedAt().orElseThrow())
                .isAfterOrEqualTo(report.task(STOCK).compensationEndedAt().orElseThrow())
                .isAfterOrEqualTo(report.task(PAYMENT).compensationEndedAt().orElseThrow());
        assertThat(report.task(ORDER).compensationAttempts()).isEqualTo(1);
        assertThat(e.getMessage()).endsWith("; compensated: create order, reserve stock, authorise payment");
    }

    @Test
    void theOrderHoldsThroughTasksWithNothingToUndo() throws Exception {
        Trail trail = new Trail();
        TaskKey<String> notify = TaskKey.of("notify", String.class);
        Graph<Void> chain = Graph.builder("chain", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> trail.add("undo order")))
                .task(notify, List.of(ORDER), in -> "sent") // nothing to undo
                .task(STOCK, List.of(notify), in -> "s", t -> t.withCompensation(s -> trail.add("undo stock")))
                .task(CONFIRM, List.of(STOCK), in -> {
                    throw new Planned("no");
                })
                .build();
        catchFailure(() -> chain.run(null));
        assertThat(trail.events()).containsExactly("undo stock", "undo order");
    }

    @Test
    void aSucceededRunUndoesNothing() throws Exception {
        AtomicInteger undone = new AtomicInteger();
        Graph<Void> graph = Graph.builder("fine", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> undone.incrementAndGet()))
                .build();
        assertThat(graph.run(null).task(ORDER).outcome()).isEqualTo(TaskOutcome.SUCCEEDED);
        assertThat(undone).hasValue(0);
    }

    @Test
    void aCompensationThatFailsTwiceThenSucceedsIsRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Graph<Void> graph = Graph.builder("retry", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> {
                    if (attempts.incrementAndGet() <= 2) {
                        throw new Planned("database busy");
                    }
                }))
                .task(CONFIRM, List.of(ORDER), in -> {
                    throw new Planned("no");
                })
                .compensationRetries(2)
                .build();
        RunReport report = catchFailure(() -> graph.run(null)).report();
        assertThat(attempts).hasValue(3);
        assertThat(report.task(ORDER).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.task(ORDER).compensationAttempts()).isEqualTo(3);
        assertThat(report.task(ORDER).compensationFailure()).isEmpty();
    }

    @Test
    void aCompensationThatKeepsFailingIsRecordedWithoutHidingTheFailureAndTheRestStillRun() throws Exception {
        Trail trail = new Trail();
        Planned original = new Planned("confirmation refused");
        Graph<Void> graph = Graph.builder("stubborn", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> trail.add("undo order")))
                .task(STOCK, List.of(ORDER), in -> "s", t -> t.withCompensationRetries(1).withCompensation(s -> {
                    trail.add("undo stock");
                    throw new Planned("inventory down " + trail.events().size());
                }))
                .task(CONFIRM, List.of(STOCK), in -> {
                    throw original;
                })
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e).hasCause(original);
        assertThat(trail.events()).containsExactly("undo stock", "undo stock", "undo order");
        TaskReport stock = e.report().task(STOCK);
        assertThat(stock.outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(stock.compensationAttempts()).isEqualTo(2);
        Throwable last = stock.compensationFailure().orElseThrow();
        assertThat(last).hasMessage("inventory down 2");
        assertThat(last.getSuppressed()).isEmpty(); // the earlier attempt's failure is logged, not attached to the user's
        assertThat(e.getSuppressed()).containsExactly(last);
        assertThat(e.report().task(ORDER).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(e.getMessage()).contains("compensated: create order; compensation failed: reserve stock");
    }

    @Test
    void aTaskWithAnUncertainEffectIsCompensatedEvenThoughItFailed() throws Exception {
        AtomicReference<String> refundedFor = new AtomicReference<>();
        AtomicReference<Throwable> refundedBecause = new AtomicReference<>();
        Planned timedOut = new Planned("gateway timed out");
        Graph<String> graph = Graph.builder("uncertain", String.class)
                .task(ORDER, in -> "order-" + in.input())
                .task(PAYMENT, List.of(ORDER), in -> {
                    throw timedOut; // the card may have been charged anyway
                }, t -> t.withCompensation(payment -> { }).withUncertainCompensation((in, failure) -> {
                    refundedFor.set(in.get(ORDER));
                    refundedBecause.set(failure);
                }))
                .build();
        RunReport report = catchFailure(() -> graph.run("7")).report();
        assertThat(refundedFor).hasValue("order-7");
        assertThat(refundedBecause).hasValue(timedOut);
        assertThat(report.task(PAYMENT).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.task(PAYMENT).failure()).contains(timedOut);
    }

    @Test
    void aTaskCancelledWhileRunningIsCompensatedIfItsEffectIsUncertain() throws Exception {
        CountDownLatch paymentRunning = new CountDownLatch(1);
        AtomicReference<Throwable> why = new AtomicReference<>();
        AtomicBoolean notStartedUndone = new AtomicBoolean();
        Graph<Void> graph = Graph.builder("cancelled", Void.class)
                .task(PAYMENT, in -> {
                    paymentRunning.countDown();
                    Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                    return "p";
                }, t -> t.withCompensation(p -> { }).withUncertainCompensation((in, failure) -> why.set(failure)))
                .task(STOCK, in -> {
                    paymentRunning.await();
                    throw new Planned("out of stock");
                })
                .task(CONFIRM, List.of(STOCK), in -> "c",
                        t -> t.withCompensation(c -> notStartedUndone.set(true))
                                .withUncertainCompensation((in, failure) -> notStartedUndone.set(true)))
                .build();
        RunReport report = catchFailure(() -> graph.run(null)).report();
        assertThat(report.task(PAYMENT).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(why.get()).isInstanceOf(CancelledException.class);
        assertThat(report.task(CONFIRM).outcome()).isEqualTo(TaskOutcome.SKIPPED);
        assertThat(notStartedUndone).isFalse();
    }

    @Test
    void aDeadlineMidRunCompensatesToTheEndButEachCompensationWithinItsOwnTimeout() throws Exception {
        CountDownLatch paymentRunning = new CountDownLatch(1);
        AtomicReference<Boolean> compensationSawCancellation = new AtomicReference<>();
        Trail trail = new Trail();
        Graph<Void> graph = Graph.builder("deadline", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> {
                    // runs after the run's deadline has passed, and is not cut short by it
                    compensationSawCancellation.set(SkeinContext.current().isCancelled());
                    Thread.sleep(200); // work that outlasts the expired deadline; not synchronisation
                    trail.add("undo order");
                }))
                .task(STOCK, List.of(ORDER), in -> "s", t -> t.withCompensationTimeout(Duration.ofMillis(100))
                        .withCompensationRetries(0)
                        .withCompensation(s -> {
                            trail.add("undo stock started");
                            Thread.sleep(Duration.ofMinutes(5)); // hangs: its own timeout must end it
                        }))
                .task(PAYMENT, List.of(STOCK), in -> {
                    paymentRunning.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                    return "p";
                })
                .scope(cfg -> cfg.withTimeout(Duration.ofMillis(150)))
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.DEADLINE_EXCEEDED);
        assertThat(report.task(PAYMENT).outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(report.task(STOCK).outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(report.task(STOCK).compensationFailure()).get().isInstanceOf(DeadlineExceededException.class);
        assertThat(report.task(ORDER).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(trail.events()).containsExactly("undo stock started", "undo order");
        assertThat(compensationSawCancellation).hasValue(false);
        assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void anOptionalTaskThatFailedHasNothingToUndoUnlessItsEffectIsUncertain() throws Exception {
        AtomicInteger undone = new AtomicInteger();
        Graph<Void> graph = Graph.builder("optional", Void.class)
                .task(ORDER, in -> {
                    throw new Planned("optional");
                }, t -> t.asOptional().withCompensation(o -> undone.incrementAndGet()))
                .task(CONFIRM, List.of(ORDER), in -> {
                    throw new Planned("required");
                })
                .build();
        RunReport report = catchFailure(() -> graph.run(null)).report();
        assertThat(report.failedTask()).contains("confirm order");
        assertThat(undone).hasValue(0);
        assertThat(report.task(ORDER).outcome()).isEqualTo(TaskOutcome.FAILED);
    }

    @Test
    void aCompensationThatThrowsTheSameExceptionEveryTimeIsRecordedAndTheRestStillRun() throws Exception {
        Planned always = new Planned("always the same");
        Trail trail = new Trail();
        Graph<Void> graph = Graph.builder("same failure", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> trail.add("undo order")))
                .task(STOCK, List.of(ORDER), in -> "s", t -> t.withCompensation(s -> {
                    throw always;
                }))
                .task(CONFIRM, List.of(STOCK), in -> {
                    throw new Planned("no");
                })
                .build();
        RunReport report = catchFailure(() -> graph.run(null)).report();
        assertThat(report.task(STOCK).outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(report.task(STOCK).compensationFailure()).containsSame(always);
        assertThat(report.task(STOCK).compensationAttempts()).isEqualTo(3);
        assertThat(trail.events()).containsExactly("undo order");
    }

    @Test
    void whatACancelledTaskThrewBeyondStoppingIsKeptWithTheFailure() throws Exception {
        CountDownLatch queryRunning = new CountDownLatch(1);
        Planned declined = new Planned("declined");
        IllegalStateException driverError = new IllegalStateException("connection reset during query");
        Graph<Void> graph = Graph.builder("late failure", Void.class)
                .task(STOCK, in -> {
                    queryRunning.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        throw driverError; // what a JDBC driver may throw once interrupted
                    }
                    return "s";
                })
                .task(PAYMENT, in -> {
                    queryRunning.await();
                    throw declined;
                })
                .build();
        GraphFailedException e = catchFailure(() -> graph.run(null));
        assertThat(e).hasCause(declined);
        assertThat(e.report().task(STOCK).outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(e.report().otherFailures()).containsExactly(driverError);
        assertThat(e.getSuppressed()).contains(driverError);
    }
}
