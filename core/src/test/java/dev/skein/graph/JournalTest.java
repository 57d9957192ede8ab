package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.OwnerLostException;
import dev.skein.graph.GraphRunTest.Planned;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Durable graphs: what the journal records of a run and when, what a journal that throws does to the run,
 * and {@link Graph#recover} compensating a run whose owner died from what its journal recorded.
 */
class JournalTest {

    static final TaskKey<String> ORDER = TaskKey.of("create order", String.class);
    static final TaskKey<String> STOCK = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> PAYMENT = TaskKey.of("authorise payment", String.class);
    static final TaskKey<String> FRAUD = TaskKey.of("check fraud", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm order", String.class);

    /** Counts, per task, the compensations and the uncertain compensations that ran. */
    static final class Undone {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(String what) {
            counts.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
        }

        int of(String what) {
            AtomicInteger count = counts.get(what);
            return count == null ? 0 : count.get();
        }
    }

    @Test
    void aSucceededRunRecordsItsStartThenEachTaskBeforeItRunsAndAfterItSucceedsThenItsEnd() throws Exception {
        Trail trail = new Trail();
        RecordingJournal journal = new RecordingJournal(trail);
        Graph<String> graph = Graph.builder("durable", String.class)
                .task(ORDER, in -> {
                    trail.add("run create order");
                    return "order-" + in.input();
                })
                .task(STOCK, List.of(ORDER), in -> {
                    trail.add("run reserve stock");
                    return "stock-for-" + in.get(ORDER);
                })
                .journal(journal)
                .build();
        assertThat(graph.journal()).containsSame(journal);

        RunReport report = graph.run("42");

        assertThat(trail.events()).containsExactly("run starting durable with 42",
                "task starting create order", "run create order", "task succeeded create order = order-42",
                "task starting reserve stock", "run reserve stock", "task succeeded reserve stock = stock-for-order-42",
                "run ended SUCCEEDED");
        assertThat(journal.runsEnded).containsExactly(report);
    }

    @Test
    void aFailedRunRecordsTheFailureTheCancelledSiblingsAndEachCompensationsEnd() throws Exception {
        Trail trail = new Trail();
        RecordingJournal journal = new RecordingJournal(trail);
        CountDownLatch paymentRunning = new CountDownLatch(1);
        Planned fraud = new Planned("fraud suspected");
        Planned inventoryDown = new Planned("inventory down");
        Graph<String> graph = Graph.builder("durable saga", String.class)
                .task(ORDER, in -> "order-" + in.input(), t -> t.withCompensation(o -> trail.add("cancel " + o)))
                .task(STOCK, List.of(ORDER), in -> "stock", t -> t.withCompensationRetries(0).withCompensation(s -> {
                    trail.add("release " + s);
                    throw inventoryDown;
                }))
                .task(PAYMENT, List.of(ORDER), in -> {
                    trail.add("run authorise payment");
                    paymentRunning.countDown();
                    Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                    return "p";
                }, t -> t.withCompensation(p -> trail.add("refund " + p))
                        .withUncertainCompensation((in, failure) -> trail.add("refund uncertain payment")))
                .task(FRAUD, List.of(STOCK), in -> {
                    paymentRunning.await();
                    throw fraud;
                })
                .task(CONFIRM, List.of(STOCK, PAYMENT, FRAUD), in -> "c")
                .compensationBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .journal(journal)
                .build();

        GraphFailedException e = catchFailure(() -> graph.run("7"));

        assertThat(e).hasCause(fraud);
        RunReport report = e.report();
        trail.assertBefore("run starting durable saga with 7", "task starting create order");
        trail.assertBefore("task starting authorise payment", "run authorise payment");
        assertThat(journal.byTask("task succeeded")).containsOnlyKeys("create order", "reserve stock");
        assertThat(journal.byTask("task succeeded").get("create order").value()).isEqualTo("order-7");
        Map<String, RecordingJournal.Event> ended = journal.byTask("task ended");
        assertThat(ended).containsOnlyKeys("check fraud", "authorise payment");
        assertThat(ended.get("check fraud").outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(ended.get("check fraud").failure()).isSameAs(fraud);
        assertThat(ended.get("authorise payment").outcome()).isEqualTo(TaskOutcome.CANCELLED);
        assertThat(journal.byTask("task starting")).doesNotContainKey("confirm order");

        Map<String, RecordingJournal.Event> compensations = journal.byTask("compensation ended");
        assertThat(compensations).containsOnlyKeys("create order", "reserve stock", "authorise payment");
        assertThat(compensations.get("create order").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(compensations.get("authorise payment").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(compensations.get("reserve stock").outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(compensations.get("reserve stock").failure()).isSameAs(inventoryDown);
        trail.assertBefore("refund uncertain payment", "compensation ended authorise payment COMPENSATED");
        trail.assertBefore("compensation ended reserve stock COMPENSATION_FAILED", "cancel order-7");
        trail.assertBefore("compensation ended create order COMPENSATED", "run ended FAILED");
        assertThat(trail.events()).last().isEqualTo("run ended FAILED");
        assertThat(journal.runsEnded).containsExactly(report);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsExactly(TaskOutcome.COMPENSATED,
                TaskOutcome.COMPENSATION_FAILED, TaskOutcome.COMPENSATED, TaskOutcome.FAILED, TaskOutcome.SKIPPED);
    }

    @Test
    void aRunWhoseStartTheJournalCannotRecordRunsNoTaskAndFails() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        IllegalStateException databaseDown = new IllegalStateException("database down");
        RecordingJournal journal = new RecordingJournal().failing("run starting", databaseDown);
        Graph<Void> graph = Graph.builder("unrecorded", Void.class)
                .task(ORDER, in -> {
                    ran.set(true);
                    return "o";
                }, t -> t.withCompensation(o -> ran.set(true)))
                .journal(journal)
                .build();

        GraphFailedException e = catchFailure(() -> graph.run(null));

        assertThat(ran).isFalse();
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.failure().orElseThrow()).hasMessageContaining("journal").hasMessageContaining("unrecorded")
                .hasRootCause(databaseDown);
        assertThat(report.task(ORDER).outcome()).isEqualTo(TaskOutcome.SKIPPED);
        assertThat(journal.log()).isEmpty();
    }

    @Test
    void aTaskWhoseStartTheJournalCannotRecordDoesNotRunAndTheRunFailsAndCompensates() throws Exception {
        Undone undone = new Undone();
        AtomicBoolean stockRan = new AtomicBoolean();
        IllegalStateException databaseDown = new IllegalStateException("database down");
        RecordingJournal journal = new RecordingJournal().failing("task starting reserve stock", databaseDown);
        Graph<Void> graph = Graph.builder("start unrecorded", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> undone.add("order " + o)))
                .task(STOCK, List.of(ORDER), in -> {
                    stockRan.set(true);
                    return "s";
                }, t -> t.withCompensation(s -> undone.add("stock"))
                        .withUncertainCompensation((in, failure) -> undone.add("stock uncertain")))
                .journal(journal)
                .build();

        GraphFailedException e = catchFailure(() -> graph.run(null));

        assertThat(stockRan).isFalse();
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.failedTask()).contains("reserve stock");
        assertThat(e).rootCause().isSameAs(databaseDown);
        assertThat(e.getCause()).hasMessageContaining("journal").hasMessageContaining("reserve stock");
        assertThat(report.task(STOCK).outcome()).isEqualTo(TaskOutcome.SKIPPED);
        assertThat(report.task(ORDER).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(undone.counts).containsOnlyKeys("order o");
        assertThat(undone.of("order o")).isEqualTo(1);
    }

    @Test
    void aTaskWhoseSuccessTheJournalCannotRecordFailsTheRunAndIsCompensatedAsUncertain() throws Exception {
        Undone undone = new Undone();
        IllegalStateException databaseDown = new IllegalStateException("database down");
        RecordingJournal journal = new RecordingJournal().failing("task succeeded authorise payment", databaseDown);
        Graph<Void> graph = Graph.builder("success unrecorded", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> undone.add("order")))
                .task(PAYMENT, List.of(ORDER), in -> "p", t -> t.withCompensation(p -> undone.add("payment"))
                        .withUncertainCompensation((in, failure) -> undone.add("payment uncertain")))
                .task(CONFIRM, List.of(PAYMENT), in -> "c", t -> t.withCompensation(c -> undone.add("confirm")))
                .journal(journal)
                .build();

        GraphFailedException e = catchFailure(() -> graph.run(null));

        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.failedTask()).contains("authorise payment");
        assertThat(e).rootCause().isSameAs(databaseDown);
        assertThat(undone.of("payment uncertain")).isEqualTo(1);
        assertThat(undone.of("order")).isEqualTo(1);
        assertThat(undone.counts).containsOnlyKeys("payment uncertain", "order");
        assertThat(report.task(PAYMENT).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.task(CONFIRM).outcome()).isEqualTo(TaskOutcome.SKIPPED);
    }

    @Test
    void anOptionalTaskWhoseSuccessTheJournalCannotRecordStillFailsTheRun() throws Exception {
        Undone undone = new Undone();
        RecordingJournal journal = new RecordingJournal()
                .failing("task succeeded authorise payment", new IllegalStateException("database down"));
        Graph<Void> graph = Graph.builder("optional unrecorded", Void.class)
                .task(PAYMENT, in -> "p", t -> t.asOptional().withCompensation(p -> undone.add("payment"))
                        .withUncertainCompensation((in, failure) -> undone.add("payment uncertain")))
                .task(CONFIRM, List.of(PAYMENT), in -> "c")
                .journal(journal)
                .build();

        // the Javadoc's promise: "the run fails and the task is compensated as uncertain"; an optional
        // task's own failure does not fail the run, but a success the journal lost must
        GraphFailedException e = catchFailure(() -> graph.run(null));

        assertThat(e.report().failedTask()).contains("authorise payment");
        assertThat(undone.counts).containsOnlyKeys("payment uncertain");
        assertThat(undone.of("payment uncertain")).isEqualTo(1);
    }

    @Test
    void aJournalThatThrowsErrorsWhereItsFailureChangesNothingChangesNothing() throws Exception {
        Undone undone = new Undone();
        Planned declined = new Planned("declined");
        RecordingJournal journal = new RecordingJournal()
                .failing("task ended", new StackOverflowError())
                .failing("compensation ended", new OutOfMemoryError("test"))
                .failing("run ended", new StackOverflowError());
        Graph<Void> graph = Graph.builder("best effort", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> undone.add("order")))
                .task(STOCK, List.of(ORDER), in -> "s", t -> t.withCompensation(s -> undone.add("stock")))
                .task(PAYMENT, List.of(STOCK), in -> {
                    throw declined;
                }, t -> t.withCompensation(p -> undone.add("payment"))
                        .withUncertainCompensation((in, failure) -> undone.add("payment uncertain")))
                .journal(journal)
                .build();

        GraphFailedException e = catchFailure(() -> graph.run(null));

        assertThat(e).hasCause(declined);
        RunReport report = e.report();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsOnly(TaskOutcome.COMPENSATED);
        assertThat(undone.counts).containsOnlyKeys("order", "stock", "payment uncertain");
        assertThat(undone.counts.values()).allMatch(count -> count.get() == 1);
        assertThat(journal.byTask("compensation ended")).isEmpty();
        assertThat(journal.runsEnded).isEmpty();

        Graph<Void> fine = Graph.builder("best effort, succeeded", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> undone.add("fine order")))
                .journal(journal)
                .build();
        assertThat(fine.run(null).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(undone.of("fine order")).isZero();
    }

    /** A → (B, C) → D, each with a compensation and an uncertain one that add to the trail. */
    static final TaskKey<String> A = TaskKey.of("a", String.class);
    static final TaskKey<String> B = TaskKey.of("b", String.class);
    static final TaskKey<String> C = TaskKey.of("c", String.class);
    static final TaskKey<String> D = TaskKey.of("d", String.class);

    static Graph<String> diamond(Trail trail, Map<String, Throwable> why) {
        var builder = Graph.builder("diamond", String.class).compensationBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
        for (TaskKey<String> key : List.of(A, B, C, D)) {
            List<TaskKey<?>> after = key == A ? List.of() : key == D ? List.of(B, C) : List.of(A);
            builder.task(key, after, in -> {
                throw new AssertionError("a recovering instance runs no task");
            }, t -> t.withCompensation(result -> {
                trail.add("undo " + key.name() + " " + result);
            }).withUncertainCompensation((in, failure) -> {
                why.put(key.name(), failure);
                trail.add("undo uncertain " + key.name() + (key == A ? "" : " after a " + in.get(A)));
            }));
        }
        return builder.build();
    }

    @Test
    void recoverUndoesWhatTheDeadOwnerRecordedInReverseDependencyOrderEachOnce() throws Exception {
        Trail trail = new Trail();
        Map<String, Throwable> why = new ConcurrentHashMap<>();
        Graph<String> graph = diamond(trail, why);
        RecordingJournal journal = new RecordingJournal(trail);
        Journal.RecordedRun<String> recorded = new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, "a-result", null),
                "b", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, "b-result", null),
                "c", new Journal.RecordedTask(TaskOutcome.CANCELLED, null, null)));

        RunReport report = graph.recover(recorded, journal.entry());

        assertThat(report.outcome()).isEqualTo(RunOutcome.OWNER_LOST);
        assertThat(report.graphName()).isEqualTo("diamond");
        List<String> undone = trail.events().stream().filter(e -> e.startsWith("undo")).toList();
        assertThat(undone).hasSize(3).endsWith("undo a a-result")
                .contains("undo b b-result", "undo uncertain c after a a-result");
        trail.assertBefore("compensation ended b COMPENSATED", "undo a a-result");
        trail.assertBefore("compensation ended c COMPENSATED", "undo a a-result");
        assertThat(why).containsOnlyKeys("c");
        assertThat(why.get("c")).isInstanceOfSatisfying(OwnerLostException.class, lost -> {
            assertThat(lost.graph()).isEqualTo("diamond");
            assertThat(lost.task()).contains("c");
            assertThat(lost).hasMessageContaining("diamond").hasMessageContaining("'c'");
        });
        assertThat(journal.byTask("compensation ended")).containsOnlyKeys("a", "b", "c")
                .allSatisfy((task, e) -> assertThat(e.outcome()).isEqualTo(TaskOutcome.COMPENSATED));
        assertThat(trail.events()).last().isEqualTo("run ended OWNER_LOST");
        assertThat(journal.runsEnded).containsExactly(report);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsExactly(TaskOutcome.COMPENSATED,
                TaskOutcome.COMPENSATED, TaskOutcome.COMPENSATED, TaskOutcome.SKIPPED);
        assertThat(report.task(C).failure()).containsSame(why.get("c"));
    }

    @Test
    void recoverDoesNotUndoAgainWhatWasRecordedCompensated() throws Exception {
        Trail trail = new Trail();
        Map<String, Throwable> why = new ConcurrentHashMap<>();
        Graph<String> graph = diamond(trail, why);
        RecordingJournal journal = new RecordingJournal(trail);
        Journal.RecordedRun<String> recorded = new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, "a-result", null),
                "b", new Journal.RecordedTask(TaskOutcome.COMPENSATED, null, null),
                "c", new Journal.RecordedTask(TaskOutcome.FAILED, null, "gateway timed out")));

        RunReport report = graph.recover(recorded, journal.entry());

        assertThat(trail.events().stream().filter(e -> e.startsWith("undo")))
                .containsExactly("undo uncertain c after a a-result", "undo a a-result");
        assertThat(why.get("c")).hasMessageContaining("gateway timed out");
        assertThat(journal.byTask("compensation ended")).containsOnlyKeys("a", "c");
        assertThat(report.task(B).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.tasks()).extracting(TaskReport::outcome).containsExactly(TaskOutcome.COMPENSATED,
                TaskOutcome.COMPENSATED, TaskOutcome.COMPENSATED, TaskOutcome.SKIPPED);
    }

    /** A parked run retried: the dependency was undone before, the uncertain compensation that failed needs its result. */
    @Test
    void recoverGivesAnUncertainCompensationTheResultOfADependencyUndoneBefore() throws Exception {
        Trail trail = new Trail();
        Graph<String> graph = diamond(trail, new ConcurrentHashMap<>());
        Journal.RecordedRun<String> recorded = new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.COMPENSATED, "a-result", null),
                "b", new Journal.RecordedTask(TaskOutcome.COMPENSATED, "b-result", null),
                "c", new Journal.RecordedTask(TaskOutcome.FAILED, null, "gateway timed out")));

        graph.recover(recorded, new RecordingJournal(trail).entry());

        assertThat(trail.events().stream().filter(e -> e.startsWith("undo"))).containsExactly("undo uncertain c after a a-result");
    }

    @Test
    void recoverRefusesARecordedResultOfAnotherTypeAlsoForATaskUndoneBefore() {
        Graph<String> graph = diamond(new Trail(), new ConcurrentHashMap<>());
        Journal.RecordedRun<String> recorded = new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.COMPENSATED, 42, null),
                "c", new Journal.RecordedTask(TaskOutcome.FAILED, null, null)));

        assertThatThrownBy(() -> graph.recover(recorded, new RecordingJournal().entry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the recorded result of task 'a' is a java.lang.Integer");
    }

    @Test
    void aRecoveredRunsReportSaysWhenThisInstanceCompensatedAndNotWhenTheTasksRan() throws Exception {
        Graph<String> graph = diamond(new Trail(), new ConcurrentHashMap<>());
        Journal.RecordedRun<String> recorded = new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, "a-result", null),
                "b", new Journal.RecordedTask(TaskOutcome.CANCELLED, null, null)));

        RunReport report = graph.recover(recorded, new RecordingJournal().entry());

        // the journal records no times: the dead owner's are unknown here, so none is made up
        assertThat(report.task(A).startedAt()).isEmpty();
        assertThat(report.task(A).endedAt()).isEmpty();
        assertThat(report.task(B).startedAt()).isEmpty();
        assertThat(report.task(A).compensationStartedAt().orElseThrow()).isAfterOrEqualTo(report.startedAt())
                .isAfterOrEqualTo(report.task(B).compensationEndedAt().orElseThrow());
        assertThat(report.toMermaidGantt()).doesNotContain(" -");
    }

    @Test
    void aCallerInterruptedWhileTheJournalRecordsTheRunsStartGetsItsInterrupt() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        InterruptedException interrupt = new InterruptedException("interrupted while writing");
        RecordingJournal journal = new RecordingJournal().failing("run starting", interrupt);
        Graph<Void> graph = Graph.builder("interrupted start", Void.class)
                .task(ORDER, in -> {
                    ran.set(true);
                    return "o";
                })
                .journal(journal)
                .build();

        assertThatThrownBy(() -> graph.run(null)).isSameAs(interrupt);

        assertThat(ran).isFalse();
        assertThat(interrupt.getSuppressed()).singleElement().isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.report().outcome()).isEqualTo(RunOutcome.CANCELLED));
    }

    @Test
    void recoverRefusesARecordOfAnotherVersionOfTheGraph() {
        Trail trail = new Trail();
        Graph<String> graph = diamond(trail, new ConcurrentHashMap<>());
        RecordingJournal journal = new RecordingJournal(trail);

        assertThatThrownBy(() -> graph.recover(new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, "a-result", null),
                "ship parcel", new Journal.RecordedTask(TaskOutcome.CANCELLED, null, null))), journal.entry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ship parcel");
        assertThatThrownBy(() -> graph.recover(new Journal.RecordedRun<>("42", Map.of(
                "a", new Journal.RecordedTask(TaskOutcome.SUCCEEDED, 17, null))), journal.entry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'")
                .hasMessageContaining(Integer.class.getName());
        assertThat(trail.events()).isEmpty();
    }

    @Test
    void aRecordedTaskIsNeverStillCompensating() {
        assertThatThrownBy(() -> new Journal.RecordedTask(TaskOutcome.COMPENSATING, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMPENSATING");
    }
}
