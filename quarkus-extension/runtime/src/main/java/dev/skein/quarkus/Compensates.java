package dev.skein.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that undoes a task of the same bean when a run the task succeeded in fails: it takes
 * exactly one parameter, of the task's result type (none when the task returns nothing). Compensations run in
 * reverse dependency order, detached from the run's cancellation, each at most once per run (see
 * {@code docs/graphs.md}). One that returns a {@code Uni} or a {@code CompletionStage} is awaited, as a task's
 * is: it has undone the task when that ends, and its failure is the compensation's.
 * {@snippet :
 * @Task("reserve stock") Reservation reserve(Order order) { ... }
 * @Compensates("reserve stock") void release(Reservation reservation) { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Compensates {

    /** {@return the name of the task it undoes} */
    String value();
}
