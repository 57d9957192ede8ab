package dev.skein.graph;

import dev.skein.internal.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one task in one run.
 * <pre>
 * outcome             | value() | failure()             | compensationFailure()
 * --------------------+---------+-----------------------+----------------------------------------
 * SUCCEEDED           | result  | -                     | -
 * FAILED              | -       | what it threw         | -
 * CANCELLED           | -       | -                     | -
 * SKIPPED             | -       | -                     | -
 * COMPENSATED         | result* | what it threw*        | -
 * COMPENSATION_FAILED | result* | what it threw*        | the last attempt's failure (earlier ones logged)
 * COMPENSATING        | result* | what it threw*        | - (still under way: the caller left, interrupted)
 * </pre>
 * (*) the result for a task that had succeeded; what it threw for a task with an uncertain compensation
 * that had failed (nothing if it had been cancelled). A {@code value()} is also empty when the result was
 * {@code null}.
 *
 * @implSpec Immutable.
 */
public final class TaskReport {

    private final String name;
    private final TaskOutcome outcome;
    /** Whether the task produced a result (possibly null) before any compensation. */
    final boolean hasResult;
    private final Object value;
    private final Throwable failure;
    private final Throwable compensationFailure;
    private final Instant startedAt;
    private final Instant endedAt;
    private final Instant compensationStartedAt;
    private final Instant compensationEndedAt;
    private final int compensationAttempts;

    TaskReport(String name, TaskOutcome outcome, boolean hasResult, Object value, Throwable failure, Throwable compensationFailure,
            Instant startedAt, Instant endedAt, Instant compensationStartedAt, Instant compensationEndedAt,
            int compensationAttempts) {
        this.name = name;
        this.outcome = outcome;
        this.hasResult = hasResult;
        this.value = value;
        this.failure = failure;
        this.compensationFailure = compensationFailure;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.compensationStartedAt = compensationStartedAt;
        this.compensationEndedAt = compensationEndedAt;
        this.compensationAttempts = compensationAttempts;
    }

    /** {@return the task's name} */
    public String name() {
        return name;
    }

    /** {@return how the task ended} */
    public TaskOutcome outcome() {
        return outcome;
    }

    /** {@return the task's result, if it produced one} */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }

    /** {@return what the task threw, if it failed} */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** {@return why its compensation failed, if it did} */
    public Optional<Throwable> compensationFailure() {
        return Optional.ofNullable(compensationFailure);
    }

    /** {@return when the task started, if it did in this instance (not in a {@linkplain Graph#recover recovered} run)} */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** {@return when the task ended, if it started in this instance} */
    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** {@return how long the task ran, if it did} */
    public Optional<Duration> duration() {
        return startedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
    }

    /** {@return when its compensation started, if it ran} */
    public Optional<Instant> compensationStartedAt() {
        return Optional.ofNullable(compensationStartedAt);
    }

    /** {@return when its compensation ended, if it ran} */
    public Optional<Instant> compensationEndedAt() {
        return Optional.ofNullable(compensationEndedAt);
    }

    /** {@return how many times its compensation was attempted: 0 if it did not run} */
    public int compensationAttempts() {
        return compensationAttempts;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(": ").append(outcome);
        if (startedAt != null) {
            s.append(" after ").append(Duration.between(startedAt, endedAt).toMillis()).append(" ms");
        }
        if (failure != null) {
            s.append(", failed with ").append(Text.describe(failure));
        }
        if (compensationFailure != null) {
            s.append(", compensation failed ").append(compensationAttempts).append(" times, last with ")
                    .append(Text.describe(compensationFailure));
        }
        return s.toString();
    }
}
