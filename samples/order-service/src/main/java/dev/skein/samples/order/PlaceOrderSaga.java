package dev.skein.samples.order;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.CompensatesUncertainEffect;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import dev.skein.samples.order.inventory.Inventory;
import dev.skein.samples.order.inventory.OutOfStockException;
import dev.skein.samples.order.inventory.Reservation;
import dev.skein.samples.order.payment.Authorisation;
import dev.skein.samples.order.payment.PaymentGateway;
import dev.skein.samples.order.payment.PaymentRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The order saga, a Skein graph of four tasks:
 * <pre>
 *                ┌─► reserve stock ─────┐
 * create order ──┤                      ├──► confirm order
 *                └─► authorise payment ─┘
 * </pre>
 * When any task fails, or the run's deadline passes, what succeeded is undone in reverse order: the
 * payment voided (or refunded), the stock released, the order marked FAILED. A payment call that failed or
 * was cut short may still have reached the service, so it is voided by order id all the same (an uncertain
 * effect). Every compensation is idempotent, so Skein may retry it ({@code compensation-retries}); and none
 * is given up when the request's own deadline interrupts the caller meanwhile: they go on to their end.
 *
 * <p>Stock is reserved and the payment authorised side by side: a confirmed order waits for the slower of the
 * two, not for both. The price is paid by the buyers of a sold-out product: each also authorises, and is
 * then voided by order id (or its authorisation cancelled in flight). The payment policy's circuit breaker
 * does not count a call cancelled so as a failure of the payment service (only failures, and calls cut by a
 * deadline, count).
 */
@ApplicationScoped
@TaskGraph(value = "place order", durable = true)
public class PlaceOrderSaga {

    @Inject
    OrderService orders;

    @Inject
    Inventory inventory;

    @Inject
    PaymentGateway payments;

    @Inject
    SagaStats stats;

    @Task("create order")
    CreatedOrder create(@GraphInput PlaceOrderCommand command) {
        return orders.create(command);
    }

    /**
     * Its compensation may queue behind every buyer of a sold-out product for the row's lock (hundreds, in a
     * burst): it gets longer per attempt than the graph's default.
     */
    @Task(value = "reserve stock", compensationTimeout = "5s")
    Reservation reserve(CreatedOrder order) {
        return inventory.reserve(order.id(), order.productId(), order.quantity());
    }

    /**
     * Through the named policy "payment": a circuit breaker, and a retry of the service's failures. Its compensation
     * (a void) may queue at the payment service behind a burst's authorisations: it too gets longer per attempt.
     */
    @Task(value = "authorise payment", policy = "payment", compensationTimeout = "5s")
    Authorisation authorise(CreatedOrder order) {
        return payments.authorise(order.id(), order.amountCents());
    }

    /**
     * Its compensation (a refund, or a void, at the payment service) may queue there behind a burst's slow captures and
     * authorisations, as the authorisation's does: it gets as long per attempt.
     */
    @Task(value = "confirm order", compensationTimeout = "5s")
    Confirmation confirm(CreatedOrder order, Reservation reservation, Authorisation authorisation) {
        if (!authorisation.approved()) {
            throw new PaymentRefusedException(authorisation);
        }
        payments.capture(order.id());
        orders.confirm(order.id());
        return new Confirmation(order.id());
    }

    /**
     * The order is FAILED once everything else is undone. {@link OrderPlacement} then writes the precise reason;
     * if the request's deadline took the caller away first, this reason stays.
     */
    @Compensates("create order")
    void markFailed(CreatedOrder order) {
        orders.fail(order.id(), FailureReasons.UNDONE);
    }

    /**
     * Writing the order failed or was cut short: it may have landed all the same, or may still be landing. A
     * repeated idempotency key or an unknown product is certain: nothing was written.
     */
    @CompensatesUncertainEffect("create order")
    void failUncertainOrder(@GraphInput PlaceOrderCommand command, Throwable why) {
        if (Causes.find(why, DuplicateOrderException.class).isEmpty() && Causes.find(why, UnknownProductException.class).isEmpty()) {
            orders.failIfWritten(command, FailureReasons.UNDONE);
        }
    }

    @Compensates("reserve stock")
    void release(Reservation reservation) {
        if (inventory.release(reservation.orderId())) {
            stats.compensated("release stock");
        }
    }

    /**
     * Cut short by the deadline, say, the reservation may have committed all the same, or may still be committing:
     * release by order id, once its transaction has ended. An empty shelf is certain: nothing was reserved, and
     * nothing is asked of the database.
     */
    @CompensatesUncertainEffect("reserve stock")
    void releaseUncertainReservation(CreatedOrder order, Throwable why) {
        if (Causes.find(why, OutOfStockException.class).isPresent()) {
            return;
        }
        if (inventory.releaseUncertain(order.id(), order.productId())) {
            stats.compensated("release uncertain stock");
        }
    }

    @Compensates("authorise payment")
    void voidPayment(Authorisation authorisation) {
        if (authorisation.approved()) {
            payments.voidOrRefund(authorisation.orderId());
            stats.compensated("void payment");
        }
    }

    /**
     * The call failed or was cut short: the service may have authorised all the same. Voiding by order id
     * also refuses an authorisation still on its way. A call the open breaker refused at every attempt sent
     * nothing: nothing to undo. (One whose first attempt failed, and so opened the breaker, may have been sent.)
     */
    @CompensatesUncertainEffect("authorise payment")
    void voidUncertainPayment(CreatedOrder order, Throwable why) {
        if (!Causes.refusedByTheBreakerOnly(why)) {
            payments.voidPayment(order.id());
            stats.compensated("void uncertain payment");
        }
    }

    /** Not reached today (confirming is the last task), but a later task would need it. */
    @Compensates("confirm order")
    void refund(Confirmation confirmation) {
        payments.voidOrRefund(confirmation.orderId());
        stats.compensated("refund payment");
    }

    /**
     * Capturing failed or was cut short: the money may have been taken. A refused authorisation was never captured.
     * (The order itself is marked FAILED by {@link OrderPlacement}, also if its confirmation committed.)
     */
    @CompensatesUncertainEffect("confirm order")
    void refundUncertainCapture(CreatedOrder order, Reservation reservation, Authorisation authorisation) {
        if (authorisation.approved()) {
            payments.voidOrRefund(order.id());
            stats.compensated("refund uncertain capture");
        }
    }
}
