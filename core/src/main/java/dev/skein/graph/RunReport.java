package dev.skein.graph;

import dev.skein.internal.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of a {@link Graph} did: its outcome and, per task, how it ended, its value or failure,
 * and when it ran and was compensated. {@link #toMermaidGantt()} draws the timeline.
 * {@snippet :
 * RunReport report = graph.run(request);
 * Confirmation confirmation = report.get(CONFIRM);
 * }
 *
 * @implSpec Immutable and thread-safe.
 */
public final class RunReport {

    private final Graph<?> graph;
    private final RunOutcome outcome;
    private final Throwable failure;
    private final String failedTask;
    private final List<Throwable> otherFailures;
    private final Instant startedAt;
    private final Duration duration;
    private final List<TaskReport> tasks;
    private final Map<String, TaskReport> byName;

    RunReport(GraphRun<?> run, RunOutcome outcome, Throwable failure, String failedTask,
            List<Throwable> otherFailures, long endNanos, Compensator compensator) {
        this.graph = run.graph;
        this.outcome = outcome;
        this.failure = failure;
        this.failedTask = failedTask;
        List<Throwable> others = new ArrayList<>(otherFailures);
        if (compensator != null && compensator.escaped != null) {
            others.add(compensator.escaped);
        }
        this.otherFailures = List.copyOf(others);
        this.startedAt = run.runStartInstant;
        this.duration = Duration.ofNanos(endNanos - run.runStartNanos);
        int n = run.outcomes.length;
        List<TaskReport> reports = new ArrayList<>(n);
        Map<String, TaskReport> names = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            TaskOutcome taskOutcome = run.outcomes[i];
            Instant compensationStart = null;
            Instant compensationEnd = null;
            Throwable compensationFailure = null;
            int attempts = 0;
            if (compensator != null && compensator.compensated(i)) {
                if (!compensator.ended(i) && compensator.continuesWithoutCaller()) {
                    taskOutcome = TaskOutcome.COMPENSATING; // its end goes to the listeners' onRunEnded
                } else {
                    if (compensator.attempts[i] > 0) {
                        compensationStart = at(run, compensator.startNanos[i]);
                        compensationEnd = at(run, compensator.endNanos[i]);
                    }
                    compensationFailure = compensator.failure(i);
                    attempts = compensator.attempts[i];
                    taskOutcome = compensationFailure == null ? TaskOutcome.COMPENSATED : TaskOutcome.COMPENSATION_FAILED;
                }
            }
            if (run.compensatedBefore[i]) { // a recovered run: an instance before this one undid it
                taskOutcome = TaskOutcome.COMPENSATED;
            }
            boolean ran = run.outcomes[i] != TaskOutcome.SKIPPED && !run.recovered; // ran here, so when is known
            boolean succeeded = run.outcomes[i] == TaskOutcome.SUCCEEDED;
            TaskReport report = new TaskReport(run.graph.nodes.get(i).name, taskOutcome, succeeded,
                    succeeded ? run.values[i] : null, run.failures[i],
                    compensationFailure, ran ? at(run, run.startNanos[i]) : null,
                    ran ? at(run, run.endNanos[i]) : null, compensationStart, compensationEnd, attempts);
            reports.add(report);
            names.put(report.name(), report);
        }
        this.tasks = List.copyOf(reports);
        this.byName = names;
    }

    private static Instant at(GraphRun<?> run, long nanos) {
        return run.runStartInstant.plusNanos(nanos - run.runStartNanos);
    }

    /** {@return the name of the graph that ran} */
    public String graphName() {
        return graph.name();
    }

    /** {@return how the run ended} */
    public RunOutcome outcome() {
        return outcome;
    }

    /** {@return whether the run succeeded} */
    public boolean succeeded() {
        return outcome == RunOutcome.SUCCEEDED;
    }

    /**
     * {@return why the run did not succeed} The first failure of a task for {@link RunOutcome#FAILED};
     * otherwise a {@link dev.skein.CancelledException} ({@link dev.skein.DeadlineExceededException} for a
     * deadline) whose cancellation says why (an interrupted caller is {@code OWNER_INTERRUPTED}).
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * {@return what else went wrong, beyond {@link #failure()}} Failures of other tasks (each is also in
     * its {@link TaskReport}), and what cancelled tasks threw beyond their way of stopping (a driver's
     * exception after an interrupt, say). {@link dev.skein.GraphFailedException} carries them as
     * suppressed.
     */
    public List<Throwable> otherFailures() {
        return otherFailures;
    }

    /** {@return the name of the task whose failure failed the run, if one did} */
    public Optional<String> failedTask() {
        return Optional.ofNullable(failedTask);
    }

    /** {@return when the run started} */
    public Instant startedAt() {
        return startedAt;
    }

    /** {@return how long the tasks ran, compensation excluded} */
    public Duration duration() {
        return duration;
    }

    /** {@return a report per task, in the order the tasks were declared} */
    public List<TaskReport> tasks() {
        return tasks;
    }

    /**
     * {@return the report of the task called {@code name}}
     * @throws IllegalArgumentException if the graph has no such task
     */
    public TaskReport task(String name) {
        TaskReport report = byName.get(name);
        if (report == null) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' has no task '" + name + "'; its tasks are "
                    + byName.keySet());
        }
        return report;
    }

    /** {@return the report of the task {@code key} names} */
    public TaskReport task(TaskKey<?> key) {
        return task(key.name());
    }

    /**
     * {@return the result of task {@code key}} May be {@code null} if the task returned null.
     * @throws IllegalArgumentException if the graph has no such task, or it produces another type
     * @throws IllegalStateException if the task produced no result in this run (the message says why)
     */
    public <T> T get(TaskKey<T> key) {
        TaskReport report = task(key.name());
        Class<?> produced = graph.nodes.get(graph.indexByName.get(key.name())).key.type();
        if (!key.type().isAssignableFrom(produced)) {
            throw new IllegalArgumentException("task '" + key.name() + "' produces " + produced.getName()
                    + ", not " + key.type().getName());
        }
        if (!report.hasResult) {
            throw new IllegalStateException("task '" + key.name() + "' has no result: it ended " + report.outcome()
                    + (failure == null ? "" : "; the run ended " + outcome + " with " + failure));
        }
        return key.type().cast(report.value().orElse(null));
    }

    /**
     * {@return the run's timeline as a Mermaid Gantt chart} One bar per task that ran, labelled with its
     * outcome, the critical path marked {@code crit}, and the compensations in a section of their own.
     * Times are relative to the run's start; bars shorter than a millisecond are drawn one millisecond long.
     */
    public String toMermaidGantt() {
        return Pictures.gantt(graph, this);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("run of '").append(graph.name()).append("': ").append(outcome)
                .append(" in ").append(duration.toMillis()).append(" ms");
        if (failure != null) {
            s.append(failedTask == null ? "" : " at '" + failedTask + "'").append(" (").append(Text.describe(failure)).append(')');
        }
        for (TaskReport t : tasks) {
            s.append("\n  ").append(t);
        }
        return s.toString();
    }
}
