package dev.skein.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the graph that the {@link Task} methods of a CDI bean form. Optional: without it, the graph is
 * named after the bean class (its simple name). One bean class, one graph.
 * {@snippet :
 * @ApplicationScoped
 * @TaskGraph("place order")
 * class PlaceOrder {
 *     @Task("create order") Order create(@GraphInput OrderRequest request) { ... }
 *     @Task("reserve stock") Reservation reserve(Order order) { ... }          // runs after "create order"
 *     @Compensates("reserve stock") void release(Reservation reservation) { ... }
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TaskGraph {

    /** {@return the graph's name: the name of each run's scope, and of its span} */
    String value();

    /**
     * {@return whether the graph is durable} Each run, its tasks' results and its compensations are then recorded in
     * the journal ({@code quarkus.skein.journal.enabled=true}, on the application's data source), and a run whose
     * instance died is compensated by another instance. Its input and task results must be what the journal can write
     * as JSON, and its compensations idempotent. {@code quarkus.skein.graph."<name>".durable} wins over it.
     */
    boolean durable() default false;
}
