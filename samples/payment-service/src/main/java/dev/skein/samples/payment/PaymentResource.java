package dev.skein.samples.payment;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The payment API the order saga calls. Authorise and capture wait the configured latency first (cut short by the
 * caller's {@code Skein-Budget-Ms}, answered 504), then may fail with 503 before any effect; every operation is
 * idempotent by order id.
 *
 * <table>
 * <caption>Answers</caption>
 * <tr><td>200</td><td>the payment, after the operation (or as an earlier identical one left it)</td></tr>
 * <tr><td>402</td><td>the authorisation was declined</td></tr>
 * <tr><td>404</td><td>capture or read of a payment that does not exist</td></tr>
 * <tr><td>409</td><td>the payment is in a state that does not allow the operation (authorise after a void, void after a capture)</td></tr>
 * <tr><td>503</td><td>an injected failure, before any effect</td></tr>
 * </table>
 */
@Path("/payments")
public class PaymentResource {

    /** A payment as the API shows it. */
    public record PaymentView(String orderId, Payment.Status status, long amountCents, String reason, Long budgetMs) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.orderId, p.status, p.amountCents, p.reason, p.budgetMs);
        }
    }

    /** The body of an authorisation. */
    public record Authorisation(long amountCents) {}

    /** The body of an error without a payment. */
    public record Problem(String reason) {}

    @Inject
    Payments payments;

    @Inject
    Faults faults;

    @POST
    @Path("/{orderId}/authorise")
    public Response authorise(@PathParam("orderId") String orderId, Authorisation body,
            @HeaderParam("Skein-Budget-Ms") Long budgetMs) throws InterruptedException {
        if (body == null || body.amountCents() <= 0) {
            return Response.status(400).entity(new Problem("amountCents must be a positive number of cents")).build();
        }
        faults.delay();
        if (faults.fails()) {
            return injectedFailure();
        }
        boolean decline = faults.declines();
        Payments.Outcome done = onceMoreOnRace(() -> payments.authorise(orderId, body.amountCents(), decline, budgetMs));
        if (done.allowed()) {
            return Response.ok(PaymentView.of(done.payment())).build();
        }
        int status = done.payment().status == Payment.Status.DECLINED ? 402 : 409;
        return Response.status(status).entity(PaymentView.of(done.payment())).build();
    }

    @POST
    @Path("/{orderId}/capture")
    public Response capture(@PathParam("orderId") String orderId) throws InterruptedException {
        faults.delay();
        if (faults.fails()) {
            return injectedFailure();
        }
        return payments.capture(orderId).map(PaymentResource::answer)
                .orElseGet(() -> Response.status(404).entity(new Problem("no payment for order " + orderId)).build());
    }

    @POST
    @Path("/{orderId}/void")
    public Response voidPayment(@PathParam("orderId") String orderId) {
        return answer(onceMoreOnRace(() -> payments.voidPayment(orderId)));
    }

    @POST
    @Path("/{orderId}/refund")
    public Response refund(@PathParam("orderId") String orderId) {
        return answer(onceMoreOnRace(() -> payments.refund(orderId)));
    }

    @GET
    @Path("/{orderId}")
    public Response get(@PathParam("orderId") String orderId) {
        return Payment.<Payment>findByIdOptional(orderId).map(p -> Response.ok(PaymentView.of(p)).build())
                .orElseGet(() -> Response.status(404).entity(new Problem("no payment for order " + orderId)).build());
    }

    @GET
    public List<PaymentView> all() {
        return Payment.<Payment>listAll().stream().map(PaymentView::of).toList();
    }

    private static Response answer(Payments.Outcome done) {
        return Response.status(done.allowed() ? 200 : 409).entity(PaymentView.of(done.payment())).build();
    }

    private static Response injectedFailure() {
        return Response.status(503).entity(new Problem("payment service failure (injected)")).build();
    }

    /**
     * Two first calls for one order (an authorisation and a void) may both find no row and both insert: the
     * second insert breaks the primary key, and its retry then finds the row the first one wrote.
     */
    private static <T> T onceMoreOnRace(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException) {
                    return operation.get();
                }
            }
            throw e;
        }
    }
}
