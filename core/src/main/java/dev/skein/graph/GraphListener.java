package dev.skein.graph;

import java.time.Duration;
import java.util.Optional;

/**
 * Hears what graph runs do: for health checks, dashboards, and the Quarkus extension, which fires these
 * events as CDI events. Register with {@link Graph#addListener}.
 *
 * <p>Each method is called on the thread where the event happened (a task's, a compensation's, the
 * run's), so it must be quick and must not block. Whatever it throws, an {@link Error} included, is
 * logged and changes nothing: the run, its tasks and its compensations go on as if it had returned, and
 * the other listeners are still called.
 */
public interface GraphListener {

    /** A run of {@code graph} started, with {@code input}. */
    record RunStarted(String graph, Object input) {
    }

    /**
     * A task ran and ended: {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} (it threw after the run
     * was cancelled) or {@code SKIPPED} (its condition was false). Tasks the run never started have no such
     * event (the run's report has them).
     *
     * @param graph the graph's name
     * @param task the task's name
     * @param outcome how it ended, before any compensation
     * @param duration how long it ran
     * @param failure what it threw, for a failed or cancelled task
     */
    record TaskEnded(String graph, String task, TaskOutcome outcome, Duration duration, Optional<Throwable> failure) {
    }

    /**
     * The compensation of a task ended: {@code COMPENSATED} or {@code COMPENSATION_FAILED}.
     *
     * @param graph the graph's name
     * @param task the task's name
     * @param outcome how its compensation ended
     * @param attempts how many times it was attempted
     * @param failure the last attempt's failure, when it failed
     */
    record CompensationEnded(String graph, String task, TaskOutcome outcome, int attempts, Optional<Throwable> failure) {
    }

    /** A run started. */
    default void onRunStarted(RunStarted event) {
    }

    /** A task of a run ended. */
    default void onTaskEnded(TaskEnded event) {
    }

    /** A compensation of a run ended. */
    default void onCompensationEnded(CompensationEnded event) {
    }

    /** A run ended, its compensations included: {@code report} says how. */
    default void onRunEnded(RunReport report) {
    }
}
