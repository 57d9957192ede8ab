package dev.skein.samples.order.payment;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The payment service's HTTP API ({@code quarkus.rest-client.payment.url}). Every call is idempotent by
 * order id. Answers of 4xx and 5xx come back as responses, not exceptions
 * ({@code quarkus.rest-client.payment.disable-default-mapper}): {@link PaymentGateway} reads them. Calls made in
 * a Skein scope with a deadline send what is left of it in the {@code Skein-Budget-Ms} header.
 */
@RegisterRestClient(configKey = "payment")
@Path("/payments")
public interface PaymentClient {

    /** 200 AUTHORISED, 402 DECLINED, 409 VOIDED (a void came first), 503 an (injected) failure, 504 the budget ran out. */
    @POST
    @Path("/{orderId}/authorise")
    RestResponse<PaymentJson> authorise(@PathParam("orderId") String orderId, AuthoriseRequest request);

    /** 200 CAPTURED; 409 when not authorised. */
    @POST
    @Path("/{orderId}/capture")
    RestResponse<PaymentJson> capture(@PathParam("orderId") String orderId);

    /** 200 VOIDED, also for an order it never saw (a tombstone refuses a later authorise); 409 when captured. */
    @POST
    @Path("/{orderId}/void")
    RestResponse<PaymentJson> voidPayment(@PathParam("orderId") String orderId);

    /** 200 REFUNDED; 409 when not captured. */
    @POST
    @Path("/{orderId}/refund")
    RestResponse<PaymentJson> refund(@PathParam("orderId") String orderId);

    /** 200 the payment, 404 none. */
    @GET
    @Path("/{orderId}")
    RestResponse<PaymentJson> get(@PathParam("orderId") String orderId);

    @GET
    List<PaymentJson> all();
}
