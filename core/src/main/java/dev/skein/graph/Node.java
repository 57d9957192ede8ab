package dev.skein.graph;

import dev.skein.policy.Fallback;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
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
    /** The policy the function runs through (a named one resolved when the graph is built), or null. */
    final Policy policy;

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
        Policy chosen = options.policy;
        if (chosen == null && options.policyName != null) {
            chosen = Policies.find(options.policyName).orElse(null); // missing: reported by Validation
        }
        if (chosen == null && options.fallback != null) {
            chosen = Policy.of(p -> p); // no strategy: just the fallback's rules
        }
        this.policy = chosen;
    }

    /** Runs the function, through the policy and fallback if the task has them. */
    @SuppressWarnings("unchecked")
    Object run(TaskInputs<I> inputs) throws Exception {
        if (policy == null) {
            return function.apply(inputs);
        }
        Fallback<Object> fallback = (Fallback<Object>) options.fallback;
        return fallback == null ? policy.call(() -> function.apply(inputs))
                : policy.call(() -> function.apply(inputs), fallback);
    }

    boolean compensable() {
        return options.compensation != null || options.uncertainCompensation != null;
    }
}
