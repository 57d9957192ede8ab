package dev.skein.graph;

import java.util.Optional;

/**
 * What a task sees when it runs: the graph's input and the results of the tasks it depends on.
 * {@snippet :
 * .task(CONFIRM, List.of(RESERVE_STOCK, AUTHORISE_PAYMENT),
 *       in -> orders.confirm(in.input(), in.get(RESERVE_STOCK), in.get(AUTHORISE_PAYMENT)))
 * }
 * A dependency that was skipped, or an optional dependency that failed, has no result: read it with
 * {@link #find(TaskKey)}.
 *
 * @param <I> the type of the graph's input
 */
public interface TaskInputs<I> {

    /** {@return the input the run was started with} */
    I input();

    /**
     * {@return the result of the dependency {@code key}} May be {@code null} if that task returned null.
     * @throws IllegalArgumentException if {@code key} is not one of this task's dependencies
     * @throws IllegalStateException if the dependency has no result (skipped, or optional and failed)
     */
    <T> T get(TaskKey<T> key);

    /**
     * {@return the result of the dependency {@code key}, empty if it has none (skipped, optional and
     * failed, or it returned null)}
     * @throws IllegalArgumentException if {@code key} is not one of this task's dependencies
     */
    <T> Optional<T> find(TaskKey<T> key);
}
