package dev.skein;

import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.graph.TaskReport;
import dev.skein.internal.Text;
import java.io.Serial;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A run of a graph did not succeed: a task failed, or the run was cancelled or ran out of time. The
 * {@linkplain #getCause() cause} is {@link RunReport#failure()}; the {@link #report()} tells what every
 * task did and how it was compensated. Other failures ({@link RunReport#otherFailures()}) and
 * compensations that failed are attached as {@linkplain #getSuppressed() suppressed}: they never hide the
 * original failure. The report is not serialized with the exception.
 */
public final class GraphFailedException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient RunReport report;

    public GraphFailedException(RunReport report) {
        super(message(report), report.failure().orElse(null));
        this.report = report;
        report.otherFailures().forEach(this::addSuppressed);
        for (TaskReport task : report.tasks()) {
            task.compensationFailure().ifPresent(this::addSuppressed);
        }
    }

    /** {@return what the run did, task by task} */
    public RunReport report() {
        return report;
    }

    /** {@return the name of the task whose failure failed the run, if one did} */
    public Optional<String> failedTask() {
        return report.failedTask();
    }

    private static String message(RunReport report) {
        StringBuilder s = new StringBuilder("run of graph '").append(report.graphName()).append("' ")
                .append(switch (report.outcome()) {
                    case FAILED -> "failed";
                    case CANCELLED -> "was cancelled";
                    case DEADLINE_EXCEEDED -> "exceeded its deadline";
                    case OWNER_LOST -> "lost its owner and was compensated by another instance";
                    case SUCCEEDED -> "succeeded";
                });
        report.failedTask().ifPresent(t -> s.append(" at task '").append(t).append('\''));
        report.failure().ifPresent(f -> s.append(": ").append(Text.describe(f)));
        appendTasks(s, report, TaskOutcome.COMPENSATED, "compensated");
        appendTasks(s, report, TaskOutcome.COMPENSATION_FAILED, "compensation failed");
        appendTasks(s, report, TaskOutcome.COMPENSATING, "still compensating");
        return s.toString();
    }

    private static void appendTasks(StringBuilder s, RunReport report, TaskOutcome outcome, String label) {
        String names = report.tasks().stream().filter(t -> t.outcome() == outcome).map(TaskReport::name)
                .collect(Collectors.joining(", "));
        if (!names.isEmpty()) {
            s.append("; ").append(label).append(": ").append(names);
        }
    }
}
