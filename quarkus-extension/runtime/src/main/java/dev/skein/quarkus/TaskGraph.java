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
}
