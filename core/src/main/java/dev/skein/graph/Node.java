package dev.skein.graph;

import dev.skein.policy.Fallback;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    private final Duration compensationBackoff;
    private final Duration compensationMaxBackoff;
    /** Made on first use: most tasks are never compensated. */
    private volatile Policy compensationPolicy;
    /** The policy the function runs through (a named one resolved when the graph is built), or null. */
    final Policy policy;

    Node(int index, TaskKey<?> key, TaskFunction<I, ?> function, TaskOptions<I, ?> options,
            List<TaskKey<?>> declaredDependencies, int defaultRetries, Duration defaultTimeout, Duration backoff,
            Duration maxBackoff) {
        this.index = index;
        this.key = key;
        this.name = key.name();
        this.function = function;
        this.options = options;
        this.declaredDependencies = declaredDependencies;
        this.compensationRetries = options.compensationRetries >= 0 ? options.compensationRetries : defaultRetries;
        this.compensationTimeout = options.compensationTimeout != null ? options.compensationTimeout : defaultTimeout;
        this.compensationBackoff = backoff;
        this.compensationMaxBackoff = maxBackoff;
        Policy chosen = options.policy;
        if (chosen == null && options.policyName != null) {
            chosen = Policies.find(options.policyName).orElse(null); // missing: reported by Validation
        }
        this.policy = chosen;
    }

    /** Runs the function, through the policy if the task has one (its fallback is {@link #withFallback}'s). */
    Object callThroughPolicy(TaskInputs<I> inputs) throws Exception {
        return policy == null ? function.apply(inputs) : policy.call(() -> function.apply(inputs));
    }

    /**
     * {@return what {@code attempt} returned, or the fallback's value when it failed} Around everything the
     * task does: its policy and its own timeout; never when the task was cancelled (the policies' rule).
     */
    @SuppressWarnings("unchecked")
    Object withFallback(Callable<Object> attempt, TaskInputs<I> inputs) throws Exception {
        TaskFallback<I, Object> fallback = (TaskFallback<I, Object>) options.fallback;
        return fallback == null ? attempt.call()
                : FallbackOnly.POLICY.call(attempt, failure -> fallback.recover(inputs, failure));
    }

    /**
     * {@return the policy that retries this task's compensation: SmallRye's retry, up to its compensation
     * retries, the delay doubling from the graph's backoff up to its maximum} Errors are not retried.
     */
    Policy compensationPolicy() {
        Policy p = compensationPolicy;
        if (p == null) {
            p = compensationRetries == 0 ? FallbackOnly.POLICY : Policy.of(c -> c.withRetry(r -> r
                    .withMaxRetries(compensationRetries)
                    .withDelay(compensationBackoff)
                    .withExponentialBackoff(2, compensationMaxBackoff)));
            compensationPolicy = p; // two threads may both make one: the retry has no state to share
        }
        return p;
    }

    /** A policy with no strategy: only the fallback rules of {@link Policy#call(Callable, Fallback)}. */
    private static final class FallbackOnly {
        static final Policy POLICY = Policy.of(p -> p);
    }

    boolean compensable() {
        return options.compensation != null || options.uncertainCompensation != null;
    }
}
