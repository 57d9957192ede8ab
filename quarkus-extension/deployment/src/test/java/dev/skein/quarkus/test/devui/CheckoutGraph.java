package dev.skein.quarkus.test.devui;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A diamond: create order, then reserve stock and authorise payment (through the named policy
 * "payment") side by side, then confirm. An order id starting with "declined" fails the payment.
 */
@ApplicationScoped
@TaskGraph("checkout")
public class CheckoutGraph {

    /** The configuration of the policy: a breaker that opens after two failures and stays open an hour. */
    static final String PAYMENT_POLICY = """
            quarkus.skein.policy.payment.circuit-breaker.request-volume-threshold=2
            quarkus.skein.policy.payment.circuit-breaker.failure-ratio=1.0
            quarkus.skein.policy.payment.circuit-breaker.delay=1
            quarkus.skein.policy.payment.circuit-breaker.delay-unit=hours
            """;

    public record Order(String id) {
    }

    public record Stock(String order) {
    }

    public record Payment(String order) {
    }

    public record Confirmation(String order) {
    }

    @Task("create order")
    Order create(@GraphInput String id) {
        return new Order(id);
    }

    @Task("reserve stock")
    Stock reserve(Order order) {
        return new Stock(order.id());
    }

    @Task(value = "authorise payment", policy = "payment")
    Payment authorise(Order order) {
        if (order.id().startsWith("declined")) {
            throw new IllegalStateException("card declined");
        }
        return new Payment(order.id());
    }

    @Task("confirm order")
    Confirmation confirm(Stock stock, Payment payment) {
        return new Confirmation(stock.order());
    }

    @Compensates("reserve stock")
    void release(Stock stock) {
        // nothing held
    }
}
