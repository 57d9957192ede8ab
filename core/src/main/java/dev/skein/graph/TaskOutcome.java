package dev.skein.graph;

/** How a task of a run ended. */
public enum TaskOutcome {
    /** It returned a result, and was not undone. */
    SUCCEEDED,
    /** It threw. In a failed run, a task with an uncertain compensation is compensated instead. */
    FAILED,
    /** The run was cancelled (a failure elsewhere, the deadline, a request) while it ran. */
    CANCELLED,
    /** It never ran: its condition was false, or the run stopped before its dependencies settled. */
    SKIPPED,
    /** The run failed and its compensation succeeded. */
    COMPENSATED,
    /** The run failed and its compensation failed on every attempt. */
    COMPENSATION_FAILED,
    /**
     * The run failed and its compensation had not ended when the caller, interrupted, stopped waiting. It
     * goes on to its end all the same; the final report goes to {@link GraphListener#onRunEnded}.
     */
    COMPENSATING
}
