package dev.skein.samples.order.payment;

/**
 * The payment service's answer to an authorisation: the saga's "authorise payment" result. A decline is an
 * answer, not a failure, so the payment policy neither retries it nor counts it against the breaker;
 * "confirm order" refuses an authorisation that is not {@link #approved()}.
 */
public record Authorisation(String orderId, long amountCents, Outcome outcome, String reason) {

    /** What the service answered. */
    public enum Outcome {
        /** The money is held: capture or void it. */
        AUTHORISED,
        /** The card was declined (402). */
        DECLINED,
        /** A void reached the service first (409): it refuses to authorise. */
        VOIDED
    }

    /** {@return whether the money is held} */
    public boolean approved() {
        return outcome == Outcome.AUTHORISED;
    }
}
