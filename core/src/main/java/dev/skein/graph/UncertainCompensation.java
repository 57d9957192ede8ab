package dev.skein.graph;

/**
 * Undoes a task that failed or was cancelled while running, for tasks whose effect is uncertain then: a
 * payment call that timed out may still have charged the card. It gets the task's inputs (to find what to
 * undo, e.g. by an idempotency key) and why the task did not succeed.
 *
 * @param <I> the type of the graph's input
 */
@FunctionalInterface
public interface UncertainCompensation<I> {

    /**
     * Undoes whatever the failed task may have done. Throwing makes Skein retry, then record the failure.
     * @param failure what the task threw, or a {@link dev.skein.CancelledException} if it was cancelled
     */
    void undo(TaskInputs<I> inputs, Throwable failure) throws Exception;
}
