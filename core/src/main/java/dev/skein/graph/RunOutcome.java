package dev.skein.graph;

/** How a run of a graph ended. Every outcome but {@link #SUCCEEDED} runs the compensations. */
public enum RunOutcome {
    /** Every task succeeded, was skipped by its condition, or was optional. */
    SUCCEEDED,
    /** A task that is not optional failed. */
    FAILED,
    /** The run was cancelled: on request, by an enclosing scope, or by an interrupt of its caller. */
    CANCELLED,
    /** The run's deadline (its own or an enclosing one) passed. */
    DEADLINE_EXCEEDED,
    /**
     * The instance running a durable run stopped before the run ended, and another instance compensated it
     * from its journal ({@link Graph#recover}).
     */
    OWNER_LOST
}
