package dev.skein.samples.order;

import dev.skein.GraphFailedException;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.quarkus.SkeinGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Places an order: runs the saga and, when it fails, marks the order FAILED with the reason read from the
 * run's report. A request that repeats an idempotency key gets the first order back, and nothing is created. The
 * reports of the last runs are kept, for the orders' timelines.
 */
@ApplicationScoped
public class OrderPlacement {

    /** The saga's last task: a run that succeeded ends with its result. */
    private static final TaskKey<Confirmation> CONFIRM = TaskKey.of("confirm order", Confirmation.class);

    /** The order after placing, and whether the request was a repeat of an earlier one. */
    public record Placed(OrderJson order, boolean repeat) {
    }

    @Inject
    SkeinGraph<PlaceOrderCommand, Confirmation> placeOrder;

    @Inject
    OrderService orders;

    @Inject
    RecentRuns runs;

    /**
     * Runs the saga and waits for it, compensations included. The run's report is kept in {@code RecentRuns}
     * under the order's id, when the order was written.
     *
     * @throws UnknownProductException when the product does not exist (no order was written)
     * @throws GraphFailedException when the run failed before the order was written
     */
    public Placed place(PlaceOrderCommand command) throws InterruptedException {
        RunReport report = placeOrder.runForReport(command);
        if (report.succeeded()) {
            Confirmation confirmed = report.get(CONFIRM);
            runs.keep(confirmed.orderId(), report);
            return new Placed(load(confirmed.orderId()), false);
        }
        Throwable failure = report.failure().orElse(null);
        Optional<DuplicateOrderException> repeat = Causes.find(failure, DuplicateOrderException.class);
        if (repeat.isPresent()) {
            return new Placed(load(repeat.get().existingOrderId()), true);
        }
        Causes.find(failure, UnknownProductException.class).ifPresent(unknown -> {
            throw unknown;
        });
        orders.fail(command.orderId(), FailureReasons.of(report));
        OrderJson failed = orders.find(command.orderId()).map(OrderJson::of)
                .orElseThrow(() -> new GraphFailedException(report));
        runs.keep(command.orderId(), report);
        return new Placed(failed, false);
    }

    private OrderJson load(String orderId) {
        return orders.find(orderId).map(OrderJson::of).orElseThrow();
    }
}
