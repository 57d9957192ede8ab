package dev.skein.graph;

import io.smallrye.mutiny.Uni;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The work of a task: from the graph's input and its dependencies' results to its own result. It runs
 * on its own virtual thread, so it may block; a cancelled run interrupts it.
 *
 * <p>A task written against a reactive or asynchronous API adapts with {@link #ofUni} or
 * {@link #ofStage}: the task's thread waits for the item, and cancelling the task cancels the
 * subscription (or the future).
 *
 * @param <I> the type of the graph's input
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface TaskFunction<I, T> {

    /** {@return the task's result} Anything it throws fails the task. */
    T apply(TaskInputs<I> inputs) throws Exception;

    /**
     * {@return a task that subscribes to the {@link Uni} made by {@code function} and waits for its item}
     * Cancelling the task cancels the subscription; a failure of the {@code Uni} fails the task.
     */
    static <I, T> TaskFunction<I, T> ofUni(Function<? super TaskInputs<I>, ? extends Uni<? extends T>> function) {
        Objects.requireNonNull(function, "function");
        return inputs -> Await.uni(function.apply(inputs));
    }

    /**
     * {@return a task that waits for the {@link CompletionStage} made by {@code function}} Cancelling
     * the task cancels the stage if it is a {@link java.util.concurrent.Future}; a stage completed
     * exceptionally fails the task with its cause.
     */
    static <I, T> TaskFunction<I, T> ofStage(
            Function<? super TaskInputs<I>, ? extends CompletionStage<? extends T>> function) {
        Objects.requireNonNull(function, "function");
        return inputs -> Await.stage(function.apply(inputs));
    }
}
