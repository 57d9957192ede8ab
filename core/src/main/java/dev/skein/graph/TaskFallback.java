package dev.skein.graph;

/**
 * The value a task gives when it failed, made from the task's inputs and the failure: for a fallback
 * that needs what the task was given (the graph's input, its dependencies' results). Not used when the
 * task is cancelled, which always propagates. See {@link TaskOptions#withFallback(TaskFallback)}.
 *
 * @param <I> the type of the graph's input
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface TaskFallback<I, T> {

    /** {@return the value to use instead} Throwing fails the task with what it throws. */
    T recover(TaskInputs<I> inputs, Throwable failure) throws Exception;
}
