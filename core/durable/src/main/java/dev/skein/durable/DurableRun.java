package dev.skein.durable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A durable run as the journal has it, for operators ({@link DurableGraphs#runs}).
 *
 * @param id the run's id
 * @param graph the graph's name
 * @param graphVersion a digest of the graph's tasks, their dependencies and result types
 * @param owner the instance that runs it: the one that started it, or, once that one was lost, the one recovering it
 * @param status where it stands
 * @param outcome how it ended ({@code FAILED}, {@code OWNER_LOST}, ...: a {@link dev.skein.graph.RunOutcome}), once it has
 * @param reason why it did not succeed, or why it is parked
 * @param startedAt when it started
 * @param endedAt when it ended, compensations included, once it has
 * @param tasks its tasks that started, in the order they started
 */
public record DurableRun(String id, String graph, String graphVersion, String owner, RunStatus status,
        Optional<String> outcome, Optional<String> reason, Instant startedAt, Optional<Instant> endedAt, List<Task> tasks) {

    /**
     * A task of a durable run.
     *
     * @param name the task's name
     * @param outcome {@code STARTED} (no recorded end), {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} or {@code SKIPPED}
     * @param failure why it did not succeed, if it did not
     * @param compensation {@code COMPENSATED} or {@code COMPENSATION_FAILED}, once its compensation ended
     * @param compensationFailure the last attempt's failure, for {@code COMPENSATION_FAILED}
     */
    public record Task(String name, String outcome, Optional<String> failure, Optional<String> compensation,
            Optional<String> compensationFailure) {
    }
}
