package dev.skein.graph;

import dev.skein.policy.Fallback;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How one task of a {@link Graph} runs: its timeout, whether it is optional, when it is skipped, and how
 * it is undone. Passed to {@link Graph.Builder#task(TaskKey, java.util.List, TaskFunction,
 * java.util.function.UnaryOperator)} as a function of the defaults:
 * {@snippet :
 * .task(AUTHORISE_PAYMENT, List.of(CREATE_ORDER), in -> payments.authorise(in.get(CREATE_ORDER)),
 *       task -> task.withTimeout(Duration.ofSeconds(2))
 *                   .withCompensation(payment -> payments.refund(payment))
 *                   .withUncertainCompensation((in, failure) -> payments.refundByOrder(in.get(CREATE_ORDER))))
 * }
 * Each method checks its argument at once and returns a new set of options.
 *
 * <p>{@link #withPolicy} adds SmallRye Fault Tolerance's retry, circuit breaker, rate limit, timeout and
 * bulkhead, inside the task's own timeout; {@link #withFallback(Fallback)} gives a value when all of that
 * failed ({@link #withFallback(TaskFallback)} from the task's inputs too).
 *
 * @param <I> the type of the graph's input
 * @param <T> the type of the task's result
 */
public final class TaskOptions<I, T> {

    /** The most retries a compensation may have. */
    public static final int MAX_COMPENSATION_RETRIES = 40;

    private static final TaskOptions<?, ?> DEFAULTS = new TaskOptions<>(null, false, null, null, null, -1, null,
            null, null, null);

    final Duration timeout;
    final boolean optional;
    final Predicate<? super TaskInputs<I>> condition;
    final Compensation<? super T> compensation;
    final UncertainCompensation<I> uncertainCompensation;
    /** Negative: the graph's default. */
    final int compensationRetries;
    /** Null: the graph's default. */
    final Duration compensationTimeout;
    final Policy policy;
    /** A named policy, resolved when the graph is built. */
    final String policyName;
    final TaskFallback<I, ? extends T> fallback;

    private TaskOptions(Duration timeout, boolean optional, Predicate<? super TaskInputs<I>> condition,
            Compensation<? super T> compensation, UncertainCompensation<I> uncertainCompensation,
            int compensationRetries, Duration compensationTimeout, Policy policy, String policyName,
            TaskFallback<I, ? extends T> fallback) {
        this.timeout = timeout;
        this.optional = optional;
        this.condition = condition;
        this.compensation = compensation;
        this.uncertainCompensation = uncertainCompensation;
        this.compensationRetries = compensationRetries;
        this.compensationTimeout = compensationTimeout;
        this.policy = policy;
        this.policyName = policyName;
        this.fallback = fallback;
    }

    @SuppressWarnings("unchecked")
    static <I, T> TaskOptions<I, T> defaults() {
        return (TaskOptions<I, T>) DEFAULTS;
    }

    /**
     * {@return options that give the task at most {@code timeout} to run} The run's own deadline still
     * wins when it is nearer. A task that runs out of time fails with a
     * {@link dev.skein.DeadlineExceededException}.
     */
    public TaskOptions<I, T> withTimeout(Duration timeout) {
        requirePositive(timeout, "task timeout");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    /**
     * {@return options that make the task optional} Its failure does not fail the run: it is reported as
     * failed, and the tasks that depend on it run and find no result ({@link TaskInputs#find}). An
     * {@link Error} still fails the run.
     */
    public TaskOptions<I, T> asOptional() {
        return new TaskOptions<>(timeout, true, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    /**
     * {@return options that run the task only if {@code condition} holds} The condition is tested on the
     * task's thread once its dependencies have settled; when it fails the task is skipped, and the tasks
     * that depend on it run and find no result.
     */
    public TaskOptions<I, T> onlyIf(Predicate<? super TaskInputs<I>> condition) {
        Objects.requireNonNull(condition, "condition");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    /** {@return options that undo the task with {@code compensation} when a run it succeeded in fails} */
    public TaskOptions<I, T> withCompensation(Compensation<? super T> compensation) {
        Objects.requireNonNull(compensation, "compensation");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    /**
     * {@return options that undo the task with {@code compensation} when it fails or is cancelled while
     * running} For tasks whose effect is uncertain when they do not succeed (a timed-out payment may have
     * charged). It runs when the run fails, like every compensation. It complements
     * {@link #withCompensation}, which the task must have too ({@link Graph.Builder#build()} checks).
     */
    public TaskOptions<I, T> withUncertainCompensation(UncertainCompensation<I> compensation) {
        Objects.requireNonNull(compensation, "compensation");
        return new TaskOptions<>(timeout, optional, condition, this.compensation, compensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    /**
     * {@return options that retry a failing compensation of this task up to {@code retries} times} At most
     * {@link #MAX_COMPENSATION_RETRIES}: beyond about 40 doublings, SmallRye's growing retry delay overflows
     * and its retries would follow each other without a wait.
     */
    public TaskOptions<I, T> withCompensationRetries(int retries) {
        requireRetries(retries);
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation, retries,
                compensationTimeout, policy, policyName, fallback);
    }

    /** {@return options that give each attempt of this task's compensation at most {@code timeout}} */
    public TaskOptions<I, T> withCompensationTimeout(Duration timeout) {
        requirePositive(timeout, "compensation timeout");
        return new TaskOptions<>(this.timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, timeout, policy, policyName, fallback);
    }

    /**
     * {@return options that run the task through {@code policy}} (retry, circuit breaker, rate limit,
     * timeout, bulkhead), inside the task's own timeout. Replaces any policy set before.
     */
    public TaskOptions<I, T> withPolicy(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, null, fallback);
    }

    /**
     * {@return options that run the task through the named policy} (see {@link Policies#define}), shared
     * with every task and branch that names it. It must be defined when the graph is built.
     */
    public TaskOptions<I, T> withPolicy(String policyName) {
        Objects.requireNonNull(policyName, "policyName");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, null, policyName, fallback);
    }

    /**
     * {@return options that give the task {@code fallback}'s value when it fails} After every retry of
     * its policy, and for the policy's rejections too; never when the task is cancelled.
     */
    public TaskOptions<I, T> withFallback(Fallback<? extends T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return withFallback((TaskFallback<I, T>) (inputs, failure) -> fallback.recover(failure));
    }

    /**
     * {@return options that give the task {@code fallback}'s value when it fails} As
     * {@link #withFallback(Fallback)}, for a fallback that also takes the task's inputs. Replaces any
     * fallback set before.
     */
    public TaskOptions<I, T> withFallback(TaskFallback<I, ? extends T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return new TaskOptions<>(timeout, optional, condition, compensation, uncertainCompensation,
                compensationRetries, compensationTimeout, policy, policyName, fallback);
    }

    static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    static void requireRetries(int retries) {
        if (retries < 0 || retries > MAX_COMPENSATION_RETRIES) {
            throw new IllegalArgumentException("compensation retries must be between 0 and " + MAX_COMPENSATION_RETRIES
                    + ", was " + retries + " (the wait doubles between retries; a compensation that must never be given "
                    + "up belongs to a person, who is told by the report that it failed)");
        }
    }
}
