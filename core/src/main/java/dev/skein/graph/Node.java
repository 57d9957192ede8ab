package dev.skein.graph;

import java.time.Duration;
import java.util.List;

/** A task of a built graph, with its dependencies resolved to indices. */
final class Node<I> {

    final int index;
    final TaskKey<?> key;
    final String name;
    final TaskFunction<I, ?> function;
    final TaskOptions<I, ?> options;
    final List<TaskKey<?>> declaredDependencies;
    /** Indices of the tasks this one runs after, ascending. */
    int[] dependencies;
    /** Indices of the tasks that run after this one, ascending. */
    int[] dependents;
    final int compensationRetries;
    final Duration compensationTimeout;

    Node(int index, TaskKey<?> key, TaskFunction<I, ?> function, TaskOptions<I, ?> options,
            List<TaskKey<?>> declaredDependencies, int defaultRetries, Duration defaultTimeout) {
        this.index = index;
        this.key = key;
        this.name = key.name();
        this.function = function;
        this.options = options;
        this.declaredDependencies = declaredDependencies;
        this.compensationRetries = options.compensationRetries >= 0 ? options.compensationRetries : defaultRetries;
        this.compensationTimeout = options.compensationTimeout != null ? options.compensationTimeout : defaultTimeout;
    }

    boolean compensable() {
        return options.compensation != null || options.uncertainCompensation != null;
    }
}
