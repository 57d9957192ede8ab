package dev.skein.graph;

/**
 * Undoes the effect of a task that succeeded, given the result it produced (release the reserved stock,
 * refund the payment). Runs at most once per run, after the compensations of every task that depends on
 * it; see {@link Graph} for when.
 *
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface Compensation<T> {

    /** Undoes the task that produced {@code result}. Throwing makes Skein retry, then record the failure. */
    void undo(T result) throws Exception;
}
