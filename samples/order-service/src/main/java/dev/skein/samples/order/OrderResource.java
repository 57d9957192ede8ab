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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Orders: place one, read one, draw the run that placed it. */
@Path("/orders")
public class OrderResource {

    @Inject
    OrderPlacement placement;

    @Inject
    OrderService orders;

    @Inject
    RecentRuns runs;

    /**
     * Places an order. The request runs in a Skein scope named {@code place-order}, whose deadline is
     * {@code quarkus.skein.scope."place-order".timeout}; the saga's own, shorter one
     * ({@code quarkus.skein.graph."place order".timeout}) leaves it time to undo a cut saga and answer.
     * The named policy {@code orders-in} limits how many orders come in.
     *
     * @return 201 with the CONFIRMED order; 409 with the FAILED order, whose {@code reason} says why (out of
     *         stock, payment declined, ...: the order exists, it could not be completed); 200 with the first
     *         order when {@code Idempotency-Key} repeats an earlier request's (nothing new is created);
     *         429 with {@code Retry-After} past the rate limit; 404 for an unknown product; 504 (503) when the saga
     *         passed its deadline (failed otherwise) before the order was written: nothing was created
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

    /**
     * The timeline of the saga run that placed the order, as a Mermaid Gantt chart ({@code RunReport.toMermaidGantt()}):
     * a bar per task that ran, and the compensations in a section of their own. Only the last
     * 1,000 runs of this process are kept.
     *
     * @return 200 with the chart; 404 with a sentence saying why when the order is unknown or its run is no longer kept
     */
    @GET
    @Path("/{id}/timeline")
    @Produces(MediaType.TEXT_PLAIN)
    public Response timeline(@PathParam("id") String id) {
        if (orders.find(id).isEmpty()) {
            return notFound("no order " + id);
        }
        return runs.of(id).map(report -> Response.ok(report.toMermaidGantt()).build())
                .orElseGet(() -> notFound("the run of order " + id + " is no longer kept (this service keeps the last "
                        + RecentRuns.CAPACITY + " runs since it started)"));
    }

    private static Response notFound(String why) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN).entity(why).build();
    }
}
