package dev.skein.durable;

/** Where a durable run stands, as the journal has it. */
public enum RunStatus {
    /** Its owner runs it (or ran it and died: the run is then recovered once the takeover time has passed). */
    RUNNING,
    /** An instance that is not its owner is compensating it, its owner having stopped. */
    RECOVERING,
    /** It succeeded. */
    SUCCEEDED,
    /** It did not succeed, and everything it did was undone; the reason says why (e.g. "owner lost"). */
    COMPENSATED,
    /**
     * A compensation failed on every attempt: it waits for a person, who fixes the cause and calls
     * {@link DurableGraphs#retry}. Never retried on its own.
     */
    PARKED
}
