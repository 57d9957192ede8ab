package dev.skein.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that undoes a task whose effect is uncertain because it failed or was cancelled while
 * running (a payment that timed out may have charged). It takes parameters as the task does (its input
 * and its dependencies' results), and may take one {@code Throwable}: why the task did not succeed. The
 * task must also have a {@link Compensates} method, for when it succeeded. A {@code Uni} or a
 * {@code CompletionStage} it returns is awaited, as a task's is.
 * {@snippet :
 * @Task("authorise payment") Payment authorise(Order order) { ... }
 * @Compensates("authorise payment") void refund(Payment payment) { ... }
 * @CompensatesUncertainEffect("authorise payment") void refundAny(Order order, Throwable why) { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CompensatesUncertainEffect {

    /** {@return the name of the task it undoes} */
    String value();
}
