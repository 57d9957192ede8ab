package dev.skein.samples.order;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Places an order: runs the saga and, when it fails, marks the order FAILED with the reason read from the
 * run's report. A request that repeats an idempotency key gets the first order back, and nothing is created.
 */
@ApplicationScoped
public class OrderPlacement {

    /** The order after placing, and whether the request was a repeat of an earlier one. */
    public record Placed(OrderJson order, boolean repeat) {
    }

    @Inject
    SkeinGraph<PlaceOrderCommand, Confirmation> placeOrder;

    @Inject
    OrderService orders;

    /**
     * Runs the saga and waits for it, compensations included.
     *
     * @throws UnknownProductException when the product does not exist (no order was written)
     * @throws GraphFailedException when the run failed before the order was written
     */
    public Placed place(PlaceOrderCommand command) throws InterruptedException {
        try {
            Confirmation confirmed = placeOrder.run(command);
            return new Placed(load(confirmed.orderId()), false);
        } catch (GraphFailedException failed) {
            Optional<DuplicateOrderException> repeat = Causes.find(failed, DuplicateOrderException.class);
            if (repeat.isPresent()) {
                return new Placed(load(repeat.get().existingOrderId()), true);
            }
            Causes.find(failed, UnknownProductException.class).ifPresent(unknown -> {
                throw unknown;
            });
            orders.fail(command.orderId(), FailureReasons.of(failed.report()));
            return new Placed(orders.find(command.orderId()).map(OrderJson::of).orElseThrow(() -> failed), false);
        }
    }

    private OrderJson load(String orderId) {
        return orders.find(orderId).map(OrderJson::of).orElseThrow();
    }
}
