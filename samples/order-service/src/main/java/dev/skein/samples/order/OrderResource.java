package dev.skein.samples.order;

import dev.skein.policy.Policies;
import dev.skein.quarkus.SkeinScope;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Orders: place one, read one. */
@Path("/orders")
public class OrderResource {

    @Inject
    OrderPlacement placement;

    @Inject
    OrderService orders;

    /**
     * Places an order. The request runs in a Skein scope named {@code place-order}, whose deadline is
     * {@code quarkus.skein.scope."place-order".timeout}; the saga's own, shorter one
     * ({@code quarkus.skein.graph."place order".timeout}) leaves it time to undo a cut saga and answer.
     * The named policy {@code orders-in} limits how many orders come in.
     *
     * @return 201 with the CONFIRMED order; 409 with the FAILED order, whose {@code reason} says why (out of
     *         stock, payment declined, ...: the order exists, it could not be completed); 200 with the first
     *         order when {@code Idempotency-Key} repeats an earlier request's (nothing new is created);
     *         429 with {@code Retry-After} past the rate limit; 404 for an unknown product
     */
    @POST
    @SkeinScope(name = "place-order")
    public Response place(OrderRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) throws Exception {
        if (request == null || request.productId() == null || request.quantity() < 1) {
            throw new BadRequestException("an order needs a productId and a quantity of 1 or more");
        }
        PlaceOrderCommand command = new PlaceOrderCommand(UUID.randomUUID().toString(), request.productId(),
                request.quantity(), idempotencyKey);
        OrderPlacement.Placed placed = Policies.get("orders-in").call(() -> placement.place(command));
        OrderJson order = placed.order();
        if (placed.repeat()) {
            return Response.ok(order).build();
        }
        Response.Status status = order.status() == Order.Status.CONFIRMED ? Response.Status.CREATED : Response.Status.CONFLICT;
        return Response.status(status).location(URI.create("/orders/" + order.id())).entity(order).build();
    }

    @GET
    @Path("/{id}")
    public OrderJson get(@PathParam("id") String id) {
        return orders.find(id).map(OrderJson::of).orElseThrow(() -> new NotFoundException("no order " + id));
    }
}
