package dev.skein.samples.order;

import dev.skein.policy.Policies;
import dev.skein.samples.order.inventory.OutOfStockException;
import dev.skein.samples.order.payment.Authorisation;
import dev.skein.samples.order.payment.PaymentFailedException;
import dev.skein.samples.order.payment.PaymentRefusedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * {@code POST /orders/by-hand}: {@code POST /orders} with the saga written by hand ({@link PlaceOrderByHand}), for the
 * load benchmark. Same body, same admission ({@code orders-in}), same answers and failure reasons; the request
 * waits for the saga on its worker thread as the Skein endpoint waits for its graph.
 */
@Path("/orders/by-hand")
public class OrderByHandResource {

    @Inject
    PlaceOrderByHand saga;

    @Inject
    OrderService orders;

    /** {@return as {@link OrderResource#place}: 201 CONFIRMED, 409 FAILED with its reason, 200 for a repeat, 429, 404} */
    @POST
    public Response place(OrderRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) throws Exception {
        if (request == null || request.productId() == null || request.quantity() < 1) {
            throw new BadRequestException("an order needs a productId and a quantity of 1 or more");
        }
        PlaceOrderCommand command = new PlaceOrderCommand(UUID.randomUUID().toString(), request.productId(),
                request.quantity(), idempotencyKey);
        return Policies.get("orders-in").call(() -> place(command));
    }

    private Response place(PlaceOrderCommand command) throws InterruptedException {
        try {
            Confirmation confirmed = saga.place(command).get();
            return answer(load(confirmed.orderId()));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof PlaceOrderByHand.Failed failed)) {
                throw new IllegalStateException(e.getCause());
            }
            Throwable why = failed.getCause();
            if (why instanceof DuplicateOrderException repeat) {
                return Response.ok(load(repeat.existingOrderId())).build();
            }
            if (why instanceof UnknownProductException unknown) {
                throw unknown;
            }
            orders.fail(command.orderId(), reason(why));
            return answer(orders.find(command.orderId()).map(OrderJson::of).orElseThrow(() -> failed));
        }
    }

    private static Response answer(OrderJson order) {
        Response.Status status = order.status() == Order.Status.CONFIRMED ? Response.Status.CREATED : Response.Status.CONFLICT;
        return Response.status(status).location(URI.create("/orders/" + order.id())).entity(order).build();
    }

    private OrderJson load(String orderId) {
        return orders.find(orderId).map(OrderJson::of).orElseThrow();
    }

    /** The reasons {@link FailureReasons} gives the Skein saga's failures, for the same failures thrown by hand. */
    static String reason(Throwable failure) {
        if (failure instanceof TimeoutException) { // the saga's deadline
            return FailureReasons.DEADLINE;
        }
        if (Causes.find(failure, OutOfStockException.class).isPresent()) {
            return FailureReasons.OUT_OF_STOCK;
        }
        var refused = Causes.find(failure, PaymentRefusedException.class);
        if (refused.isPresent()) {
            return refused.get().authorisation().outcome() == Authorisation.Outcome.DECLINED ? FailureReasons.DECLINED
                    : FailureReasons.VOIDED;
        }
        if (Causes.find(failure, CircuitBreakerOpenException.class).isPresent()) {
            return FailureReasons.BREAKER_OPEN;
        }
        if (Causes.find(failure, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class).isPresent()) {
            return "payment service too slow";
        }
        if (Causes.find(failure, PaymentFailedException.class).isPresent()) {
            return FailureReasons.PAYMENT_FAILED;
        }
        return "failed: " + failure.getMessage();
    }
}
