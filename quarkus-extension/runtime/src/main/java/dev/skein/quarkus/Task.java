package dev.skein.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as a task of the bean's graph (see {@link TaskGraph}). The method runs
 * on a virtual thread of its own, as a branch of the run's scope, once every task it depends on has
 * settled.
 *
 * <h2>Dependencies</h2>
 * Each parameter is one of:
 * <ul>
 * <li>the run's input, marked {@link GraphInput};</li>
 * <li>the result of the one task of the graph that returns the parameter's type (with its type
 * arguments: a {@code List<Item>} parameter takes the task that returns {@code List<Item>});</li>
 * <li>the result of the task named by {@link From}, where several tasks return that type.</li>
 * </ul>
 * {@link #after()} names tasks that must end first without passing a result. A method that returns
 * {@code Uni<T>} or {@code CompletionStage<T>} produces a {@code T}, awaited on the task's thread.
 *
 * <h2>Options</h2>
 * Members set the task's timeout, whether it is optional, a condition, a named policy and how its
 * compensation is retried; fault-tolerance annotations on the method ({@code @Retry},
 * {@code @ExponentialBackoff}, {@code @CircuitBreaker}, {@code @Timeout}, {@code @Bulkhead},
 * {@code @RateLimit}, {@code @Fallback}) become the task's policy and fallback, configured with the keys
 * SmallRye Fault Tolerance reads, and applied once, also when {@code quarkus-smallrye-fault-tolerance} is
 * present (see {@code docs/quarkus-fault-tolerance.md}). Everything is checked when the application is built.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {

    /** {@return the task's name, unique in its graph; the method's name when empty} */
    String value() default "";

    /** {@return tasks that must end before this one, though it takes none of their results} */
    String[] after() default {};

    /**
     * {@return the most time the task may take, as a {@link java.time.Duration} ({@code PT2S}) or a
     * number with a unit ({@code 2s}, {@code 500ms}); none when empty} The run's deadline still wins when
     * nearer. A task that runs out of time fails with a {@code DeadlineExceededException}.
     */
    String timeout() default "";

    /** {@return whether the task's failure leaves the run going (its dependents find no result)} */
    boolean optional() default false;

    /**
     * {@return the name of a {@code boolean} method of the same bean that decides whether the task runs;
     * it takes parameters as the task does} When it returns false the task is skipped and its dependents
     * find no result.
     */
    String onlyIf() default "";

    /**
     * {@return a named policy the task runs through, configured under {@code quarkus.skein.policy."<name>".*};
     * none when empty} The build checks that the configuration has it (a policy defined in code with
     * {@code Policies.define} is not visible to the build). A task with a named policy has no other
     * fault-tolerance annotation but {@code @Fallback}.
     */
    String policy() default "";

    /** {@return how many times a failed compensation of this task is retried; the graph's default when negative} */
    int compensationRetries() default -1;

    /** {@return the most time each attempt of this task's compensation may take (as {@link #timeout()}); the graph's default when empty} */
    String compensationTimeout() default "";
}
