package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.GraphFailedException;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Compensations that keep failing are retried with a growing wait between attempts (SmallRye's retry),
 * keep only their last failure (the user's exception untouched), never hold an interrupted caller, and
 * are never given up because the caller was interrupted.
 */
class CompensationRetryTest {

    static final TaskKey<String> STOCK = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm", String.class);

    static final class Down extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Down() {
            super("inventory down, always the same instance");
        }
    }

    @Test
    void retriesWaitLongerAndLongerBetweenAttempts() throws Exception {
        ConcurrentLinkedQueue<Long> attemptedAt = new ConcurrentLinkedQueue<>();
        Down down = new Down();
        Graph<Void> graph = Graph.builder("backoff", Void.class)
                .compensationBackoff(Duration.ofMillis(20), Duration.ofMillis(80))
                .task(STOCK, in -> "s", t -> t.withCompensationRetries(3).withCompensation(s -> {
                    attemptedAt.add(System.nanoTime());
                    throw down;
                }))
                .task(CONFIRM, List.of(STOCK), in -> {
                    throw new IllegalStateException("refused");
                })
                .build();
        GraphFailedException e = GraphRunTest.catchFailure(() -> graph.run(null));
        TaskReport stock = e.report().task(STOCK);
        assertThat(stock.compensationAttempts()).isEqualTo(4);
        assertThat(stock.compensationFailure()).containsSame(down);
        assertThat(down.getSuppressed()).isEmpty();
        List<Long> at = List.copyOf(attemptedAt);
        // 20, 40, 80 ms apart at least (a wait is never shorter than asked)
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(at.get(3) - at.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(80).toNanos());
    }

    @Test
    void anInterruptedCallerReturnsAtOnceWhileEveryCompensationGoesOnToItsEnd() throws Exception {
        TaskKey<String> order = TaskKey.of("create order", String.class);
        AtomicInteger stockAttempts = new AtomicInteger();
        AtomicInteger orderUndone = new AtomicInteger();
        CountDownLatch firstAttemptRunning = new CountDownLatch(1);
        CountDownLatch serviceBack = new CountDownLatch(1);
        Down down = new Down();
        Graph<Void> graph = Graph.builder("interrupted while undoing", Void.class)
                .compensationBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .task(order, in -> "o", t -> t.withCompensation(o -> orderUndone.incrementAndGet()))
                .task(STOCK, List.of(order), in -> "s", t -> t.withCompensationRetries(3).withCompensationTimeout(Duration.ofMinutes(1))
                        .withCompensation(s -> {
                            if (stockAttempts.incrementAndGet() == 1) {
                                firstAttemptRunning.countDown();
                                serviceBack.await(); // the undo hangs until the service is back, then fails once
                                throw down;
                            }
                        }))
                .task(CONFIRM, List.of(STOCK), in -> {
                    throw new IllegalStateException("refused");
                })
                .build();
        CompletableFuture<RunReport> finalReport = new CompletableFuture<>();
        try (var registration = Graph.addListener(new GraphListener() {
            @Override
            public void onRunEnded(RunReport report) {
                if (report.graphName().equals("interrupted while undoing")) {
                    if (!finalReport.complete(report)) {
                        finalReport.obtrudeException(new AssertionError("the run's end was reported twice"));
                    }
                }
            }
        })) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    graph.run(null);
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            assertThat(firstAttemptRunning.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            assertThat(caller.join(Duration.ofSeconds(10))).as("the interrupted caller returned during the attempt").isTrue();
            assertThat(outcome.get()).isInstanceOfSatisfying(InterruptedException.class, e -> assertThat(e.getSuppressed())
                    .singleElement().isInstanceOfSatisfying(GraphFailedException.class, failed -> {
                        assertThat(failed.report().task(STOCK).outcome()).isEqualTo(TaskOutcome.COMPENSATING);
                        assertThat(failed.report().task(order).outcome()).isEqualTo(TaskOutcome.COMPENSATING);
                        assertThat(failed.getMessage()).contains("still compensating: create order, reserve stock");
                    }));
            assertThat(finalReport).as("the run has not ended: its compensations go on").isNotDone();
            assertThat(orderUndone).hasValue(0);

            serviceBack.countDown();
            RunReport report = finalReport.get(10, TimeUnit.SECONDS);
            assertThat(report.task(STOCK).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
            assertThat(report.task(STOCK).compensationAttempts()).isEqualTo(2);
            assertThat(report.task(order).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
            assertThat(orderUndone).as("the compensation that had not started when the caller left").hasValue(1);
            assertThat(stockAttempts).hasValue(2);
        }
    }

    @Test
    void aCompensationBackoffOrRetriesOutsideTheirBoundsAreRefusedByTheBuilder() {
        var builder = Graph.builder("bad backoff", Void.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.compensationBackoff(Duration.ofMillis(10), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be shorter than");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.compensationBackoff(Duration.ofNanos(10), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.compensationBackoff(Duration.ofMillis(1), Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most an hour");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.compensationRetries(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 40");
    }
}
