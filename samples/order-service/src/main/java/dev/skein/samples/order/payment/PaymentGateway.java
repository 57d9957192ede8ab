package dev.skein.samples.order.payment;

import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The order service's side of the payment service: turns its answers into results and exceptions.
 * Declines are results ({@link Authorisation}); failures of the service (5xx, no answer) are
 * {@link PaymentFailedException}s; a call that contradicts the payment's state (capturing a voided one) is
 * an {@link IllegalStateException}.
 */
@ApplicationScoped
public class PaymentGateway {

    @Inject
    @RestClient
    PaymentClient client;

    /** Asks the service to hold the money. {@return its answer} */
    public Authorisation authorise(String orderId, long amountCents) {
        RestResponse<PaymentJson> answer = send("authorise", orderId, () -> client.authorise(orderId, new AuthoriseRequest(amountCents)));
        return switch (answer.getStatus()) {
            case 200 -> new Authorisation(orderId, amountCents, Authorisation.Outcome.AUTHORISED, null);
            case 402 -> new Authorisation(orderId, amountCents, Authorisation.Outcome.DECLINED, reason(answer));
            case 409 -> new Authorisation(orderId, amountCents, Authorisation.Outcome.VOIDED, reason(answer));
            default -> throw unexpected("authorise", orderId, answer);
        };
    }

    /** Takes the money held for the order. */
    public void capture(String orderId) {
        expectOk("capture", orderId, send("capture", orderId, () -> client.capture(orderId)));
    }

    /** Lets go of the money held for the order; the service remembers the void even if it never saw the order. */
    public void voidPayment(String orderId) {
        expectOk("void", orderId, send("void", orderId, () -> client.voidPayment(orderId)));
    }

    /** Gives the order's money back, whatever happened to it: voids it, or refunds it if it was captured. */
    public void voidOrRefund(String orderId) {
        RestResponse<PaymentJson> voided = send("void", orderId, () -> client.voidPayment(orderId));
        if (voided.getStatus() == 409) { // captured: only a refund gives it back
            expectOk("refund", orderId, send("refund", orderId, () -> client.refund(orderId)));
        } else {
            expectOk("void", orderId, voided);
        }
    }

    private static RestResponse<PaymentJson> send(String action, String orderId, Supplier<RestResponse<PaymentJson>> call) {
        try {
            return call.get();
        } catch (ProcessingException | VertxException e) { // no answer: refused, reset, or closed mid-call (Vert.x's own)
            throw new PaymentFailedException("payment service did not answer " + action + " of order " + orderId, 0, e);
        }
    }

    private static void expectOk(String action, String orderId, RestResponse<PaymentJson> answer) {
        if (answer.getStatus() != 200) {
            throw unexpected(action, orderId, answer);
        }
    }

    private static RuntimeException unexpected(String action, String orderId, RestResponse<PaymentJson> answer) {
        String message = "payment service answered " + action + " of order " + orderId + " with " + answer.getStatus()
                + (reason(answer) == null ? "" : ": " + reason(answer));
        return answer.getStatus() >= 500 ? new PaymentFailedException(message, answer.getStatus(), null)
                : new IllegalStateException(message);
    }

    private static String reason(RestResponse<PaymentJson> answer) {
        try {
            PaymentJson body = answer.getEntity();
            return body == null ? null : body.reason();
        } catch (RuntimeException unreadable) { // an answer without a JSON body (a proxy's 502, say)
            return null;
        }
    }
}
